import Foundation
import Testing
@testable import V6CLI
import V6System
import V6TestSupport

/// Issue 13 item 2 rerun: `-o /dev/null` (a device node made with mknod in a sandbox, never the system's own),
/// a FIFO, `-`, symbolic links, folders and modes, through the executable.
@Suite("Output paths: devices written in place, never replaced; - is stdout; modes kept")
struct ReportWriterTests {
    func export(_ output: String, in box: Sandbox) throws -> ExecutableRun {
        try runV6ready(["inventory", "export", "--inventory", "inv", "-o", output], in: box.directory)
    }

    @Test("-o on a character device (a mknod copy of /dev/null) writes into it and leaves the node a device",
          .enabled(if: currentUserIsRoot, "mknod needs root; skipped"))
    func characterDevice() throws {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        #expect(mknod(box.path("null"), S_IFCHR | 0o666, 259 /* makedev(1, 3) */) == 0)
        for arguments in [["inventory", "export", "--inventory", "inv", "-o", "null"], ["manpage", "-o", "null"],
                          ["addrplan", "--inventory", "inv", "--csv", "null"]] {
            let run = try runV6ready(arguments, in: box.directory)
            #expect(run.status == 0, "\(arguments): \(run.err)")
            #expect(OutputPath.kind(of: box.path("null")) == .writeThrough("a character device"), "\(arguments) replaced the node")
        }
        // A symbolic link to a device, as /dev/stdout is: written through, the link stays.
        try FileManager.default.createSymbolicLink(atPath: box.path("stdout-link"), withDestinationPath: box.path("null"))
        #expect(try export("stdout-link", in: box).status == 0)
        #expect(OutputPath.kind(of: box.path("stdout-link")) == .writeThrough("a character device"))
    }

    @Test("a FIFO with a reader gets the bytes; one without a reader fails at once (exit 3) instead of hanging")
    func fifo() throws {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        #expect(mkfifo(box.path("pipe"), 0o600) == 0)
        let noReader = try export("pipe", in: box)
        #expect(noReader.status == 3, "\(noReader.err)")
        #expect(OutputPath.kind(of: box.path("pipe")) == .writeThrough("a FIFO"))
        let reader = try runProgram("/bin/sh", ["-c", "cat pipe > got & sleep 0.3; \(try v6readyPath()) inventory export --inventory inv -o pipe; wait"],
                                    in: box.directory)
        #expect(reader.status == 0, "\(reader.err)")
        #expect(String(decoding: try box.read("got"), as: UTF8.self).hasPrefix("id,agency,"))
        #expect(OutputPath.kind(of: box.path("pipe")) == .writeThrough("a FIFO"))
    }

    @Test("- is standard output; a directory or a symbolic link to a file is refused with exit 2 and left alone")
    func dashAndRefusals() throws {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        let stdout = try export("-", in: box)
        #expect(stdout.status == 0 && stdout.out.hasPrefix("id,agency,"), "\(stdout.err)")
        #expect(!FileSystem.exists(box.path("-")))
        try FileSystem.createDirectory(box.path("folder"))
        let folder = try export("folder", in: box)
        #expect(folder.status == 2 && folder.err.contains("a directory"), "\(folder.err)")
        try box.write("target.csv", "old")
        try FileManager.default.createSymbolicLink(atPath: box.path("link.csv"), withDestinationPath: box.path("target.csv"))
        let link = try export("link.csv", in: box)
        #expect(link.status == 2 && link.err.contains("symbolic link"), "\(link.err)")
        #expect(try box.read("target.csv") == Array("old".utf8))
    }

    @Test("a replaced file keeps its mode (0600 stays 0600); a new file honours the umask")
    func modes() throws {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        try box.write("secret.csv", "old")
        chmod(box.path("secret.csv"), 0o600)
        #expect(try export("secret.csv", in: box).status == 0)
        #expect(try FileSystem.permissions(of: box.path("secret.csv")) == 0o600)
        let run = try runProgram("/bin/sh", ["-c", "umask 077 && exec \(try v6readyPath()) inventory export --inventory inv -o new.csv"], in: box.directory)
        #expect(run.status == 0, "\(run.err)")
        #expect(try FileSystem.permissions(of: box.path("new.csv")) == 0o600)
    }

    @Test("with root's rights a planted reports -> elsewhere symlink, or another user's folder others may write, is refused",
          .enabled(if: currentUserIsRoot, "needs root; skipped"))
    func plantedSymlink() throws {
        let box = try Sandbox()
        try FileSystem.createDirectory(box.path("elsewhere"))
        try FileManager.default.createSymbolicLink(atPath: box.path("reports"), withDestinationPath: box.path("elsewhere"))
        lchown(box.path("reports"), 65534, 65534)
        let console = Console.capturing(workingDirectory: box.directory)
        #expect(throws: CLIError.self) { try ReportWriter(directory: "reports/tinh", console: console).write([("plan.md", Array("x".utf8))]) }
        #expect(try FileSystem.listDirectory(box.path("elsewhere")).isEmpty)
        try FileSystem.createDirectory(box.path("shared"))
        chown(box.path("shared"), 65534, 65534)
        chmod(box.path("shared"), 0o777)
        #expect(throws: CLIError.self) { try ReportWriter.writeFile(Array("x".utf8), to: "shared/x.prom", console: console) }
        #expect(!FileSystem.exists(box.path("shared/x.prom")))
        // An ordinary folder of root's is fine.
        try ReportWriter(directory: "mine", console: console).write([("plan.md", Array("x".utf8))])
        #expect(try box.read("mine/plan.md") == Array("x".utf8))
    }
}
