import Foundation
import Synchronization
import V6Core
import V6System

/// A DNS server for tests, on loopback (or inside a lab namespace): UDP and TCP on the same port, answering each
/// query with whatever the test's handler says — a proper answer, a truncated one, a wrong id, bytes from another
/// port, a compression loop, a lying length prefix. It runs on its own thread until `stop()`.
final class TestDNSResponder: Sendable {
    enum Transport: Sendable, Equatable {
        case udp, tcp
    }

    /// What to do in reply to one query.
    enum Action: Sendable {
        /// Send these message bytes (over TCP with their length prefix).
        case send([UInt8])
        /// UDP only: send these bytes from another port of the same address (a foreign source).
        case sendFromOtherPort([UInt8])
        /// TCP only: write these bytes as they are (no prefix added), then close.
        case sendRaw([UInt8])
    }

    typealias Handler = @Sendable (_ query: DNSMessage, _ transport: Transport) -> [Action]

    let address: SocketAddress
    private let udp: Socket
    private let other: Socket
    private let tcp: Socket
    private let handler: Handler
    private let stopping = Atomic<Bool>(false)
    private let finished = Mutex<Bool>(false)
    private let queries = Mutex<[(Transport, DNSQuestion?)]>([])

    /// Binds UDP and TCP to the same free port of `loopback` (127.0.0.1 or ::1) and starts answering.
    convenience init(family: SocketAddress.Family = .ipv4, handler: @escaping Handler) throws {
        let base: SocketAddress = family == .ipv4 ? .ipv4Loopback(port: 0) : .ipv6Loopback(port: 0)
        try self.init(bindingTo: base, handler: handler)
    }

    /// Binds to `base` (port 0: a free port, the same for UDP and TCP).
    init(bindingTo base: SocketAddress, handler: @escaping Handler) throws {
        var lastError: Error?
        for _ in 0..<20 {
            do {
                let udp = try Socket(base.family, .datagram)
                try udp.bind(to: base)
                let bound = try udp.localAddress()
                let tcp = try Socket(base.family, .stream)
                try tcp.setOption(level: 1 /* SOL_SOCKET */, name: 2 /* SO_REUSEADDR */, value: Int32(1))
                try tcp.bind(to: bound)
                try tcp.listen()
                let other = try Socket(base.family, .datagram)
                try other.bind(to: base.withPort(0))
                self.udp = udp
                self.tcp = tcp
                self.other = other
                self.address = bound
                self.handler = handler
                start()
                return
            } catch {
                lastError = error
            }
        }
        throw lastError!
    }

    /// The resolver address clients use.
    var resolver: ResolverAddress {
        let ip: IPAddress = address.family == .ipv4 ? .v4(IPv4Address(address.ipv4Value!))
            : .v6(IPv6Address(high: address.ipv6Halves!.high, low: address.ipv6Halves!.low))
        return ResolverAddress(ip, port: address.port)
    }

    /// Every query received, in order.
    var received: [(Transport, DNSQuestion?)] { queries.withLock { $0 } }

    func stop() {
        stopping.store(true, ordering: .releasing)
        for _ in 0..<400 where !finished.withLock({ $0 }) { Thread.sleep(forTimeInterval: 0.005) }
        try? udp.close()
        try? other.close()
        try? tcp.close()
    }

    private func start() {
        let thread = Thread { [self] in
            serve()
            finished.withLock { $0 = true }
        }
        thread.start()
    }

    private func serve() {
        guard let epoll = try? Epoll() else { return }
        defer { try? epoll.close() }
        try? epoll.add(udp.descriptor.rawValue, events: [.readable], token: 0)
        try? epoll.add(tcp.descriptor.rawValue, events: [.readable], token: 1)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !stopping.load(ordering: .acquiring) {
            guard let events = try? epoll.wait(timeoutMilliseconds: 20) else { return }
            for event in events {
                if event.token == 0 { answerDatagrams(&buffer) } else { answerConnections() }
            }
        }
    }

    private func answerDatagrams(_ buffer: inout [UInt8]) {
        while true {
            let result = try? buffer.withUnsafeMutableBytes { raw in try udp.receive(into: raw) }
            guard case .processed(let message)? = result, let sender = message.sender else { return }
            let bytes = Array(buffer[..<message.count])
            let query = try? DNSMessageDecoder.decode(bytes)
            queries.withLock { $0.append((.udp, query?.questions.first)) }
            guard let query else { continue }
            for action in handler(query, .udp) {
                switch action {
                case .send(let reply): _ = try? udp.send(reply, to: sender)
                case .sendFromOtherPort(let reply): _ = try? other.send(reply, to: sender)
                case .sendRaw(let reply): _ = try? udp.send(reply, to: sender)
                }
            }
        }
    }

    private func answerConnections() {
        while case .processed(let connection)? = try? tcp.accept() {
            defer { try? connection.close() }
            // Read one framed query, waiting up to a second for it (tests send it at once).
            var reader = DNSTCPFraming.Reader()
            var chunk = [UInt8](repeating: 0, count: 4096)
            let deadline = Date().addingTimeInterval(1)
            var queryBytes: [UInt8]?
            while queryBytes == nil, Date() < deadline {
                let result = try? chunk.withUnsafeMutableBytes { raw in try connection.receiveMessage(into: raw) }
                switch result {
                case .processed(let message)? where message.count > 0:
                    reader.append(chunk[..<message.count])
                    queryBytes = reader.nextMessage()
                case .processed?:
                    return
                default:
                    Thread.sleep(forTimeInterval: 0.001)
                }
            }
            guard let queryBytes else { return }
            let query = try? DNSMessageDecoder.decode(queryBytes)
            queries.withLock { $0.append((.tcp, query?.questions.first)) }
            guard let query else { return }
            for action in handler(query, .tcp) {
                let bytes: [UInt8]
                switch action {
                case .send(let reply), .sendFromOtherPort(let reply): bytes = (try? DNSTCPFraming.frame(reply)) ?? []
                case .sendRaw(let raw): bytes = raw
                }
                var offset = 0
                while offset < bytes.count {
                    let sent = try? bytes[offset...].withUnsafeBytes { raw in try connection.send(raw) }
                    if case .processed(let count)? = sent { offset += count } else { Thread.sleep(forTimeInterval: 0.001) }
                }
            }
        }
    }
}

/// Zone data for the responder: answers from a list of records, authoritative, NXDOMAIN for unknown names.
struct TestZone: Sendable {
    var records: [DNSRecord]

    func answer(_ query: DNSMessage) -> DNSMessage {
        var response = DNSMessage.response(to: query)
        response.isAuthoritative = true
        guard let question = query.questions.first else { return response }
        let owned = records.filter { $0.name == question.name }
        response.answers = owned.filter { $0.type == question.type || $0.type == .cname }
        // Like a real server, follow a CNAME inside the zone and add the target's records.
        for case .cname(let target) in owned.map(\.data) where question.type != .cname {
            response.answers += records.filter { $0.name == target && $0.type == question.type }
        }
        if owned.isEmpty && !records.contains(where: { $0.name.isWithin(question.name) }) {
            response.rcode = .nonExistentDomain
        }
        return response
    }

    func encoded(_ query: DNSMessage) -> [UInt8] {
        (try? DNSMessageEncoder.encode(answer(query))) ?? []
    }
}
