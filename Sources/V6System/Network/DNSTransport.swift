/// Moves DNS messages to and from one server: UDP with the reply's source and id checked, and TCP with the two-byte
/// length framing of RFC 1035 §4.2.2. Bytes only: this module does not know the DNS format beyond the id in the first
/// two bytes; V6Services decodes, validates, retries and falls back to TCP on truncation.
///
/// Every wait has a deadline on the monotonic clock; nothing here blocks without one.
public enum DNSTransport {
    /// What the caller says about a datagram that came from the server with the right id.
    public enum ReplyVerdict: Sendable, Equatable {
        /// This is the answer: stop waiting.
        case accept
        /// Not acceptable (malformed, a different question): keep waiting, remember why.
        case reject(String)
    }

    /// Datagrams set aside while waiting for the answer, and the last reason given for a rejection.
    public struct Discarded: Sendable, Equatable {
        /// From another address or port than the server's.
        public var foreignSource = 0
        /// From the server but with another transaction id (or too short to carry one).
        public var wrongID = 0
        /// From the server with the right id, refused by the caller's judge.
        public var rejected = 0
        public var lastRejection: String?
        public var lastWrongID: UInt16?

        public init() {}

        public var total: Int { foreignSource + wrongID + rejected }

        /// `2 from another source, 1 with id 0x1234 instead of 0xbeef`, for error messages.
        public func describe(expectedID: UInt16) -> String {
            var parts: [String] = []
            if foreignSource > 0 { parts.append("\(foreignSource) from another address or port") }
            if wrongID > 0 {
                parts.append("\(wrongID) with a wrong id" + (lastWrongID.map { " (\(hex($0)) instead of \(hex(expectedID)))" } ?? ""))
            }
            if rejected > 0 { parts.append("\(rejected) rejected" + (lastRejection.map { ": \($0)" } ?? "")) }
            return parts.joined(separator: ", ")
        }
    }

    /// An accepted UDP reply.
    public struct UDPReply: Sendable {
        public var bytes: [UInt8]
        public var elapsedNanoseconds: UInt64
        public var discarded: Discarded
    }

    /// Sends `query` (whose first two bytes are its id) to `server` over UDP and waits up to `timeoutMilliseconds` for
    /// a datagram from exactly that address and port carrying the same id that `judge` accepts. Anything else is
    /// dropped and counted, and the wait goes on (RFC 5452 §9.1); a server that says nothing acceptable ends in
    /// `DNSTransportError.timedOut`, which says what was dropped.
    public static func exchangeUDP(
        _ query: [UInt8], with server: SocketAddress, timeoutMilliseconds: Int,
        judge: ([UInt8]) -> ReplyVerdict
    ) throws(DNSTransportError) -> UDPReply {
        precondition(query.count >= 2, "a DNS query starts with its two-byte id")
        let id = UInt16(query[0]) << 8 | UInt16(query[1])
        let started = SystemClock.monotonicNanoseconds()
        let deadline = started + UInt64(max(timeoutMilliseconds, 1)) * 1_000_000
        let socket: Socket
        do {
            socket = try Socket(server.family, .datagram)
        } catch {
            throw DNSTransportError(.system(error), server: server, transport: "UDP")
        }
        defer { try? socket.close() }
        let waiter: Readiness
        do throws(SystemError) {
            // Connected: the kernel reports an ICMP port unreachable as ECONNREFUSED; sources are checked here too.
            _ = try socket.connect(to: server)
            waiter = try Readiness(socket)
            let sent = try send(query[...], on: socket)
            guard case .processed(let count) = sent, count == query.count else {
                throw SystemError("send", arguments: server.description, errno: .noBufferSpace)
            }
        } catch {
            throw DNSTransportError(classify(error), server: server, transport: "UDP")
        }
        defer { waiter.close() }

        var discarded = Discarded()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let now = SystemClock.monotonicNanoseconds()
            guard now < deadline else {
                throw DNSTransportError(.timedOut(milliseconds: timeoutMilliseconds, discarded: discarded, expectedID: id),
                                        server: server, transport: "UDP")
            }
            do {
                guard try waiter.wait(for: .readable, until: deadline) else { continue }
                while true {
                    let received = try receive(into: &buffer, on: socket)
                    guard case .processed(let message) = received else { break }
                    guard let sender = message.sender, sameEndpoint(sender, server) else {
                        discarded.foreignSource += 1
                        continue
                    }
                    let bytes = Array(buffer[..<message.count])
                    guard bytes.count >= 2, UInt16(bytes[0]) << 8 | UInt16(bytes[1]) == id else {
                        discarded.wrongID += 1
                        if bytes.count >= 2 { discarded.lastWrongID = UInt16(bytes[0]) << 8 | UInt16(bytes[1]) }
                        continue
                    }
                    switch judge(bytes) {
                    case .accept:
                        return UDPReply(bytes: bytes, elapsedNanoseconds: SystemClock.monotonicNanoseconds() - started,
                                        discarded: discarded)
                    case .reject(let reason):
                        discarded.rejected += 1
                        discarded.lastRejection = reason
                    }
                }
            } catch {
                throw DNSTransportError(classify(error), server: server, transport: "UDP")
            }
        }
    }

    /// A TCP answer.
    public struct TCPReply: Sendable {
        public var bytes: [UInt8]
        public var elapsedNanoseconds: UInt64
    }

    /// Connects to `server` over TCP, sends `query` with its length prefix, and reads one length-prefixed message
    /// back, all within `timeoutMilliseconds`. A connection that closes early says how many bytes were missing.
    public static func exchangeTCP(
        _ query: [UInt8], with server: SocketAddress, timeoutMilliseconds: Int
    ) throws(DNSTransportError) -> TCPReply {
        precondition(query.count <= 65_535, "a DNS message is at most 65535 bytes")
        let started = SystemClock.monotonicNanoseconds()
        let deadline = started + UInt64(max(timeoutMilliseconds, 1)) * 1_000_000
        let socket: Socket
        do {
            socket = try Socket(server.family, .stream)
        } catch {
            throw DNSTransportError(.system(error), server: server, transport: "TCP")
        }
        defer { try? socket.close() }
        let waiter: Readiness
        do {
            waiter = try Readiness(socket)
        } catch {
            throw DNSTransportError(.system(error), server: server, transport: "TCP")
        }
        defer { waiter.close() }
        func timedOut() -> DNSTransportError {
            DNSTransportError(.timedOut(milliseconds: timeoutMilliseconds, discarded: Discarded(), expectedID: 0),
                              server: server, transport: "TCP")
        }
        do {
            if try socket.connect(to: server) == .inProgress {
                guard try waiter.wait(for: .writable, until: deadline) else { throw timedOut() }
                if let failure = try socket.pendingError() {
                    throw SystemError("connect", arguments: server.description, errno: failure)
                }
            }
            var framed = [UInt8(truncatingIfNeeded: query.count >> 8), UInt8(truncatingIfNeeded: query.count)]
            framed += query
            var offset = 0
            while offset < framed.count {
                let sent = try send(framed[offset...], on: socket)
                switch sent {
                case .processed(let count): offset += count
                case .wouldBlock: guard try waiter.wait(for: .writable, until: deadline) else { throw timedOut() }
                }
            }
            var received: [UInt8] = []
            var expected: Int?
            var chunk = [UInt8](repeating: 0, count: 16_384)
            while true {
                if expected == nil, received.count >= 2 { expected = Int(received[0]) << 8 | Int(received[1]) }
                if let expected, received.count >= 2 + expected {
                    return TCPReply(bytes: Array(received[2..<(2 + expected)]),
                                    elapsedNanoseconds: SystemClock.monotonicNanoseconds() - started)
                }
                let result = try receiveStream(into: &chunk, on: socket)
                switch result {
                case .wouldBlock:
                    guard try waiter.wait(for: .readable, until: deadline) else { throw timedOut() }
                case .processed(let message) where message.count == 0:
                    let have = max(received.count - 2, 0)
                    throw DNSTransportError(.closedEarly(received: have, expected: expected), server: server, transport: "TCP")
                case .processed(let message):
                    received += chunk[..<message.count]
                }
            }
        } catch let error as DNSTransportError {
            throw error
        } catch let error as SystemError {
            throw DNSTransportError(classify(error), server: server, transport: "TCP")
        } catch {
            throw DNSTransportError(.system(SystemError("exchange", arguments: server.description, errno: .ioError)),
                                    server: server, transport: "TCP")
        }
    }

    /// `send(2)` of a slice on a connected socket, with the error type kept.
    static func send(_ bytes: ArraySlice<UInt8>, on socket: Socket) throws(SystemError) -> IOResult<Int> {
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(SystemError) in try socket.send(buffer) }
        }.get()
    }

    /// `recvfrom(2)` into the whole of `buffer`, with the error type kept.
    static func receive(into buffer: inout [UInt8], on socket: Socket) throws(SystemError) -> IOResult<ReceivedMessage> {
        try buffer.withUnsafeMutableBytes { raw in
            Result { () throws(SystemError) in try socket.receive(into: raw) }
        }.get()
    }

    /// `recvmsg(2)` on a stream: `recvfrom` with `MSG_TRUNC`, which `Socket.receive(into:)` uses for datagrams,
    /// would throw TCP data away.
    static func receiveStream(into buffer: inout [UInt8], on socket: Socket) throws(SystemError) -> IOResult<ReceivedMessage> {
        try buffer.withUnsafeMutableBytes { raw in
            Result { () throws(SystemError) in try socket.receiveMessage(into: raw) }
        }.get()
    }

    static func classify(_ error: SystemError) -> DNSTransportError.Kind {
        switch error.errno.socketErrorKind {
        case .refused: .refused
        case .unreachable: .unreachable(error.errno)
        case .timedOut, .addressInUse, .other: .system(error)
        }
    }

    /// Same address and port; scope ids compared only when both carry one.
    static func sameEndpoint(_ a: SocketAddress, _ b: SocketAddress) -> Bool {
        guard a.port == b.port, a.addressBytes == b.addressBytes else { return false }
        return a.scopeID == 0 || b.scopeID == 0 || a.scopeID == b.scopeID
    }

    static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}

/// Why an exchange with a DNS server failed, naming the server and transport: `[2001:db8::53]:53 over UDP: no
/// acceptable answer within 2000 ms (dropped 1 with a wrong id (0x1234 instead of 0xbeef))`.
public struct DNSTransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        case timedOut(milliseconds: Int, discarded: DNSTransport.Discarded, expectedID: UInt16)
        /// ICMP port unreachable (UDP) or a reset (TCP): nothing listens on the port.
        case refused
        /// No route, or an ICMP error other than port unreachable.
        case unreachable(Errno)
        /// The TCP connection closed before the whole answer arrived.
        case closedEarly(received: Int, expected: Int?)
        case system(SystemError)
    }

    public var kind: Kind
    public var server: SocketAddress
    public var transport: String

    public init(_ kind: Kind, server: SocketAddress, transport: String) {
        self.kind = kind
        self.server = server
        self.transport = transport
    }

    public var isTimeout: Bool {
        if case .timedOut = kind { true } else { false }
    }

    /// The explanation without the server, for messages that name it already.
    public var reason: String {
        switch kind {
        case .timedOut(let milliseconds, let discarded, let id):
            let dropped = discarded.total > 0 ? " (dropped \(discarded.describe(expectedID: id)))" : ""
            return "no acceptable answer within \(milliseconds) ms\(dropped)"
        case .refused:
            return transport == "UDP" ? "port unreachable (nothing listens on UDP port \(server.port))"
                : "connection refused (nothing listens on TCP port \(server.port))"
        case .unreachable(let errno):
            return "unreachable: \(errno)"
        case .closedEarly(let received, let expected):
            if let expected { return "the connection closed after \(received) of \(expected) bytes of the answer" }
            return "the connection closed before the answer's length arrived"
        case .system(let error):
            return error.description
        }
    }

    public var description: String {
        "\(server) over \(transport): \(reason)"
    }
}

/// Waits for one socket to become readable or writable, with a deadline (an epoll instance of its own).
struct Readiness {
    private let epoll: Epoll
    private let socket: Socket
    private var registered: Epoll.Events = []

    init(_ socket: Socket) throws(SystemError) {
        self.socket = socket
        epoll = try Epoll()
    }

    /// True when the socket is ready (or has an error to report); false when the deadline passed.
    func wait(for events: Epoll.Events, until deadline: UInt64) throws(SystemError) -> Bool {
        try epoll.add(socket.descriptor.rawValue, events: events, token: 0)
        defer { try? epoll.remove(socket.descriptor.rawValue) }
        while true {
            let now = SystemClock.monotonicNanoseconds()
            guard now < deadline else { return false }
            let milliseconds = Int32(min((deadline - now + 999_999) / 1_000_000, 60_000))
            if !(try epoll.wait(timeoutMilliseconds: milliseconds, maximumEvents: 1)).isEmpty { return true }
        }
    }

    func close() {
        try? epoll.close()
    }
}
