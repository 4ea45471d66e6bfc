import Glibc
import Synchronization

/// The lock is held by another process (or another open lock object in this one).
public enum LockError: Error, Hashable, Sendable, CustomStringConvertible {
    case held(path: String)

    public var description: String {
        switch self {
        case .held(let path): "another v6ready process holds the lock on \(path)"
        }
    }
}

/// An exclusive (or shared) advisory lock on a lock file (e.g. `inventories/NAME/.v6ready.lock`), so two v6ready
/// processes never change the same inventory at once.
///
/// Uses `flock(2)`, which locks the open file description: a second `acquire` conflicts whether it comes
/// from another process or from this one, and the kernel drops the lock when the holder exits or is killed,
/// so a crash never leaves a stale lock. The lock file itself stays; deleting it would let two processes
/// lock two different files of the same name.
public final class FileLock: Sendable {
    /// The lock file.
    public let path: String
    private let descriptor: FileDescriptor
    private let released = Atomic<Bool>(false)

    private init(path: String, descriptor: FileDescriptor) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Opens (creating if needed) the lock file at `path` and takes an exclusive lock on it.
    ///
    /// With `wait == true` it blocks until the lock is free; with `wait == false` it throws
    /// `LockError.held(path:)` at once when another holder has it. Other failures (no permission to create
    /// the lock file, a missing directory) are `SystemError`s.
    ///
    /// With `shared`, takes a shared lock (`LOCK_SH`) instead, as readers do: many readers at once, none while
    /// a writer holds the exclusive lock, so a reader never sees half of an edit. A reader that may not write
    /// the folder opens an existing lock file read-only.
    public static func acquire(path: String, wait: Bool, shared: Bool = false) throws -> FileLock {
        let descriptor = try openLockFile(path, shared: shared)
        let operation = (shared ? LOCK_SH : LOCK_EX) | (wait ? 0 : LOCK_NB)
        switch valueOrErrno(retryOnInterrupt: true, { flock(descriptor.rawValue, operation) }) {
        case .success:
            return FileLock(path: path, descriptor: descriptor)
        case .failure(let error):
            try? descriptor.close()
            if error == .wouldBlock { throw LockError.held(path: path) }
            preconditionNotABug(error, "flock")
            throw SystemError("flock", path: path, errno: error)
        }
    }

    /// The lock file opened read-write (created when missing); a reader that may not write opens it read-only.
    private static func openLockFile(_ path: String, shared: Bool) throws(SystemError) -> FileDescriptor {
        switch Result(catching: { () throws(SystemError) in try FileDescriptor.open(path, .readWrite, options: [.create, .noFollow]) }) {
        case .success(let descriptor):
            return descriptor
        case .failure(let error):
            guard shared, error.isPermissionProblem else { throw error }
            return try FileDescriptor.open(path, .readOnly, options: [.noFollow])
        }
    }

    /// Releases the lock by closing the lock file. Calling it again does nothing; `deinit` releases too.
    public func release() throws(SystemError) {
        guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
        try descriptor.close()
    }
}
