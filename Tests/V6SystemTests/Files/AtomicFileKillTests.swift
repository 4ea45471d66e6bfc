import Foundation
import Testing
@testable import V6System

/// Kills a real writer process (v6ready-testwriter, which loops over AtomicFile.write) with SIGKILL at random
/// moments and checks that the target is always one whole generation — never torn, never missing.
@Suite struct AtomicFileKillTests {
    static let size = 8 << 20

    /// Generation g: the 8-byte little-endian g repeated, exactly as v6ready-testwriter writes it.
    static func payload(generation: UInt64) -> [UInt8] {
        [UInt64](repeating: generation.littleEndian, count: size / 8).withUnsafeBytes { Array($0) }
    }

    /// The generation number at the start of the file, read without reading all of it.
    static func leadingGeneration(_ path: String) throws -> UInt64 {
        let descriptor = try FileDescriptor.open(path, .readOnly)
        defer { try? descriptor.close() }
        var word: UInt64 = 0
        let count = try withUnsafeMutableBytes(of: &word) { buffer in
            Result { () throws(SystemError) in try descriptor.read(into: buffer) }
        }.get()
        #expect(count == 8)
        return UInt64(littleEndian: word)
    }

    /// The first offset where `content` differs from `expected` (the shorter length if one is a prefix).
    static func firstDifference(_ content: [UInt8], _ expected: [UInt8]) -> Int? {
        if content == expected { return nil }
        let common = min(content.count, expected.count)
        return (0..<common).first { content[$0] != expected[$0] } ?? common
    }

    @Test func killedWriterLeavesOneWholeGeneration() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("inventory.json")
        try AtomicFile.write(Self.payload(generation: 0), to: path)
        var killsWithTemporaryFileLeft = 0
        for round in 1...20 {
            let first = UInt64(round) * 1_000_000
            let before = try Self.leadingGeneration(path)
            let writer = try startHelper(["write", path, "\(Self.size)", "\(first)"])
            // Whatever fails below, the writer must not outlive the test.
            defer {
                if writer.process.isRunning {
                    try? Signal.kill.send(to: writer.process.processIdentifier)
                    writer.process.waitUntilExit()
                }
            }
            // Wait for the writer to have replaced the file at least once.
            let deadline = Date().addingTimeInterval(30)
            while try Self.leadingGeneration(path) == before {
                try #require(writer.process.isRunning, "the writer stopped on its own")
                try #require(Date() < deadline, "the writer never replaced the file")
                try await Task.sleep(for: .milliseconds(1))
            }
            try await Task.sleep(for: .microseconds(Int.random(in: 0...50_000)))
            try Signal.kill.send(to: writer.process.processIdentifier)
            writer.process.waitUntilExit()
            #expect(writer.process.terminationReason == .uncaughtSignal)

            let content = try FileSystem.readFile(path)
            let generation = try Self.leadingGeneration(path)
            #expect(generation >= first, "round \(round): the file went back to generation \(generation)")
            // Compared by hand: a failed #expect on two 8 MB arrays would try to print their difference.
            let tornAt = Self.firstDifference(content, Self.payload(generation: generation))
            #expect(tornAt == nil, "round \(round): \(content.count) bytes, torn at byte \(tornAt ?? -1)")

            let leftovers = try FileSystem.listDirectory(scratch.path).filter(AtomicFile.isTemporaryFileName)
            if !leftovers.isEmpty { killsWithTemporaryFileLeft += 1 }
            let removed = try AtomicFile.removeStaleTemporaryFiles(inDirectory: scratch.path)
            #expect(removed.count == leftovers.count)
            #expect(try FileSystem.listDirectory(scratch.path) == ["inventory.json"])
        }
        // Evidence that the kills landed in the middle of writes, not only between them.
        #expect(killsWithTemporaryFileLeft > 0)
    }
}
