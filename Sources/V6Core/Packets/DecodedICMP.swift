/// What one received ICMP or ICMPv6 packet is, as far as a prober cares. Produced by `ICMPDecoder.decode`, consumed by
/// `ProbeMatcher.match` (echo probes) or the connect-probe table (errors quoting TCP or UDP).
public enum DecodedICMP: Hashable, Sendable {
    /// An echo reply in our probe format (it carries a cookie and a payload size that matches its length). Whose it is
    /// (identifier, cookie, sequence, source) is for the matcher to decide.
    case echoReply(ICMPEchoReply)
    /// An error message (unreachable, too big, time exceeded, parameter problem) with what it quotes of the packet that
    /// caused it.
    case error(ICMPErrorMessage)
    /// A well-formed packet that cannot answer a probe of ours: someone else's traffic, neighbour discovery, ...
    case ignored(ICMPIgnoreReason)
    /// A packet that is cut short or inconsistent with itself. Never credited to a probe.
    case malformed(ICMPMalformedReason)
}

/// The fields of an echo reply in our probe format.
public struct ICMPEchoReply: Hashable, Sendable {
    public var identifier: UInt16
    public var sequence: UInt16
    /// The first eight payload bytes: the run cookie echoed back.
    public var cookie: UInt64
    /// Bytes after the ICMP header (equal to the size we sent: a shorter reply is refused by the decoder).
    public var payloadSize: Int

    public init(identifier: UInt16, sequence: UInt16, cookie: UInt64, payloadSize: Int) {
        self.identifier = identifier
        self.sequence = sequence
        self.cookie = cookie
        self.payloadSize = payloadSize
    }
}

/// Why a well-formed packet was set aside.
public enum ICMPIgnoreReason: Hashable, Sendable {
    /// An echo request: our own probe seen on loopback, or someone pinging us.
    case echoRequest
    /// An echo reply whose payload is not in our format (too short for the cookie, or a payload-size mark that does
    /// not match its length): another program's ping, or one of ours cut short on the way back.
    case unrecognizedEchoPayload
    /// IPv6 router/neighbour solicitations and advertisements, redirects.
    case neighborDiscovery
    /// Multicast listener queries and reports (MLD).
    case multicastListener
    /// ICMPv4 redirect, router advertisement or solicitation, source quench.
    case routing
    /// The IPv4 packet is not ICMP (a raw ICMP socket should never see one).
    case notICMP
    /// Any other type; the number is kept for debugging.
    case otherType(UInt8)
}

/// Why a packet was judged malformed.
public enum ICMPMalformedReason: Hashable, Sendable {
    /// Fewer bytes than an IPv4 header, or than the header length field says.
    case truncatedIPHeader
    /// The IPv4 version field is not 4.
    case badIPVersion
    /// The IPv4 header length (IHL) is below 5 words.
    case badIPHeaderLength
    /// The IPv4 total length is shorter than the header, or runs past the bytes received.
    case badTotalLength
    /// Fewer than eight bytes of ICMP header.
    case truncatedICMPHeader
    /// The ICMPv4 checksum does not sum to all ones.
    case badChecksum
    /// The IPv4 header's source differs from the address the socket reported.
    case sourceMismatch
    /// An error message whose quoted packet is too short to identify the probe (less than its IP header plus eight
    /// bytes of the transport header).
    case truncatedQuote
    /// The quoted packet's IP header is inconsistent (wrong version, bad header length, endless extension headers).
    case badQuotedHeader
}
