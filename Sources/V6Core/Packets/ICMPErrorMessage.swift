/// An ICMP or ICMPv6 error message: what went wrong, and what it quotes of the packet that caused it.
public struct ICMPErrorMessage: Hashable, Sendable {
    public var family: AddressFamily
    public var kind: ICMPErrorKind
    /// The code field (for `destinationUnreachable`, which kind of unreachable: 13 / 1 = administratively prohibited).
    public var code: UInt8
    /// The original packet, as far as the error quotes it.
    public var quoted: QuotedProbe

    public init(family: AddressFamily, kind: ICMPErrorKind, code: UInt8, quoted: QuotedProbe) {
        self.family = family
        self.kind = kind
        self.code = code
        self.quoted = quoted
    }

    /// The type field on the wire (3/11/12 for ICMPv4; 1/2/3/4 for ICMPv6).
    public var type: UInt8 {
        switch (family, kind) {
        case (.v4, .destinationUnreachable), (.v4, .packetTooBig): ICMPType.v4DestinationUnreachable
        case (.v4, .timeExceeded): ICMPType.v4TimeExceeded
        case (.v4, .parameterProblem): ICMPType.v4ParameterProblem
        case (.v6, .destinationUnreachable): ICMPType.v6DestinationUnreachable
        case (.v6, .packetTooBig): ICMPType.v6PacketTooBig
        case (.v6, .timeExceeded): ICMPType.v6TimeExceeded
        case (.v6, .parameterProblem): ICMPType.v6ParameterProblem
        }
    }

    /// The MTU a router asked for: ICMPv6 Packet Too Big, or ICMPv4 "fragmentation needed" (0 from routers older than
    /// RFC 1191). Nil for other errors.
    public var pathMTU: UInt32? {
        if case .packetTooBig(let mtu) = kind { return mtu }
        return nil
    }

    /// The text for a scan record's `detail`, e.g. "ICMPv6 destination unreachable code 1 (administratively
    /// prohibited)" or "ICMP time exceeded in transit". Built on demand: errors are rare next to replies.
    public var detail: String {
        ICMPErrorText.detail(family: family, kind: kind, code: code)
    }
}

/// The kinds of ICMP error a probe can run into.
public enum ICMPErrorKind: Hashable, Sendable {
    /// ICMPv4 type 3 (except code 4), ICMPv6 type 1; `code` says why (no route, admin-prohibited, port, ...).
    case destinationUnreachable
    /// ICMPv6 type 2 (Packet Too Big), and ICMPv4 type 3 code 4 (fragmentation needed and DF set), which mean the
    /// same thing to path-MTU discovery: the path needs packets of at most `mtu` bytes.
    case packetTooBig(mtu: UInt32)
    /// ICMPv4 type 11, ICMPv6 type 3: TTL / hop limit reached zero (code 0) or reassembly timed out (code 1).
    case timeExceeded
    /// ICMPv4 type 12, ICMPv6 type 4; `pointer` is the offset of the offending byte in the quoted packet.
    case parameterProblem(pointer: UInt32)
}

/// What an error quotes of the packet that caused it: enough to find the probe.
public struct QuotedProbe: Hashable, Sendable {
    /// The original packet's source (our address, as the router saw it).
    public var source: IPAddress
    /// The original packet's destination: the target we probed.
    public var destination: IPAddress
    public var transport: QuotedTransport

    public init(source: IPAddress, destination: IPAddress, transport: QuotedTransport) {
        self.source = source
        self.destination = destination
        self.transport = transport
    }
}

/// The upper-layer header of a quoted packet.
public enum QuotedTransport: Hashable, Sendable {
    /// An ICMP / ICMPv6 echo request. `cookie` is there when the error quoted at least 16 bytes of it (RFC 792
    /// routers quote only 8; Linux and RFC 1812 routers quote more).
    case icmpEcho(identifier: UInt16, sequence: UInt16, cookie: UInt64?)
    /// A TCP segment (a connect() SYN): match it to the connect probe by destination address and both ports.
    case tcp(sourcePort: UInt16, destinationPort: UInt16)
    /// A UDP datagram (a DNS query, for example).
    case udp(sourcePort: UInt16, destinationPort: UInt16)
    /// Any other protocol, or an ICMP message other than an echo request (`protocolNumber` 1 or 58).
    case other(protocolNumber: UInt8)
    /// A fragment other than the first: it carries no transport header to match on.
    case laterFragment(protocolNumber: UInt8)
}
