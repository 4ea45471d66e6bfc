import CV6System
import Glibc

/// Readiness notification for many descriptors (`epoll(7)`): the probe engine waits on its ICMP, UDP and
/// connecting TCP sockets at once.
///
/// Each registered descriptor carries a caller-chosen 64-bit token (`epoll_data.u64`), returned with its
/// events, so the engine can find its state without a lookup by descriptor.
public final class Epoll: Sendable {
    /// The events to wait for or that happened (`EPOLLIN`, `EPOLLOUT`, ...).
    public struct Events: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// `EPOLLIN`: data (or a connection) is waiting.
        public static let readable = Events(rawValue: EPOLLIN.rawValue)
        /// `EPOLLOUT`: there is room to send; a non-blocking connect has finished.
        public static let writable = Events(rawValue: EPOLLOUT.rawValue)
        /// `EPOLLERR`: an error is pending (always reported).
        public static let error = Events(rawValue: EPOLLERR.rawValue)
        /// `EPOLLHUP`: the peer hung up (always reported).
        public static let hangUp = Events(rawValue: EPOLLHUP.rawValue)
        /// `EPOLLRDHUP`: the peer closed its side of a stream.
        public static let readHangUp = Events(rawValue: EPOLLRDHUP.rawValue)
        /// `EPOLLET`: report only changes (edge-triggered).
        public static let edgeTriggered = Events(rawValue: EPOLLET.rawValue)
        /// `EPOLLONESHOT`: report once, then disable until `modify`.
        public static let oneShot = Events(rawValue: EPOLLONESHOT.rawValue)
    }

    /// One ready descriptor: its token and what happened.
    public struct Event: Sendable, Hashable {
        public var token: UInt64
        public var events: Events
    }

    private let descriptor: FileDescriptor

    /// Creates an epoll instance (`epoll_create1(EPOLL_CLOEXEC)`).
    public init() throws(SystemError) {
        let rawValue = try syscall("epoll_create1", arguments: "EPOLL_CLOEXEC") {
            epoll_create1(Int32(EPOLL_CLOEXEC))
        }
        descriptor = FileDescriptor(takingOwnershipOf: rawValue)
    }

    /// Closes the epoll instance.
    public func close() throws(SystemError) {
        try descriptor.close()
    }

    /// Starts watching `fileDescriptor` for `events` (`epoll_ctl(EPOLL_CTL_ADD)`).
    public func add(_ fileDescriptor: Int32, events: Events, token: UInt64) throws(SystemError) {
        try control(EPOLL_CTL_ADD, "EPOLL_CTL_ADD", fileDescriptor, events: events, token: token)
    }

    /// Changes what `fileDescriptor` is watched for (`epoll_ctl(EPOLL_CTL_MOD)`).
    public func modify(_ fileDescriptor: Int32, events: Events, token: UInt64) throws(SystemError) {
        try control(EPOLL_CTL_MOD, "EPOLL_CTL_MOD", fileDescriptor, events: events, token: token)
    }

    /// Stops watching `fileDescriptor` (`epoll_ctl(EPOLL_CTL_DEL)`); closing it also does.
    public func remove(_ fileDescriptor: Int32) throws(SystemError) {
        try control(EPOLL_CTL_DEL, "EPOLL_CTL_DEL", fileDescriptor, events: [], token: 0)
    }

    private func control(_ operation: Int32, _ name: String, _ fileDescriptor: Int32, events: Events,
                         token: UInt64) throws(SystemError) {
        var event = epoll_event()
        event.events = events.rawValue
        event.data.u64 = token
        _ = try syscall("epoll_ctl", arguments: "\(name), fd \(fileDescriptor)") {
            epoll_ctl(descriptor.rawValue, operation, fileDescriptor, &event)
        }
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever, 0: just look) for at most `maximumEvents` ready
    /// descriptors (`epoll_wait(2)`). An interrupted wait returns no events rather than waiting again, so the
    /// caller's deadline arithmetic stays right.
    public func wait(timeoutMilliseconds: Int32, maximumEvents: Int = 256) throws(SystemError) -> [Event] {
        try withUnsafeTemporaryAllocation(of: epoll_event.self, capacity: maximumEvents) { buffer throws(SystemError) in
            let result = valueOrErrno(retryOnInterrupt: false) {
                epoll_wait(descriptor.rawValue, buffer.baseAddress, Int32(buffer.count), timeoutMilliseconds)
            }
            switch result {
            case .failure(let error) where error == .interrupted:
                return []
            case .failure(let error):
                preconditionNotABug(error, "epoll_wait")
                throw SystemError("epoll_wait", arguments: "fd \(descriptor.rawValue)", errno: error)
            case .success(let count):
                return (0..<Int(count)).map { index in
                    Event(token: buffer[index].data.u64, events: Events(rawValue: buffer[index].events))
                }
            }
        }
    }
}
