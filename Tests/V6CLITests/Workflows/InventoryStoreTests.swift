import Foundation
import Testing
@testable import V6CLI
import V6Core
import V6System
import V6TestSupport

/// Issue 13 item 6 rerun: no kill loses the inventory, ids that would hide their record, init over files, modes.
@Suite("Inventory store: journaled edits, ids, init, modes")
struct InventoryStoreTests {
    static func environment(killAt step: Int) -> [String: String] {
        ProcessInfo.processInfo.environment.merging(["V6READY_TEST_KILL_AT_STEP": "\(step)"]) { $1 }
    }

    @Test("renaming the top agency (every agency file changes, one is removed) killed after each step: the next command rolls it forward")
    func killAtEveryStep() throws {
        var step = 0
        var killedRuns = 0
        while step < 64 {
            let box = try Sandbox()
            try box.copyExample(to: "inv")
            let rename = try runV6ready(["inventory", "rename", "ubnd-tinh", "ubnd-tinh-moi", "--inventory", "inv"], in: box.directory,
                                        environment: Self.environment(killAt: step))
            if !rename.killedBySignal {
                #expect(rename.status == 0, "\(rename.err)")
                break  // Past the last step: the edit completed.
            }
            killedRuns += 1
            #expect(rename.status == SIGKILL)
            // Any command that reads finishes the edit first; the inventory validates and is the new one.
            let validate = try runV6ready(["inventory", "validate", "--inventory", "inv"], in: box.directory)
            #expect(validate.status == 0, "killed after step \(step): \(validate.out)\(validate.err)")
            let show = try runV6ready(["inventory", "show", "ubnd-tinh-moi", "--inventory", "inv"], in: box.directory)
            #expect(show.status == 0, "killed after step \(step): the rename was not rolled forward: \(show.err)")
            #expect(!FileSystem.exists(box.path("inv/agencies/ubnd-tinh.json")))
            #expect(!FileSystem.exists(box.path("inv/" + JournaledCommit.journalName)))
            let leftovers = try FileSystem.listDirectory(box.path("inv/agencies")).filter(AtomicFile.isTemporaryFileName)
            #expect(leftovers.isEmpty, "\(leftovers)")
            step += 1
        }
        #expect(killedRuns > 10, "the rename should take many steps (one per agency file), saw \(killedRuns)")
    }

    @Test("a kill before the journal leaves only stale temporary files; the next edit removes them and the old inventory loads")
    func killBeforeTheJournal() throws {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        let before = try box.snapshot("inv")
        // A temporary file of a writer that no longer runs (pid 2^22 - 1 is above the default pid_max).
        try box.write("inv/agencies/.so-tc.json.tmp.4194303.abc", "{}")
        #expect(try runV6ready(["inventory", "validate", "--inventory", "inv"], in: box.directory).status == 0)
        let edit = try runV6ready(["inventory", "move", "xa-tan-phu", "--parent", "ubnd-tinh", "--inventory", "inv"], in: box.directory)
        #expect(edit.status == 0, "\(edit.err)")
        #expect(!FileSystem.exists(box.path("inv/agencies/.so-tc.json.tmp.4194303.abc")))
        #expect(try box.snapshot("inv").keys.sorted() == before.keys.sorted())
    }

    @Test("ids that start with \".\" or are longer than 128 characters are refused (the record would vanish)")
    func idShapes() throws {
        #expect(InventoryValidator.idShapeProblem(".hidden") != nil)
        #expect(InventoryValidator.idShapeProblem(String(repeating: "a", count: 129)) != nil)
        #expect(InventoryValidator.idShapeProblem(String(repeating: "a", count: 128)) == nil)
        #expect(InventoryValidator.idShapeProblem("so-tc.v2") == nil)
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        let before = try box.snapshot("inv")
        let added = box.run("inventory", "add", "agency", "--inventory", "inv", "--id", ".an", "--name", "An", "--parent", "ubnd-tinh")
        #expect(added.code == .usage, "\(added.err)")
        #expect(box.run("init", "other", "--agency-id", ".x").code == .usage)
        // Written into a file by hand, validation names it.
        var text = String(decoding: try box.read("inv/agencies/so-tc.json"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"id\": \"so-tc-wifi\"", with: "\"id\": \".so-tc-wifi\"")
        try box.write("inv/agencies/so-tc.json", text)
        let validate = box.run("inventory", "validate", "--inventory", "inv")
        #expect(validate.code == .usage && validate.err.contains("may not start with"), "\(validate.err)")
        #expect(before["inv/agencies/so-tc.json"] != nil)
    }

    @Test("init refuses a folder that is not empty and changes nothing in it")
    func initRefusesNonEmpty() throws {
        let box = try Sandbox()
        try box.write("inv/agencies/province.json", "{\"mine\": true}")
        let run = box.run("init", "inv")
        #expect(run.code == .usage && run.err.contains("not empty"), "\(run.err)")
        #expect(try box.read("inv/agencies/province.json") == Array("{\"mine\": true}".utf8))
        #expect(box.run("init", "fresh").code == .success)
    }

    @Test("an edit keeps a 0600 agency file 0600")
    func editKeepsMode() throws {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        chmod(box.path("inv/agencies/xa-tan-phu.json"), 0o600)
        #expect(box.run("inventory", "move", "xa-tan-phu", "--parent", "ubnd-tinh", "--inventory", "inv").code == .success)
        #expect(try FileSystem.permissions(of: box.path("inv/agencies/xa-tan-phu.json")) == 0o600)
    }

    @Test("a reader waits for the shared lock while an edit holds the exclusive one")
    func readersTakeASharedLock() throws {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        let lock = try FileLock.acquire(path: box.path("inv/" + InventoryStore.lockFileName), wait: false)
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { try? lock.release() }
        let run = box.run("inventory", "validate", "--inventory", "inv")
        #expect(run.code == .success, "\(run.err)")
        #expect(Date().timeIntervalSince(started) >= 0.4, "the reader did not wait for the edit")
        let shared = try FileLock.acquire(path: box.path("inv/" + InventoryStore.lockFileName), wait: false, shared: true)
        #expect(box.run("inventory", "validate", "--inventory", "inv").code == .success, "two readers at once")
        try shared.release()
    }
}
