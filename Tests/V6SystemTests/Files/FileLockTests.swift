import Foundation
import Testing
@testable import V6System

@Suite struct FileLockTests {
    @Test func secondNonWaitingAcquireInTheSameProcessIsHeld() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file(".v6ready.lock")
        let first = try FileLock.acquire(path: path, wait: false)
        #expect(throws: LockError.held(path: path)) { try FileLock.acquire(path: path, wait: false) }
        try first.release()
        try first.release()  // A second release does nothing.
        let again = try FileLock.acquire(path: path, wait: false)
        try again.release()
    }

    @Test func droppingTheLockObjectReleasesIt() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file(".v6ready.lock")
        do {
            let held = try FileLock.acquire(path: path, wait: false)
            #expect(held.path == path)
        }
        let again = try FileLock.acquire(path: path, wait: false)
        try again.release()
    }

    @Test func lockHeldByAnotherProcessIsReportedAndFreedWhenItExits() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file(".v6ready.lock")
        let holder = try startHelper(["hold-lock", path])
        #expect(readLine(from: holder.output) == "locked")
        let error = try #require(throws: LockError.self) { try FileLock.acquire(path: path, wait: false) }
        #expect(error.description == "another v6ready process holds the lock on \(path)")
        try holder.input.fileHandleForWriting.close()
        holder.process.waitUntilExit()
        #expect(holder.process.terminationStatus == 0)
        let lock = try FileLock.acquire(path: path, wait: false)
        try lock.release()
    }

    @Test func anotherProcessCannotTakeALockWeHold() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file(".v6ready.lock")
        let lock = try FileLock.acquire(path: path, wait: false)
        let contender = try startHelper(["hold-lock", path])
        #expect(readLine(from: contender.output) == "held")
        contender.process.waitUntilExit()
        try lock.release()
    }

    @Test func waitingAcquireReturnsOnceTheHolderExits() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file(".v6ready.lock")
        let holder = try startHelper(["hold-lock", path])
        #expect(readLine(from: holder.output) == "locked")
        let started = Date()
        let waiter = Task.detached { try FileLock.acquire(path: path, wait: true) }
        try await Task.sleep(for: .milliseconds(300))
        try holder.input.fileHandleForWriting.close()
        let lock = try await waiter.value
        #expect(Date().timeIntervalSince(started) >= 0.3)
        try lock.release()
        holder.process.waitUntilExit()
    }

    @Test func lockInAMissingDirectoryIsASystemError() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("missing/.v6ready.lock")
        let error = try #require(throws: SystemError.self) { try FileLock.acquire(path: path, wait: false) }
        #expect(error.description == "open(\"\(path)\"): No such file or directory")
    }
}
