/// Which ICMP types a raw socket should deliver at all, so the kernel drops the rest (neighbour discovery, other
/// programs' echo requests, ...) before they cost a wake-up. Pure: the system layer passes the words to `setsockopt`.
///
/// Both kernel filters are "set bit = block":
/// - ICMPv6, `setsockopt(IPPROTO_ICMPV6, ICMP6_FILTER, struct icmp6_filter)` (RFC 3542): eight 32-bit words in host
///   order; type t is bit (t & 31) of word (t >> 5).
/// - ICMPv4 on Linux, `setsockopt(SOL_RAW, ICMP_FILTER, struct icmp_filter)`: one 32-bit mask for types 0–31 (types
///   32 and up always pass).
public struct ICMPTypeFilter: Hashable, Sendable {
    public let family: AddressFamily
    /// Bit t set: type t blocked.
    private var blockedWords: [UInt32] = Array(repeating: .max, count: 8)

    /// A filter that passes exactly `types` and blocks every other type.
    public init(family: AddressFamily, passing types: some Sequence<UInt8>) {
        self.family = family
        for type in types { blockedWords[Int(type >> 5)] &= ~(1 << UInt32(type & 31)) }
    }

    /// What an echo prober needs: echo replies and the four error types (ICMPv4 0, 3, 11, 12; ICMPv6 129, 1, 2, 3, 4).
    public static func probeResponses(_ family: AddressFamily) -> ICMPTypeFilter {
        switch family {
        case .v4:
            ICMPTypeFilter(family: .v4, passing: [ICMPType.v4EchoReply, ICMPType.v4DestinationUnreachable,
                                                  ICMPType.v4TimeExceeded, ICMPType.v4ParameterProblem])
        case .v6:
            ICMPTypeFilter(family: .v6, passing: [ICMPType.v6EchoReply, ICMPType.v6DestinationUnreachable,
                                                  ICMPType.v6PacketTooBig, ICMPType.v6TimeExceeded,
                                                  ICMPType.v6ParameterProblem])
        }
    }

    /// True when the filter lets `type` through.
    public func passes(_ type: UInt8) -> Bool {
        blockedWords[Int(type >> 5)] & (1 << UInt32(type & 31)) == 0
    }

    /// The `struct icmp6_filter` words (`icmp6_filt[0...7]`), for an ICMPv6 raw socket.
    public var icmp6FilterWords: [UInt32] {
        blockedWords
    }

    /// The Linux `struct icmp_filter` mask (`data`), for an ICMPv4 raw socket: types 0–31 only.
    public var icmpFilterMask: UInt32 {
        blockedWords[0]
    }
}
