import Glibc

/// An error number reported by the C library through `errno`, printed with its `strerror_r(3)` text.
///
/// `Errno.current` is the only place in the package that reads `errno`; every libc call goes through the
/// wrappers in `Syscall.swift`, which capture it immediately after the call fails.
public struct Errno: Error, RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The human message, e.g. "Permission denied", from the thread-safe `strerror_r(3)`.
    public var description: String {
        var buffer = [CChar](repeating: 0, count: 256)
        // XSI strerror_r: returns 0 on success and fills the buffer.
        guard strerror_r(rawValue, &buffer, buffer.count) == 0 else {
            return "Unknown error \(rawValue)"
        }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The calling thread's `errno`. Read only by the wrappers in this module, right after a call failed.
    static var current: Errno {
        Errno(rawValue: errno)
    }

    /// Sets `errno` to 0, for the few calls (`readdir(3)`) whose failure can only be told apart that way.
    static func clearCurrent() {
        errno = 0
    }

    /// `EPERM`: the operation needs a privilege the process does not have.
    public static let notPermitted = Errno(rawValue: EPERM)
    /// `ENOENT`: no such file or directory.
    public static let noSuchFileOrDirectory = Errno(rawValue: ENOENT)
    /// `ESRCH`: no such process.
    public static let noSuchProcess = Errno(rawValue: ESRCH)
    /// `ECHILD`: no such child process (already reaped).
    public static let noChildProcess = Errno(rawValue: ECHILD)
    /// `EINTR`: interrupted by a signal; the wrappers retry it (except for `close`).
    public static let interrupted = Errno(rawValue: EINTR)
    /// `EIO`: input/output error.
    public static let ioError = Errno(rawValue: EIO)
    /// `EBADF`: not an open descriptor — always a bug in the caller.
    public static let badFileDescriptor = Errno(rawValue: EBADF)
    /// `EAGAIN`/`EWOULDBLOCK` (the same value on Linux): a non-blocking call would have to wait.
    public static let wouldBlock = Errno(rawValue: EAGAIN)
    /// `EACCES`: permission denied by file mode or policy.
    public static let permissionDenied = Errno(rawValue: EACCES)
    /// `EFAULT`: a bad pointer — always a bug in the caller.
    public static let badAddress = Errno(rawValue: EFAULT)
    /// `EEXIST`: the file exists.
    public static let fileExists = Errno(rawValue: EEXIST)
    /// `ENOTDIR`: a path component is not a directory.
    public static let notDirectory = Errno(rawValue: ENOTDIR)
    /// `EISDIR`: the path is a directory.
    public static let isDirectory = Errno(rawValue: EISDIR)
    /// `EINVAL`: an invalid argument.
    public static let invalidArgument = Errno(rawValue: EINVAL)
    /// `ENOSPC`: no space left on the device.
    public static let noSpace = Errno(rawValue: ENOSPC)
    /// `EROFS`: read-only file system.
    public static let readOnlyFileSystem = Errno(rawValue: EROFS)
    /// `ENOTEMPTY`: the directory is not empty.
    public static let directoryNotEmpty = Errno(rawValue: ENOTEMPTY)
    /// `EMSGSIZE`: the datagram is larger than the socket or path allows.
    public static let messageTooLong = Errno(rawValue: EMSGSIZE)
    /// `EAFNOSUPPORT`: the address family is not supported (e.g. IPv6 disabled in the kernel).
    public static let addressFamilyNotSupported = Errno(rawValue: EAFNOSUPPORT)
    /// `EADDRINUSE`: the local address is already in use.
    public static let addressInUse = Errno(rawValue: EADDRINUSE)
    /// `EADDRNOTAVAIL`: the local address is not assigned to any interface.
    public static let addressNotAvailable = Errno(rawValue: EADDRNOTAVAIL)
    /// `ENETUNREACH`: no route to the network.
    public static let networkUnreachable = Errno(rawValue: ENETUNREACH)
    /// `ECONNRESET`: the peer reset the connection.
    public static let connectionReset = Errno(rawValue: ECONNRESET)
    /// `ENOBUFS`: the kernel ran out of buffer space (e.g. the send queue is full).
    public static let noBufferSpace = Errno(rawValue: ENOBUFS)
    /// `ETIMEDOUT`: the connection timed out.
    public static let timedOut = Errno(rawValue: ETIMEDOUT)
    /// `ECONNREFUSED`: the peer answered with a reset (TCP) or an ICMP port unreachable (UDP).
    public static let connectionRefused = Errno(rawValue: ECONNREFUSED)
    /// `EHOSTUNREACH`: no route to the host, or an ICMP host unreachable came back.
    public static let hostUnreachable = Errno(rawValue: EHOSTUNREACH)
    /// `EALREADY`: a non-blocking connect is already in progress.
    public static let alreadyInProgress = Errno(rawValue: EALREADY)
    /// `EINPROGRESS`: a non-blocking connect has started; its result arrives later through `SO_ERROR`.
    public static let inProgress = Errno(rawValue: EINPROGRESS)
}
