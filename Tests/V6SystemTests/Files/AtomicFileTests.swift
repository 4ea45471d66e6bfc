import Foundation
import Testing
@testable import V6System

@Suite struct AtomicFileTests {
    @Test func writeReplacesContentAndLeavesNoTemporaryFile() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("a.json")
        try AtomicFile.write("old content that is longer", to: path)
        try AtomicFile.write("new", to: path)
        #expect(try FileSystem.readFile(path) == Array("new".utf8))
        #expect(try FileSystem.listDirectory(scratch.path) == ["a.json"])
    }

    /// The umask of this process, read from /proc (calling umask(2) to read it would change it for every thread).
    static var umask: mode_t {
        let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("Umask:") }
        return line.flatMap { mode_t($0.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) } ?? 0o022
    }

    @Test("a new file gets the requested permissions less the umask; a replaced file keeps its mode whatever is requested",
          arguments: [0o600, 0o640, 0o644, 0o664] as [FilePermissions])
    func newFilesHonourTheUmaskReplacedFilesKeepTheirMode(permissions: FilePermissions) throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("a.json")
        try AtomicFile.write("first", to: path, permissions: permissions)
        #expect(try FileSystem.permissions(of: path) == FilePermissions(rawValue: permissions.rawValue & ~Self.umask))
        #expect(chmod(path, 0o604) == 0)
        try AtomicFile.write("second", to: path, permissions: permissions)
        #expect(try FileSystem.permissions(of: path) == 0o604)
    }

    @Test("rename never replaces a device node, a FIFO or a symbolic link: EEXIST, the node stays, no temporary is left")
    func neverReplacesANonRegularFile() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        #expect(mkfifo(scratch.file("fifo"), 0o600) == 0)
        #expect(symlink(scratch.file("fifo"), scratch.file("link")) == 0)
        for name in ["fifo", "link"] {
            let error = try #require(throws: SystemError.self) { try AtomicFile.write("x", to: scratch.file(name)) }
            #expect(error.errno == .fileExists)
            let error2 = try #require(throws: SystemError.self) { try AtomicFile.writeAll([(scratch.file(name), Array("x".utf8))]) }
            #expect(error2.errno == .fileExists)
            // A stream into a FIFO nobody reads fails at once (ENXIO) rather than replacing or hanging.
            #expect(throws: SystemError.self) { try AtomicFileStream(path: scratch.file(name)) }
        }
        #expect(OutputPath.kind(of: scratch.file("fifo")) == .writeThrough("a FIFO"))
        #expect(OutputPath.kind(of: scratch.file("link")) == .writeThrough("a FIFO"))
        #expect(try FileSystem.listDirectory(scratch.path).sorted() == ["fifo", "link"])
    }

    @Test func writeIntoMissingDirectoryThrowsNamingTheTargetAndChangesNothing() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("missing/a.json")
        let error = try #require(throws: SystemError.self) { try AtomicFile.write("x", to: path) }
        #expect(error.description == "open(\"\(path)\"): No such file or directory")
        #expect(try FileSystem.listDirectory(scratch.path).isEmpty)
    }

    @Test func writeOverADirectoryFailsAndRemovesTheTemporaryFile() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        try FileSystem.createDirectory(scratch.file("a.json"))
        let error = try #require(throws: SystemError.self) { try AtomicFile.write("x", to: scratch.file("a.json")) }
        #expect(error.call == "rename")
        #expect(try FileSystem.listDirectory(scratch.path) == ["a.json"])
    }

    @Test func writeAllReplacesEveryFile() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        try FileSystem.createDirectory(scratch.file("sub"))
        let files = [(path: scratch.file("a.json"), bytes: Array("A".utf8)),
                     (path: scratch.file("sub/b.json"), bytes: Array("B".utf8))]
        try AtomicFile.write("old", to: files[0].path, permissions: 0o640)
        try AtomicFile.writeAll(files, permissions: 0o600)
        for file in files { #expect(try FileSystem.readFile(file.path) == file.bytes) }
        #expect(try FileSystem.permissions(of: files[0].path) == FilePermissions(rawValue: 0o640 & ~Self.umask))
        #expect(try FileSystem.permissions(of: files[1].path) == FilePermissions(rawValue: 0o600 & ~Self.umask))
        #expect(try FileSystem.listDirectory(scratch.path) == ["a.json", "sub"])
        #expect(try FileSystem.listDirectory(scratch.file("sub")) == ["b.json"])
    }

    @Test func writeAllChangesNothingWhenOneTargetCannotBeWritten() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let first = scratch.file("a.json")
        let last = scratch.file("c.json")
        try AtomicFile.write("old a", to: first)
        try AtomicFile.write("old c", to: last)
        let files = [(path: first, bytes: Array("new a".utf8)),
                     (path: scratch.file("missing/b.json"), bytes: Array("new b".utf8)),
                     (path: last, bytes: Array("new c".utf8))]
        let error = try #require(throws: SystemError.self) { try AtomicFile.writeAll(files) }
        #expect(error.path == scratch.file("missing/b.json"))
        #expect(try FileSystem.readFile(first) == Array("old a".utf8))
        #expect(try FileSystem.readFile(last) == Array("old c".utf8))
        #expect(try FileSystem.listDirectory(scratch.path) == ["a.json", "c.json"])
    }

    @Test func writeAllChangesNothingWhenTheLastTargetIsADirectory() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let first = scratch.file("a.json")
        try AtomicFile.write("old a", to: first)
        try FileSystem.createDirectory(scratch.file("b.json"))
        let files = [(path: first, bytes: Array("new a".utf8)),
                     (path: scratch.file("b.json"), bytes: Array("new b".utf8))]
        let error = try #require(throws: SystemError.self) { try AtomicFile.writeAll(files) }
        #expect(error.errno == .isDirectory)
        #expect(try FileSystem.readFile(first) == Array("old a".utf8))
        #expect(try FileSystem.listDirectory(scratch.path) == ["a.json", "b.json"])
    }

    @Test func temporaryFileNamesAreRecognised() {
        let temporary = FileSystem.baseName(of: AtomicFile.temporaryPath(for: "inventories/x/a.json"))
        #expect(temporary.hasPrefix(".a.json.tmp.\(currentProcessID)."))
        #expect(AtomicFile.isTemporaryFileName(temporary))
        #expect(AtomicFile.temporaryFileOwner(".a.json.tmp.1234.deadbeef") == 1234)
        for name in ["a.json", ".hidden", ".a.json.tmp", ".a.tmp.x.beef", ".a.tmp.12.", "a.tmp.12.beef",
                     ".a.tmp.12.nothex"] {
            #expect(!AtomicFile.isTemporaryFileName(name), "\(name)")
        }
        #expect(AtomicFile.temporaryPath(for: "a.json").hasPrefix(".a.json.tmp."))
    }

    @Test func staleTemporaryFilesOfDeadWritersAreRemovedAndLiveOnesKept() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = ".a.json.tmp.\(finished.processIdentifier).abc123"
        let live = ".a.json.tmp.\(currentProcessID).abc123"
        for name in [dead, live, "a.json"] { try AtomicFile.write(name, to: scratch.file(name)) }
        let removed = try AtomicFile.removeStaleTemporaryFiles(inDirectory: scratch.path)
        #expect(removed == [scratch.file(dead)])
        #expect(try FileSystem.listDirectory(scratch.path) == [live, "a.json"])
    }
}
