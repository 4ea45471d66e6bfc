/// ICMP and ICMPv6 message type numbers (RFC 792, RFC 4443, RFC 4861), and IP protocol numbers the decoder meets.
enum ICMPType {
    // ICMPv4
    static let v4EchoReply: UInt8 = 0
    static let v4DestinationUnreachable: UInt8 = 3
    static let v4SourceQuench: UInt8 = 4
    static let v4Redirect: UInt8 = 5
    static let v4EchoRequest: UInt8 = 8
    static let v4RouterAdvertisement: UInt8 = 9
    static let v4RouterSolicitation: UInt8 = 10
    static let v4TimeExceeded: UInt8 = 11
    static let v4ParameterProblem: UInt8 = 12

    // ICMPv6
    static let v6DestinationUnreachable: UInt8 = 1
    static let v6PacketTooBig: UInt8 = 2
    static let v6TimeExceeded: UInt8 = 3
    static let v6ParameterProblem: UInt8 = 4
    static let v6EchoRequest: UInt8 = 128
    static let v6EchoReply: UInt8 = 129
    static let v6MulticastListenerQuery: UInt8 = 130
    static let v6MulticastListenerReport: UInt8 = 131
    static let v6MulticastListenerDone: UInt8 = 132
    static let v6RouterSolicitation: UInt8 = 133
    static let v6RouterAdvertisement: UInt8 = 134
    static let v6NeighborSolicitation: UInt8 = 135
    static let v6NeighborAdvertisement: UInt8 = 136
    static let v6Redirect: UInt8 = 137
    static let v6MulticastListenerReportV2: UInt8 = 143

    /// The echo request type of a family (8 or 128).
    static func echoRequest(_ family: AddressFamily) -> UInt8 {
        family == .v4 ? v4EchoRequest : v6EchoRequest
    }
}

/// IP protocol / IPv6 next-header numbers.
enum IPProtocolNumber {
    static let hopByHop: UInt8 = 0
    static let icmp: UInt8 = 1
    static let tcp: UInt8 = 6
    static let udp: UInt8 = 17
    static let routing: UInt8 = 43
    static let fragment: UInt8 = 44
    static let authentication: UInt8 = 51
    static let icmpv6: UInt8 = 58
    static let destinationOptions: UInt8 = 60
}
