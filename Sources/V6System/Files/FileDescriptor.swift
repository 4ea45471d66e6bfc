import Glibc
import Synchronization

/// An open file descriptor, owned by exactly one object.
///
/// Close it with `close()`, which reports errors (on some file systems a failed write only shows up there);
/// `deinit` closes a descriptor that is still open as a safety net and ignores the result.
/// The descriptor is opened with `O_CLOEXEC` so children started by `Process` never inherit it.
public final class FileDescriptor: Sendable {
    /// The raw descriptor, or -1 once closed. Atomic so a closed descriptor is never closed twice.
    private let storage: Atomic<Int32>
    /// The path it was opened from, shown in error messages; nil for descriptors not opened from a path.
    public let path: String?

    /// Takes ownership of `rawValue`: this object will close it.
    public init(takingOwnershipOf rawValue: Int32, path: String? = nil) {
        precondition(rawValue >= 0, "FileDescriptor: \(rawValue) is not a descriptor")
        storage = Atomic(rawValue)
        self.path = path
    }

    deinit {
        let rawValue = storage.load(ordering: .acquiring)
        if rawValue >= 0 { _ = Glibc.close(rawValue) }
    }

    /// The raw descriptor for calls made by this module; -1 after `close()`.
    public var rawValue: Int32 {
        storage.load(ordering: .acquiring)
    }

    /// Whether `close()` has not been called yet.
    public var isOpen: Bool {
        rawValue >= 0
    }

    /// How error messages name this descriptor: its path in quotes, or "fd N".
    var subject: String {
        path.map(quoted) ?? "fd \(rawValue)"
    }

    /// The access a descriptor is opened for (`O_RDONLY`, `O_WRONLY`, `O_RDWR`).
    public enum AccessMode: Sendable {
        case readOnly, writeOnly, readWrite

        var flags: Int32 {
            switch self {
            case .readOnly: O_RDONLY
            case .writeOnly: O_WRONLY
            case .readWrite: O_RDWR
            }
        }
    }

    /// Extra `open(2)` flags. `O_CLOEXEC` is always added.
    public struct OpenOptions: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// `O_CREAT`: create the file if it does not exist.
        public static let create = OpenOptions(rawValue: O_CREAT)
        /// `O_EXCL`: with `.create`, fail with `EEXIST` if the file exists.
        public static let exclusiveCreate = OpenOptions(rawValue: O_EXCL)
        /// `O_TRUNC`: cut the file to length 0.
        public static let truncate = OpenOptions(rawValue: O_TRUNC)
        /// `O_APPEND`: every write goes to the end of the file.
        public static let append = OpenOptions(rawValue: O_APPEND)
        /// `O_DIRECTORY`: fail unless the path is a directory.
        public static let directory = OpenOptions(rawValue: O_DIRECTORY)
        /// `O_NOFOLLOW`: fail if the last path component is a symbolic link.
        public static let noFollow = OpenOptions(rawValue: O_NOFOLLOW)
        /// `O_NONBLOCK`: reads and writes return `EAGAIN` instead of waiting.
        public static let nonBlocking = OpenOptions(rawValue: O_NONBLOCK)
    }

    /// Opens `path` with `open(2)`; `permissions` apply when `.create` makes a new file (subject to the umask).
    public static func open(
        _ path: String,
        _ mode: AccessMode,
        options: OpenOptions = [],
        permissions: FilePermissions = .ownerWritableAllReadable
    ) throws(SystemError) -> FileDescriptor {
        let flags = mode.flags | options.rawValue | O_CLOEXEC
        let rawValue = try syscall("open", path: path) {
            Glibc.open(path, flags, permissions.rawValue)
        }
        return FileDescriptor(takingOwnershipOf: rawValue, path: path)
    }

    /// Reads up to `buffer.count` bytes with `read(2)`; 0 means end of file.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        try syscall("read", arguments: subject) {
            Glibc.read(rawValue, buffer.baseAddress, buffer.count)
        }
    }

    /// Reads everything from the current offset to end of file.
    public func readToEnd() throws(SystemError) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try chunk.withUnsafeMutableBytes { buffer in
                Result { () throws(SystemError) in try read(into: buffer) }
            }.get()
            if count == 0 { return result }
            result.append(contentsOf: chunk[..<count])
        }
    }

    /// Writes some of `bytes` with `write(2)` and returns how many were written (a short write is not an error).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(SystemError) -> Int {
        try syscall("write", arguments: subject) {
            Glibc.write(rawValue, bytes.baseAddress, bytes.count)
        }
    }

    /// Writes all of `bytes`, calling `write(2)` again after each short write.
    public func writeAll(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        var remaining = bytes
        while !remaining.isEmpty {
            let written = try write(remaining)
            remaining = UnsafeRawBufferPointer(rebasing: remaining[written...])
        }
    }

    /// Writes all of `bytes`, calling `write(2)` again after each short write.
    public func writeAll(_ bytes: [UInt8]) throws(SystemError) {
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(SystemError) in try writeAll(buffer) }
        }.get()
    }

    /// Flushes the file's data and metadata to the device with `fsync(2)`, so it survives a power cut.
    public func sync() throws(SystemError) {
        _ = try syscall("fsync", arguments: subject) { Glibc.fsync(rawValue) }
    }

    /// Sets the permission bits exactly, whatever the umask, with `fchmod(2)`.
    public func setPermissions(_ permissions: FilePermissions) throws(SystemError) {
        _ = try syscall("fchmod", arguments: "\(subject), \(permissions)") {
            Glibc.fchmod(rawValue, permissions.rawValue)
        }
    }

    /// Closes the descriptor with `close(2)`. Never retried: on Linux the descriptor is released even when
    /// `close` reports `EINTR`, and retrying could close a descriptor another thread has just opened.
    /// Closing twice is a bug and stops the program.
    public func close() throws(SystemError) {
        let rawValue = storage.exchange(-1, ordering: .acquiringAndReleasing)
        precondition(rawValue >= 0, "close(\(path.map(quoted) ?? "fd")): closed twice — a bug")
        switch valueOrErrno(retryOnInterrupt: false, { Glibc.close(rawValue) }) {
        case .success:
            return
        case .failure(let error) where error == .interrupted:
            return  // The descriptor is closed; the interrupted part was only the flush of a network file system.
        case .failure(let error):
            preconditionNotABug(error, "close")
            throw SystemError("close", arguments: path.map(quoted) ?? "fd \(rawValue)", errno: error)
        }
    }
}
