import Glibc

/// Whether `fileDescriptor` (0, 1 or 2) is a terminal (`isatty(3)`), which decides whether progress is shown.
public func isTerminal(fileDescriptor: Int32) -> Bool {
    isatty(fileDescriptor) == 1
}

/// Whether the process runs with effective user id 0 (`geteuid(2)`), needed for raw sockets and namespaces.
public var currentUserIsRoot: Bool {
    geteuid() == 0
}

/// This process's id (`getpid(2)`), used in temporary file names.
public var currentProcessID: Int32 {
    getpid()
}

/// Whether a process with id `pid` exists (`kill(2)` with signal 0). A process owned by another user exists
/// too (`EPERM`).
public func processExists(_ pid: Int32) -> Bool {
    switch valueOrErrno({ kill(pid, 0) }) {
    case .success:
        return true
    case .failure(let error):
        return error != .noSuchProcess
    }
}

/// A signal that can be sent to another process.
public struct Signal: RawRepresentable, Hashable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `SIGKILL`: ends the process at once; it cannot clean up.
    public static let kill = Signal(rawValue: SIGKILL)
    /// `SIGTERM`: asks the process to end.
    public static let terminate = Signal(rawValue: SIGTERM)
    /// `SIGINT`: what Ctrl-C sends.
    public static let interrupt = Signal(rawValue: SIGINT)

    /// Sends this signal to process `pid` with `kill(2)`.
    public func send(to pid: Int32) throws(SystemError) {
        _ = try syscall("kill", arguments: "\(pid), \(rawValue)") { Glibc.kill(pid, rawValue) }
    }
}
