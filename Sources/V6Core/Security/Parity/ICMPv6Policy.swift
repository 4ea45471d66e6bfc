/// What one host does with the ICMPv6 messages RFC 4890 says a firewall must let through (§4.3.1: Destination
/// Unreachable, Packet Too Big, Time Exceeded, Parameter Problem) and should (echo, for diagnosis). The scan's
/// `{"type":"icmpv6",...}` line (docs/scan-format.md).
public struct ICMPv6Policy: Sendable, Equatable {
    public enum Passage: String, Sendable, CaseIterable {
        case passed
        case dropped
        /// Nothing to learn: the path MTU was big enough, or no probe could be sent.
        case notTested = "not-tested"
    }

    public enum Code: String, Sendable, CaseIterable {
        /// ICMPv6 echo unanswered while the host answers over IPv6 otherwise (TCP) or answers echo over IPv4.
        case echoFiltered = "icmpv6-echo-filtered"
        /// Packet Too Big does not come back: a PMTU black hole (RFC 4890 §4.3.1 MUST NOT drop).
        case packetTooBigDropped = "packet-too-big-dropped"
    }

    public var record: String?
    public var target: String
    public var address: IPAddress
    public var echo: Passage
    /// Echo over IPv4 to the same host, for comparison.
    public var echoV4: Passage
    public var packetTooBig: Passage
    /// Destination Unreachable seen over IPv6 during the run (an ICMPv6 error answering a connect).
    public var destinationUnreachable: Passage
    public var findings: [Code]
    public var detail: String

    /// Judges one IPv6 address from the PMTU probe (small and large echoes), the IPv4 echo, and the run's connects.
    public init(record: String?, target: String, pmtu: PMTUObservation?, echoV4: EchoOutcome?, connects: [ConnectObservation]) {
        self.record = record
        self.target = target
        let mine = connects.filter { $0.address.family == .v6 && (pmtu == nil || $0.address == pmtu!.address) }
        address = pmtu?.address ?? mine.first?.address ?? IPAddress("::")!
        let tcpAnswered = mine.contains { if case .connected = $0.outcome { true } else if case .refused = $0.outcome { true } else { false } }
        func passage(_ outcome: EchoOutcome?) -> Passage {
            guard let outcome else { return .notTested }
            switch outcome.status {
            case .reachable: return .passed
            case .timeout: return .dropped
            default: return .notTested
            }
        }
        echo = passage(pmtu?.small)
        self.echoV4 = passage(echoV4)
        var notes: [String] = []
        switch pmtu?.large {
        case let large? where large.status == .unreachable && (large.detail ?? "").lowercased().contains("too big"):
            packetTooBig = .passed
            notes.append("Packet Too Big comes back for \(pmtu!.largePacketBytes)-byte packets")
        case let large? where large.status == .error && (large.detail ?? "").contains("Message too long"):
            packetTooBig = .passed
            notes.append("the kernel already learned a smaller path MTU from Packet Too Big")
        case let large? where large.status == .timeout:
            packetTooBig = .dropped
            notes.append("\(pmtu!.largePacketBytes)-byte echoes vanish while small ones pass: Packet Too Big is dropped")
        case .some:
            packetTooBig = .notTested
            notes.append("\(pmtu!.largePacketBytes)-byte packets fit the path, so no Packet Too Big was needed")
        case nil:
            packetTooBig = .notTested
        }
        let unreachable = mine.contains { if case .unreachable = $0.outcome { true } else { false } }
        destinationUnreachable = unreachable ? .passed : .notTested
        var codes: [Code] = []
        if echo == .dropped && (tcpAnswered || self.echoV4 == .passed) {
            codes.append(.echoFiltered)
            notes.insert("ICMPv6 echo is dropped while the host answers " + (tcpAnswered ? "TCP over IPv6" : "echo over IPv4"), at: 0)
        }
        if packetTooBig == .dropped { codes.append(.packetTooBigDropped) }
        findings = codes
        detail = notes.joined(separator: "; ")
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("type", "icmpv6")
        o.addIfPresent("record", record)
        o.add("target", target)
        o.add("address", address.description)
        o.add("echo", echo.rawValue)
        o.add("echo_v4", echoV4.rawValue)
        o.add("packet_too_big", packetTooBig.rawValue)
        o.add("destination_unreachable", destinationUnreachable.rawValue)
        o.add("findings", strings: findings.map(\.rawValue))
        o.addIfPresent("detail", detail)
        return o.value
    }

    public var jsonLine: String { JSONWriter.compact(json) }
}
