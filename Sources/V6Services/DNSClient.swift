import Synchronization
import V6Core
import V6System

/// Why a DNS question got no usable answer, in one line that names the server and what went wrong:
/// `[2001:db8::53]:53 over UDP: malformed answer: answer record 1: compression pointer at offset 45 points back to
/// offset 40 and makes a loop`.
public struct DNSLookupError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No server answered in time (or every answer was dropped as foreign).
        case timedOut
        /// The server sent bytes that are not a DNS message v6ready accepts (hostile or broken).
        case malformed
        /// The server answered, but with an error code (SERVFAIL, REFUSED, ...).
        case serverError(DNSResponseCode)
        /// Nothing listens, or no route.
        case unreachable
        /// No server to ask.
        case noServer
        case other
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// One answer and how it came.
public struct DNSExchange: Sendable {
    public var message: DNSMessage
    public var server: ResolverAddress
    public var transport: DNSServerObservation.Transport
    public var elapsedMilliseconds: Double
    /// The UDP answer was truncated (TC) and this one came over TCP.
    public var fellBackToTCP: Bool
}

/// A stub resolver on the system layer's `DNSTransport`: random ids, EDNS0 with a 1232-byte payload (DNS Flag Day
/// 2020), UDP first and TCP when the answer is truncated, servers tried in order with the configured timeout and
/// attempts. Every answer is decoded by the bounded V6Core decoder and checked against the question, so a hostile
/// server can make a lookup fail with a clear message, never crash it or slip in records for another name.
public struct DNSClient: Sendable {
    public var configuration: ResolverConfiguration
    /// Servers that stopped answering, shared by copies of this client: a silent resolver costs a few timeouts in
    /// a run, not one per name.
    private let health = ServerHealth()

    public init(configuration: ResolverConfiguration) {
        self.configuration = configuration
    }

    /// The client `/etc/resolv.conf` describes (in the current network namespace's file system view).
    public static func system(resolvConf path: String = "/etc/resolv.conf") throws(DNSLookupError) -> DNSClient {
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(path) } catch {
            throw DNSLookupError(.noServer, "cannot read \(path): \(error)")
        }
        let configuration = ResolverConfiguration.parse(resolvConf: String(decoding: bytes, as: UTF8.self))
        guard !configuration.servers.isEmpty else { throw DNSLookupError(.noServer, "\(path) names no nameserver") }
        return DNSClient(configuration: configuration)
    }

    // MARK: - Asking the resolver

    /// Asks the configured servers for `type` records of `name` and returns the first usable answer (NOERROR or
    /// NXDOMAIN). A server that fails, times out or answers SERVFAIL/REFUSED gives way to the next.
    public func query(_ name: DNSName, _ type: DNSRecordType) throws(DNSLookupError) -> DNSExchange {
        guard !configuration.servers.isEmpty else { throw DNSLookupError(.noServer, "no DNS server configured") }
        var failures: [DNSLookupError] = []
        // A server that answered (malformed, or with an error code) will say the same again: it is asked once.
        var settled: Set<ResolverAddress> = []
        let silent = configuration.servers.filter(health.isSilent)
        if silent.count == configuration.servers.count {
            throw DNSLookupError(.timedOut, silent.map(\.description).joined(separator: ", ")
                                 + " did not answer the last \(ServerHealth.silenceLimit) questions; not asked again in this run")
        }
        for _ in 0..<max(configuration.attempts, 1) {
            for server in configuration.servers where !settled.contains(server) && !health.isSilent(server) {
                do {
                    let exchange = try ask(server, name, type, recursionDesired: true)
                    health.answered(server)
                    switch exchange.message.rcode {
                    case .noError, .nonExistentDomain:
                        return exchange
                    default:
                        settled.insert(server)
                        failures.append(DNSLookupError(.serverError(exchange.message.rcode),
                                                       "\(server) answered \(exchange.message.rcode) for \(name) \(type)"))
                    }
                } catch {
                    if error.kind == .timedOut { health.timedOut(server) } else { settled.insert(server) }
                    failures.append(error)
                }
            }
        }
        // The most telling failure: a malformed or error answer says more than a timeout.
        throw failures.first { $0.kind != .timedOut } ?? failures.last!
    }

    /// The addresses of one family of `name`, following CNAMEs.
    public func addresses(of name: DNSName, _ family: AddressFamily) -> AddressLookup {
        let type: DNSRecordType = family == .v4 ? .a : .aaaa
        do {
            let exchange = try query(name, type)
            if exchange.message.rcode == .nonExistentDomain {
                return .none("\(ServiceRequest.displayName(name)) does not exist (NXDOMAIN)")
            }
            let found = DNSAnswerSelection.addresses(DNSAnswerSelection.records(type, for: name, in: exchange.message).data)
            return found.isEmpty ? .none("the name has no \(type) record") : .found(found)
        } catch {
            return .failed(error.message)
        }
    }

    /// What an MX, NS or PTR lookup found.
    public enum NameLookup: Sendable, Equatable {
        case found([DNSRecordData])
        case noData
        case nonExistent
        case failed(String)
    }

    /// The records of `type` at `name` (MX, NS, PTR), following CNAMEs.
    public func records(_ type: DNSRecordType, of name: DNSName) -> NameLookup {
        do {
            let exchange = try query(name, type)
            if exchange.message.rcode == .nonExistentDomain { return .nonExistent }
            let data = DNSAnswerSelection.records(type, for: name, in: exchange.message).data
            return data.isEmpty ? .noData : .found(data)
        } catch {
            return .failed(error.message)
        }
    }

    // MARK: - Asking one server

    /// Asks `server` directly, UDP first and TCP if the answer is truncated (or TCP only with `tcpOnly`), once: no
    /// other server, no retry beyond what one timeout allows. Any rcode comes back; the caller judges it.
    public func ask(_ server: ResolverAddress, _ name: DNSName, _ type: DNSRecordType, recursionDesired: Bool,
                    tcpOnly: Bool = false, timeoutMilliseconds: Int? = nil,
                    dnssecOK: Bool = false) throws(DNSLookupError) -> DNSExchange {
        let timeout = timeoutMilliseconds ?? configuration.timeoutMilliseconds
        let id = UInt16.random(in: 0...UInt16.max)
        var query = DNSMessage.query(id: id, name: name, type: type, recursionDesired: recursionDesired,
                                     ednsPayloadSize: 1232, dnssecOK: dnssecOK)
        // With DO, a validating resolver must hand over bogus data too (CD) so that v6ready can say why it is bogus.
        query.checkingDisabled = dnssecOK
        let bytes: [UInt8]
        do { bytes = try DNSMessageEncoder.encode(query) } catch {
            throw DNSLookupError(.other, "cannot encode the query for \(name): \(error)")
        }
        let address = SocketAddress(resolver: server)
        if !tcpOnly {
            let reply: DNSTransport.UDPReply
            do {
                reply = try DNSTransport.exchangeUDP(bytes, with: address, timeoutMilliseconds: timeout) { answer in
                    Self.judge(answer, for: query)
                }
            } catch {
                throw Self.lookupError(error)
            }
            // The judge accepted it, so it decodes.
            guard let message = try? DNSMessageDecoder.decode(reply.bytes) else {
                throw DNSLookupError(.malformed, "\(server) over UDP: the answer stopped decoding")
            }
            if !message.isTruncated {
                return DNSExchange(message: message, server: server, transport: .udp,
                                   elapsedMilliseconds: Double(reply.elapsedNanoseconds) / 1e6, fellBackToTCP: false)
            }
        }
        let reply: DNSTransport.TCPReply
        do {
            reply = try DNSTransport.exchangeTCP(bytes, with: address, timeoutMilliseconds: timeout)
        } catch {
            throw Self.lookupError(error)
        }
        let message: DNSMessage
        do { message = try DNSMessageDecoder.decode(reply.bytes) } catch {
            throw DNSLookupError(.malformed, "\(server) over TCP: malformed answer: \(error)")
        }
        let problems = DNSResponseValidator.check(response: message, for: query)
        if let foreign = problems.first(where: \.isForeign) {
            throw DNSLookupError(.malformed, "\(server) over TCP: not an answer to our question: \(foreign)")
        }
        if message.isTruncated {
            throw DNSLookupError(.malformed, "\(server) over TCP: the answer is truncated (TC) even over TCP")
        }
        return DNSExchange(message: message, server: server, transport: .tcp,
                           elapsedMilliseconds: Double(reply.elapsedNanoseconds) / 1e6, fellBackToTCP: !tcpOnly)
    }

    /// Accepts a UDP datagram only if it decodes and answers our question; otherwise says why (the transport keeps
    /// waiting for a better one).
    static func judge(_ bytes: [UInt8], for query: DNSMessage) -> DNSTransport.ReplyVerdict {
        let message: DNSMessage
        do { message = try DNSMessageDecoder.decode(bytes) } catch { return .reject("malformed answer: \(error)") }
        if let foreign = DNSResponseValidator.check(response: message, for: query).first(where: \.isForeign) {
            return .reject("not an answer to our question: \(foreign)")
        }
        return .accept
    }

    static func lookupError(_ error: DNSTransportError) -> DNSLookupError {
        switch error.kind {
        case .timedOut(_, let discarded, _):
            // Only malformed or mismatched answers came from the server itself: that is the story, not the timeout.
            if discarded.rejected > 0, let rejection = discarded.lastRejection {
                return DNSLookupError(.malformed, "\(error.server) over \(error.transport): \(rejection)"
                                      + (discarded.total > discarded.rejected ? " (\(error.reason))" : ""))
            }
            return DNSLookupError(.timedOut, error.description)
        case .refused, .unreachable:
            return DNSLookupError(.unreachable, error.description)
        case .closedEarly:
            return DNSLookupError(.malformed, error.description)
        case .system:
            return DNSLookupError(.other, error.description)
        }
    }
}

/// Consecutive timeouts per server: after `silenceLimit` in a row a server is not asked again by this client.
final class ServerHealth: Sendable {
    static let silenceLimit = 3
    private let timeouts = Mutex<[ResolverAddress: Int]>([:])

    func isSilent(_ server: ResolverAddress) -> Bool {
        timeouts.withLock { ($0[server] ?? 0) >= Self.silenceLimit }
    }

    func timedOut(_ server: ResolverAddress) {
        timeouts.withLock { $0[server, default: 0] += 1 }
    }

    func answered(_ server: ResolverAddress) {
        timeouts.withLock { $0[server] = 0 }
    }
}
