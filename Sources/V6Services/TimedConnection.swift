import V6Core
import V6System

/// Why a TCP conversation with a service failed, in the words the checks print.
struct ConnectionFailure: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case timedOut, refused, unreachable, closed, other
    }

    var kind: Kind
    var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    var description: String { message }

    /// The connect outcome a failed connection stands for.
    func connectOutcome(timeoutMilliseconds: Int) -> ConnectOutcome {
        switch kind {
        case .timedOut: .timedOut(afterMilliseconds: timeoutMilliseconds)
        case .refused: .refused
        case .unreachable: .unreachable(message)
        case .closed, .other: .failed(message)
        }
    }
}

/// A TCP connection where every step has a deadline: connect, send everything, receive what comes. One epoll
/// instance per connection keeps it independent of any engine; sockets are created in the calling thread's network
/// namespace, which is why service checks run on the thread that entered `--netns`.
final class TimedConnection {
    let socket: Socket
    private let epoll: Epoll
    let deadline: UInt64
    let peer: SocketAddress
    /// How long the handshake took, in milliseconds.
    private(set) var connectMilliseconds = 0.0

    /// Connects to `address` port `port`, giving up at `timeoutMilliseconds` from now (the same deadline then bounds
    /// everything else done on the connection).
    init(to address: IPAddress, port: Int, timeoutMilliseconds: Int) throws(ConnectionFailure) {
        let started = SystemClock.monotonicNanoseconds()
        deadline = started + UInt64(max(timeoutMilliseconds, 1)) * 1_000_000
        peer = SocketAddress(ip: address, port: UInt16(port))
        do {
            socket = try Socket(address.family == .v4 ? .ipv4 : .ipv6, .stream)
            epoll = try Epoll()
        } catch {
            throw ConnectionFailure(.other, "\(error)")
        }
        do {
            if try socket.connect(to: peer) == .inProgress {
                guard try waitUntil(.writable) else {
                    close()
                    throw ConnectionFailure(.timedOut, "no answer to the connection attempt within \(timeoutMilliseconds) ms")
                }
                if let failure = try socket.pendingError() {
                    close()
                    throw Self.failure(failure)
                }
            }
        } catch let error as ConnectionFailure {
            throw error
        } catch let error as SystemError {
            close()
            throw Self.failure(error.errno)
        } catch {
            close()
            throw ConnectionFailure(.other, "\(error)")
        }
        connectMilliseconds = Double(SystemClock.monotonicNanoseconds() - started) / 1e6
    }

    static func failure(_ errno: Errno) -> ConnectionFailure {
        switch errno.socketErrorKind {
        case .refused: ConnectionFailure(.refused, "connection refused (RST)")
        case .timedOut: ConnectionFailure(.timedOut, "connection timed out")
        case .unreachable: ConnectionFailure(.unreachable, "\(errno)")
        case .addressInUse, .other: ConnectionFailure(.other, "\(errno)")
        }
    }

    /// Sends every byte before the deadline.
    func sendAll(_ bytes: [UInt8]) throws(ConnectionFailure) {
        var offset = 0
        while offset < bytes.count {
            let result: IOResult<Int>
            do {
                result = try bytes[offset...].withUnsafeBytes { buffer in
                    Result { () throws(SystemError) in try socket.send(buffer) }
                }.get()
            } catch {
                throw ConnectionFailure(error.errno == .connectionReset ? .closed : .other, "sending: \(error.errno)")
            }
            switch result {
            case .processed(let count):
                offset += count
            case .wouldBlock:
                guard try waitChecked(.writable) else { throw ConnectionFailure(.timedOut, "timed out while sending") }
            }
        }
    }

    /// The next bytes the peer sends (at most `limit`), waiting until the deadline; empty when the peer closed.
    func receive(limit: Int = 16_384) throws(ConnectionFailure) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: limit)
        while true {
            let result: IOResult<ReceivedMessage>
            do {
                result = try buffer.withUnsafeMutableBytes { raw in
                    // recvmsg: recvfrom with MSG_TRUNC (Socket.receive) would discard stream data.
                    Result { () throws(SystemError) in try socket.receiveMessage(into: raw) }
                }.get()
            } catch {
                throw ConnectionFailure(error.errno == .connectionReset ? .closed : .other,
                                        error.errno == .connectionReset ? "the connection was reset" : "receiving: \(error.errno)")
            }
            switch result {
            case .processed(let message):
                return Array(buffer[..<message.count])
            case .wouldBlock:
                guard try waitChecked(.readable) else { throw ConnectionFailure(.timedOut, "timed out waiting for data") }
            }
        }
    }

    func close() {
        try? epoll.close()
        try? socket.close()
    }

    private func waitChecked(_ events: Epoll.Events) throws(ConnectionFailure) -> Bool {
        do { return try waitUntil(events) } catch { throw ConnectionFailure(.other, "\(error)") }
    }

    private func waitUntil(_ events: Epoll.Events) throws(SystemError) -> Bool {
        try epoll.add(socket.descriptor.rawValue, events: events, token: 0)
        defer { try? epoll.remove(socket.descriptor.rawValue) }
        while true {
            let now = SystemClock.monotonicNanoseconds()
            guard now < deadline else { return false }
            let milliseconds = Int32(min((deadline - now + 999_999) / 1_000_000, 60_000))
            if !(try epoll.wait(timeoutMilliseconds: milliseconds, maximumEvents: 1)).isEmpty { return true }
        }
    }
}
