import Foundation
import Testing
@testable import V6CLI
import V6Core
import V6System

@Suite("CLI: the 2025 reorganisation (merge, rename, move, dissolve)")
struct ReorganisationCommandTests {
    func boxWithBoth() throws -> Sandbox {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        let source = Sandbox.repositoryRoot + "/examples/merge/tinh-lan-can"
        try box.write("lan-can/inventory.json", String(decoding: try FileSystem.readFile(source + "/inventory.json"), as: UTF8.self))
        for name in try FileSystem.listDirectory(source + "/agencies") {
            try box.write("lan-can/agencies/" + name, String(decoding: try FileSystem.readFile(source + "/agencies/" + name), as: UTF8.self))
        }
        return box
    }

    func counts(_ box: Sandbox, _ inventory: String) throws -> [String: Double] {
        let run = box.run("inventory", "validate", "--inventory", inventory, "--json")
        var result: [String: Double] = [:]
        for (k, v) in try JSONParser.parse(run.out).value["counts"]?.objectValue ?? [] { result[k] = v.doubleValue }
        return result
    }

    @Test("merging the neighbouring province: collisions give exit 2 and change nothing; with a prefix the counts add up and it validates")
    func mergeTheExamples() throws {
        let box = try boxWithBoth()
        let ours = try counts(box, "inv"), theirs = try counts(box, "lan-can")
        let before = try box.snapshot("inv")  // after the first reader made the lock file
        let refused = box.run("inventory", "merge", "lan-can", "--inventory", "inv")
        #expect(refused.code == .usage)
        #expect(refused.err.contains("id \"ubnd-tinh\" is also used in this inventory"), "\(refused.err)")
        #expect(try box.snapshot("inv") == before)
        let dry = box.run("inventory", "merge", "lan-can", "--inventory", "inv", "--id-prefix", "lancan-", "--parent", "ubnd-tinh", "--dry-run")
        #expect(dry.code == .success && dry.out.hasPrefix("Would merge"), "\(dry.err)")
        #expect(try box.snapshot("inv") == before)
        let merged = box.run("inventory", "merge", "lan-can", "--inventory", "inv", "--id-prefix", "lancan-", "--parent", "ubnd-tinh")
        #expect(merged.code == .success, "\(merged.err)")
        let after = try counts(box, "inv")
        for kind in ["agencies", "sites", "segments", "devices", "services"] { #expect(after[kind] == (ours[kind] ?? 0) + (theirs[kind] ?? 0), "\(kind)") }
        #expect(FileSystem.isRegularFile(box.path("inv/agencies/lancan-so-tttt.json")))
        // Dissolving the absorbed province's government hands its agencies to ours.
        let dissolved = box.run("inventory", "dissolve", "lancan-ubnd-tinh", "--date", "2025-07-01", "--inventory", "inv")
        #expect(dissolved.code == .success, "\(dissolved.err)")
        #expect(dissolved.out.contains("agency lancan-xa-dong-phu: parent lancan-ubnd-tinh → ubnd-tinh"))
        #expect(box.run("inventory", "validate", "--inventory", "inv").code == .success)
    }

    @Test("rename rewrites every reference in every file (no file names the old id any more)")
    func renameGrepsClean() throws {
        let box = try boxWithBoth()
        let run = box.run("inventory", "rename", "so-tttt", "so-khcn", "--inventory", "inv")
        #expect(run.code == .success, "\(run.err)")
        for (path, bytes) in try box.snapshot("inv") {
            #expect(!String(decoding: bytes, as: UTF8.self).contains("\"so-tttt\""), "\(path) still names so-tttt")
        }
        #expect(FileSystem.isRegularFile(box.path("inv/agencies/so-khcn.json")) && !FileSystem.exists(box.path("inv/agencies/so-tttt.json")))
        let device = box.run("inventory", "rename", "huyen-an-binh-lan", "an-binh-lan", "--inventory", "inv", "--json")
        let changes = try JSONParser.parse(device.out).value["changes"]?.arrayValue ?? []
        #expect(changes.count > 1, "the segment's devices follow it")
        #expect(box.run("inventory", "validate", "--inventory", "inv").code == .success)
        #expect(box.run("inventory", "rename", "so-khcn", "so-gddt", "--inventory", "inv").code == .usage)
    }

    @Test("move puts a commune under the province; a loop is refused")
    func move() throws {
        let box = try boxWithBoth()
        #expect(box.run("inventory", "move", "xa-tan-phu", "--parent", "ubnd-tinh", "--inventory", "inv").code == .success)
        let loop = box.run("inventory", "move", "ubnd-tinh", "--parent", "xa-tan-phu", "--inventory", "inv")
        #expect(loop.code == .usage && loop.err.contains("loop"))
        #expect(box.run("inventory", "move", "xa-tan-phu", "--inventory", "inv").err.contains("--parent is required"))
    }
}
