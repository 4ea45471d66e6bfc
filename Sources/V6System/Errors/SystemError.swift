/// A failed system call: which call, on what, and the `errno` it set.
///
/// Its description reads like the shell's, e.g. `open("inventories/x/a.json"): Permission denied`,
/// so the command line can print it as it is.
public struct SystemError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The error number the call set.
    public let errno: Errno
    /// The C function that failed, e.g. `open`, `rename`, `connect`.
    public let call: String
    /// The file the call was about, when there was one.
    public let path: String?
    /// The call's arguments as shown in the message, e.g. `"a.tmp", "a"` or `[::1]:53`.
    public let arguments: String

    /// An error from a call about one file; the message quotes the path.
    public init(_ call: String, path: String, errno: Errno) {
        self.errno = errno
        self.call = call
        self.path = path
        self.arguments = quoted(path)
    }

    /// An error from a call whose arguments are described by `arguments` (shown unquoted).
    public init(_ call: String, arguments: String, errno: Errno) {
        self.errno = errno
        self.call = call
        self.path = nil
        self.arguments = arguments
    }

    public var description: String {
        "\(call)(\(arguments)): \(errno)"
    }

    /// True when the cause is missing permission or privilege (`EACCES`, `EPERM`, `EROFS`),
    /// which the command line reports as an environment problem rather than bad input.
    public var isPermissionProblem: Bool {
        errno == .permissionDenied || errno == .notPermitted || errno == .readOnlyFileSystem
    }
}

/// The result of a non-blocking call that may have nothing to do yet.
///
/// `EAGAIN`/`EWOULDBLOCK` is an expected outcome of a non-blocking socket, not a failure, so it comes back as a value.
public enum IOResult<Value: Sendable>: Sendable {
    /// The call did its work and returned this.
    case processed(Value)
    /// The call would have had to wait (`EAGAIN`/`EWOULDBLOCK`); try again when the descriptor is ready.
    case wouldBlock
}

extension IOResult: Equatable where Value: Equatable {}

/// A path in double quotes, with quotes and backslashes escaped, as error messages show it.
func quoted(_ path: String) -> String {
    var result = "\""
    for character in path {
        if character == "\"" || character == "\\" { result.append("\\") }
        result.append(character)
    }
    result.append("\"")
    return result
}
