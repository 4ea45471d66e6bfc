import Foundation
import Testing
@testable import V6System

@Suite("Journaled commits: several files as one change that survives a kill")
struct JournaledCommitTests {
    func contents(_ scratch: ScratchDirectory) throws -> [String: String] {
        var result: [String: String] = [:]
        for name in try FileSystem.listDirectory(scratch.path) where !FileSystem.isDirectory(scratch.file(name)) {
            result[name] = String(decoding: try FileSystem.readFile(scratch.file(name)), as: UTF8.self)
        }
        return result
    }

    @Test("a commit writes, removes, and leaves neither journal nor temporary files")
    func commits() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        try AtomicFile.write("old a", to: scratch.file("a"))
        try AtomicFile.write("gone", to: scratch.file("c"))
        var steps: [Int] = []
        try JournaledCommit.commit(in: scratch.path, writing: [("a", Array("new a".utf8)), ("b", Array("new b".utf8))],
                                   removing: ["c"], afterStep: { steps.append($0) })
        #expect(try contents(scratch) == ["a": "new a", "b": "new b"])
        #expect(steps == [0, 1, 2, 3])
    }

    @Test("a journal left by a killed commit is rolled forward by recover, whichever renames were done")
    func recoversAfterEveryStep() throws {
        for done in 0...2 {
            let scratch = try ScratchDirectory()
            defer { scratch.cleanUp() }
            try AtomicFile.write("old a", to: scratch.file("a"))
            try AtomicFile.write("old b", to: scratch.file("b"))
            // What a commit killed after `done` renames leaves behind.
            let temporaries = [".a.tmp.1.1", ".b.tmp.1.2"]
            try AtomicFile.write("new a", to: scratch.file(temporaries[0]))
            try AtomicFile.write("new b", to: scratch.file(temporaries[1]))
            try AtomicFile.write("v6ready journal 1\nrename\t\(temporaries[0])\ta\nrename\t\(temporaries[1])\tb\nremove\tc\nend\n",
                                 to: scratch.file(JournaledCommit.journalName))
            for index in 0..<done { try FileSystem.rename(scratch.file(temporaries[index]), to: scratch.file(index == 0 ? "a" : "b")) }
            #expect(try JournaledCommit.recover(in: scratch.path))
            #expect(try contents(scratch) == ["a": "new a", "b": "new b"], "after \(done) renames")
            #expect(try !JournaledCommit.recover(in: scratch.path))
        }
    }

    @Test("a journal that names paths outside the folder, or is cut short, is set aside and not obeyed")
    func refusesForeignJournals() throws {
        #expect(JournaledCommit.parse("v6ready journal 1\nrename\t.a.tmp.1.1\t../etc/passwd\nend\n") == nil)
        #expect(JournaledCommit.parse("v6ready journal 1\nremove\t/etc/passwd\nend\n") == nil)
        #expect(JournaledCommit.parse("v6ready journal 1\nremove\ta\n") == nil)
        #expect(JournaledCommit.parse("v6ready journal 1\nrename\tnot-a-temporary\ta\nend\n") == nil)
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        try AtomicFile.write("keep", to: scratch.file("a"))
        try AtomicFile.write("v6ready journal 1\nremove\t../a\nend\n", to: scratch.file(JournaledCommit.journalName))
        #expect(try JournaledCommit.recover(in: scratch.path))
        #expect(try contents(scratch)["a"] == "keep")
        #expect(FileSystem.exists(scratch.file(JournaledCommit.journalName + ".bad")))
    }
}
