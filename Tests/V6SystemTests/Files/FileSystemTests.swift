import Foundation
import Testing
@testable import V6System

@Suite struct FileSystemTests {
    @Test func readFileOfMissingPathThrowsErrorNamingThePath() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("missing.json")
        let error = try #require(throws: SystemError.self) { try FileSystem.readFile(path) }
        #expect(error.errno == .noSuchFileOrDirectory)
        #expect(error.description == "open(\"\(path)\"): No such file or directory")
    }

    @Test func readFileReturnsEveryByte() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        // Larger than one 64 KiB read, and not a multiple of it.
        let bytes = (0..<200_003).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(bytes).write(to: URL(fileURLWithPath: scratch.file("blob")))
        #expect(try FileSystem.readFile(scratch.file("blob")) == bytes)
    }

    @Test func createDirectoryRecursiveMakesParentsAndAcceptsExisting() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let deep = scratch.file("a/b/c")
        try FileSystem.createDirectory(deep, recursive: true)
        #expect(FileSystem.isDirectory(deep))
        try FileSystem.createDirectory(deep, recursive: true)
        let error = try #require(throws: SystemError.self) { try FileSystem.createDirectory(deep) }
        #expect(error.errno == .fileExists)
        #expect(error.call == "mkdir")
    }

    @Test func createDirectoryRecursiveFailsWhereAFileIsInTheWay() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        try AtomicFile.write("x", to: scratch.file("file"))
        let error = try #require(throws: SystemError.self) {
            try FileSystem.createDirectory(scratch.file("file/sub"), recursive: true)
        }
        #expect(error.path == scratch.file("file"))
        #expect(error.errno == .fileExists)
    }

    @Test func listDirectoryIsSortedWithoutDotEntries() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        for name in ["b.json", "a.json", ".hidden", "c"] {
            try AtomicFile.write(name, to: scratch.file(name))
        }
        #expect(try FileSystem.listDirectory(scratch.path) == [".hidden", "a.json", "b.json", "c"])
        let error = try #require(throws: SystemError.self) { try FileSystem.listDirectory(scratch.file("nope")) }
        #expect(error.call == "opendir")
    }

    @Test func existsIsDirectoryAndRemove() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let file = scratch.file("f")
        #expect(!FileSystem.exists(file))
        try AtomicFile.write("x", to: file)
        #expect(FileSystem.exists(file))
        #expect(FileSystem.isRegularFile(file))
        #expect(!FileSystem.isDirectory(file))
        #expect(FileSystem.isDirectory(scratch.path))
        try FileSystem.remove(file)
        #expect(!FileSystem.exists(file))
        let error = try #require(throws: SystemError.self) { try FileSystem.remove(file) }
        #expect(error.errno == .noSuchFileOrDirectory)
    }

    @Test func removeRecursivelyRemovesATreeButNotASymlinkTarget() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        try FileSystem.createDirectory(scratch.file("tree/a/b"), recursive: true)
        try AtomicFile.write("x", to: scratch.file("tree/a/b/f"))
        try FileSystem.createDirectory(scratch.file("keep"))
        try AtomicFile.write("kept", to: scratch.file("keep/f"))
        try FileManager.default.createSymbolicLink(atPath: scratch.file("tree/link"),
                                                   withDestinationPath: scratch.file("keep"))
        try FileSystem.removeRecursively(scratch.file("tree"))
        #expect(!FileSystem.exists(scratch.file("tree")))
        #expect(try FileSystem.readFile(scratch.file("keep/f")) == Array("kept".utf8))
        try FileSystem.removeRecursively(scratch.file("tree"))  // Already gone: not an error.
    }

    @Test func pathComponents() {
        #expect(FileSystem.directoryName(of: "inventories/x/a.json") == "inventories/x")
        #expect(FileSystem.directoryName(of: "a.json") == ".")
        #expect(FileSystem.directoryName(of: "/a.json") == "/")
        #expect(FileSystem.baseName(of: "inventories/x/a.json") == "a.json")
        #expect(FileSystem.baseName(of: "a.json") == "a.json")
    }

    @Test func processHelpers() throws {
        #expect(currentProcessID == ProcessInfo.processInfo.processIdentifier)
        #expect(processExists(currentProcessID))
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        try AtomicFile.write("x", to: scratch.file("f"))
        let descriptor = try FileDescriptor.open(scratch.file("f"), .readOnly)
        #expect(!isTerminal(fileDescriptor: descriptor.rawValue))
        try descriptor.close()
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        #expect(!processExists(finished.processIdentifier))
    }
}
