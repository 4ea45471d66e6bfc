import Glibc

// The errno policy of the whole module, in one place (after swift-nio's System.swift and swift-system's
// valueOrErrno):
// - EINTR is retried, except for close(2) (on Linux the descriptor is gone even when close reports EINTR)
//   and epoll_wait(2) (which returns no events instead, so a caller's deadline is not stretched);
// - EAGAIN/EWOULDBLOCK is returned as a value by the non-blocking variants;
// - EBADF and EFAULT mean a bug in our own code (a closed descriptor, a bad pointer) and stop the program;
// - everything else is thrown as a SystemError that names the call and its subject.

/// Calls `body` — a libc call that returns -1 and sets `errno` on failure — and returns its value or its `errno`.
@inline(__always)
func valueOrErrno<Value: FixedWidthInteger>(
    retryOnInterrupt: Bool = true,
    _ body: () -> Value
) -> Result<Value, Errno> {
    while true {
        let value = body()
        if value != -1 { return .success(value) }
        let error = Errno.current
        if retryOnInterrupt && error == .interrupted { continue }
        return .failure(error)
    }
}

/// Stops on the errors that can only mean a bug in this program, with the call named.
@inline(__always)
func preconditionNotABug(_ error: Errno, _ call: String) {
    precondition(
        error != .badFileDescriptor && error != .badAddress,
        "\(call): \(error) — a bug: the descriptor was closed or a pointer was invalid"
    )
}

/// Runs a libc call about one file, retrying `EINTR`, and throws a `SystemError` naming `path` on failure.
@inline(__always)
func syscall<Value: FixedWidthInteger>(
    _ call: String,
    path: String,
    retryOnInterrupt: Bool = true,
    _ body: () -> Value
) throws(SystemError) -> Value {
    switch valueOrErrno(retryOnInterrupt: retryOnInterrupt, body) {
    case .success(let value):
        return value
    case .failure(let error):
        preconditionNotABug(error, call)
        throw SystemError(call, path: path, errno: error)
    }
}

/// Runs a libc call, retrying `EINTR`, and throws a `SystemError` showing `arguments` on failure.
@inline(__always)
func syscall<Value: FixedWidthInteger>(
    _ call: String,
    arguments: @autoclosure () -> String,
    retryOnInterrupt: Bool = true,
    _ body: () -> Value
) throws(SystemError) -> Value {
    switch valueOrErrno(retryOnInterrupt: retryOnInterrupt, body) {
    case .success(let value):
        return value
    case .failure(let error):
        preconditionNotABug(error, call)
        throw SystemError(call, arguments: arguments(), errno: error)
    }
}

/// Runs a non-blocking libc call, retrying `EINTR`; `EAGAIN`/`EWOULDBLOCK` comes back as `.wouldBlock`.
@inline(__always)
func nonBlockingSyscall<Value: FixedWidthInteger>(
    _ call: String,
    arguments: @autoclosure () -> String,
    _ body: () -> Value
) throws(SystemError) -> IOResult<Value> {
    switch valueOrErrno(retryOnInterrupt: true, body) {
    case .success(let value):
        return .processed(value)
    case .failure(let error) where error == .wouldBlock:
        return .wouldBlock
    case .failure(let error):
        preconditionNotABug(error, call)
        throw SystemError(call, arguments: arguments(), errno: error)
    }
}
