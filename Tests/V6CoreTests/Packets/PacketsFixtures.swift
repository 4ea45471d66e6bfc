@testable import V6Core

/// Byte fixtures for the packet tests.
///
/// Most are real packets, not made up: the kernel built them. `loopback…` were captured with tcpdump while iputils
/// ping pinged 127.0.0.1 and ::1. `lab…` were read from raw ICMP/ICMPv6 sockets (so exactly what v6ready will read) in
/// three network namespaces with no route out: prober A (192.0.2.1, 2001:db8:1::1) — router R (192.0.2.254 /
/// 198.51.100.254, 2001:db8:1::fe / 2001:db8:2::fe; its link to B has MTU 1280; nftables rejects 198.51.100.3,
/// 2001:db8:2::3 and TCP port 81 with admin-prohibited) — target B (198.51.100.2, 2001:db8:2::2). The prober sent echo
/// requests in v6ready's format from a separate Python implementation: identifier 0xBEEF, cookie 0x0102030405060708,
/// payload size mark, then padding where byte i of the ICMP message is i & 0xFF. Checksums in them are the kernel's.
///
/// Hex text: whitespace is ignored and `#` starts a comment to the end of the line.
enum PacketsFixtures {
    static let identifier: UInt16 = 0xBEEF
    static let cookie: UInt64 = 0x0102_0304_0506_0708

    static let prober4 = IPAddress.v4(IPv4Address(0xC000_0201))        // 192.0.2.1
    static let router4 = IPAddress.v4(IPv4Address(0xC000_02FE))        // 192.0.2.254
    static let target4 = IPAddress.v4(IPv4Address(0xC633_6402))        // 198.51.100.2
    static let prohibited4 = IPAddress.v4(IPv4Address(0xC633_6403))    // 198.51.100.3
    static let prober6 = IPAddress.v6(IPv6Address(high: 0x2001_0DB8_0001_0000, low: 1))     // 2001:db8:1::1
    static let router6 = IPAddress.v6(IPv6Address(high: 0x2001_0DB8_0001_0000, low: 0xFE))  // 2001:db8:1::fe
    static let target6 = IPAddress.v6(IPv6Address(high: 0x2001_0DB8_0002_0000, low: 2))     // 2001:db8:2::2
    static let prohibited6 = IPAddress.v6(IPv6Address(high: 0x2001_0DB8_0002_0000, low: 3)) // 2001:db8:2::3
    static let loopback4 = IPAddress.v4(IPv4Address(0x7F00_0001))
    static let loopback6 = IPAddress.v6(IPv6Address(high: 0, low: 1))

    // MARK: - Loopback captures (iputils ping)

    /// `ping -c1 -s 10 -p 0102030405060708000a 127.0.0.1`: the ICMP part of the echo request. With a 10-byte payload
    /// ping sends no timestamp, so its payload is exactly a v6ready payload for cookie 0x0102030405060708.
    static let loopbackPingRequestICMP = hex("""
        08 00        # type 8 (echo request), code 0
        94 98        # checksum (computed by ping)
        53 48        # identifier 0x5348
        00 01        # sequence 1
        01 02 03 04 05 06 07 08   # cookie
        00 0a        # payload size 10
        """)

    /// The kernel's echo reply to it, with the IPv4 header (a raw socket's view).
    static let loopbackV4EchoReply = hex("""
        45 00 00 26  # version 4, IHL 5; TOS 0; total length 38
        21 2f 00 00  # id 0x212f; no flags, fragment offset 0
        40 01 5b a6  # TTL 64; protocol 1 (ICMP); header checksum 0x5ba6 (kernel)
        7f 00 00 01  # source 127.0.0.1
        7f 00 00 01  # destination 127.0.0.1
        00 00 9c 98  # type 0 (echo reply), code 0, checksum 0x9c98 (kernel)
        53 48 00 01  # identifier 0x5348, sequence 1
        01 02 03 04 05 06 07 08 00 0a   # cookie, payload size 10
        """)

    /// `ping -6 -c1 -s 10 -p 0102030405060708000a ::1`: the ICMPv6 echo request (the IPv6 header stripped).
    static let loopbackV6EchoRequest = hex("""
        80 00 1c 49  # type 128 (echo request), code 0, checksum 0x1c49 (kernel, over the ::1 -> ::1 pseudo-header)
        53 49 00 01  # identifier 0x5349, sequence 1
        01 02 03 04 05 06 07 08 00 0a
        """)

    /// Plain `ping -c1 127.0.0.1`: a 56-byte payload starting with a timestamp. Another program's ping.
    static let loopbackDefaultPingReply = hex("""
        45 00 00 54 30 dd 00 00 40 01 4b ca 7f 00 00 01 7f 00 00 01   # IPv4, total length 84, 127.0.0.1 -> 127.0.0.1
        00 00 ab f8  # echo reply, checksum 0xabf8
        58 48 00 01  # identifier 0x5848, sequence 1
        71 6b 02 6b 00 00 00 00 c6 14 03 00 00 00 00 00   # struct timeval (not a cookie + size mark)
        10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25 26 27
        28 29 2a 2b 2c 2d 2e 2f 30 31 32 33 34 35 36 37
        """)

    // MARK: - Lab: echo replies

    /// Echo reply from B for sequence 1, through the router (TTL 63).
    static let labV4EchoReply = hex("""
        45 00 00 26  # version 4, IHL 5, total length 38
        ad 69 00 00  # id, no fragment
        3f 01 e2 36  # TTL 63, protocol ICMP, header checksum
        c6 33 64 02  # source 198.51.100.2
        c0 00 02 01  # destination 192.0.2.1
        00 00 30 f1  # echo reply, checksum 0x30f1
        be ef 00 01  # identifier 0xBEEF, sequence 1
        01 02 03 04 05 06 07 08   # cookie
        00 0a        # payload size 10
        """)

    /// The same reply with four bytes of IP options (three NOPs and End of Options): IHL 6, total length 42. Built by
    /// hand from `labV4EchoReply`; header checksum recomputed with a separate tool.
    static let labV4EchoReplyWithOptions = hex("""
        46 00 00 2a  # version 4, IHL 6 (24-byte header), total length 42
        ad 6a 00 00
        3f 01 df 30  # TTL 63, ICMP, header checksum 0xdf30
        c6 33 64 02  # source 198.51.100.2
        c0 00 02 01  # destination 192.0.2.1
        01 01 01 00  # options: NOP, NOP, NOP, EOL
        00 00 30 f1 be ef 00 01 01 02 03 04 05 06 07 08 00 0a   # the ICMP message, unchanged
        """)

    /// ICMPv6 echo reply from 2001:db8:2::2, sequence 11.
    static let labV6EchoReply = hex("""
        81 00 54 22  # type 129 (echo reply), code 0, checksum 0x5422 (over 2001:db8:2::2 -> 2001:db8:1::1)
        be ef 00 0b  # identifier 0xBEEF, sequence 11
        01 02 03 04 05 06 07 08 00 0a
        """)

    /// Neighbour advertisement from the router, seen on the raw ICMPv6 socket while the lab started.
    static let labV6NeighborAdvertisement = hex("""
        88 00 fc 8b  # type 136 (neighbour advertisement), code 0, checksum
        e0 00 00 00  # flags: router, solicited, override
        20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 fe   # target 2001:db8:1::fe
        02 01 66 67 aa 9e fc e5   # option: target link-layer address
        """)

    // MARK: - Lab: ICMPv4 errors

    /// R rejects our echo request to 198.51.100.3 (sequence 2): type 3 code 13.
    static let labV4AdminProhibited = hex("""
        45 c0 00 42 95 4d 00 00 40 01 5f ae   # IPv4, TOS 0xc0, total length 66, TTL 64, ICMP
        c0 00 02 fe  # source 192.0.2.254 (the router)
        c0 00 02 01  # destination 192.0.2.1
        03 0d fc f2  # type 3 (destination unreachable), code 13 (communication administratively prohibited)
        00 00 00 00  # unused
        45 00 00 26 07 4e 40 00 3f 01 48 51   # quoted IPv4 header: length 38, DF, TTL 63 (after one hop), ICMP
        c0 00 02 01  # quoted source 192.0.2.1
        c6 33 64 03  # quoted destination 198.51.100.3
        08 00 28 f0  # quoted echo request
        be ef 00 02  # identifier 0xBEEF, sequence 2
        01 02 03 04 05 06 07 08 00 0a   # quoted cookie and size mark
        """)

    /// Our echo request to B sent with TTL 1 (sequence 3): time exceeded in transit from R.
    static let labV4TimeExceeded = hex("""
        45 c0 00 42 95 bc 00 00 40 01 5f 3f c0 00 02 fe c0 00 02 01   # IPv4 192.0.2.254 -> 192.0.2.1
        0b 00 f4 ff  # type 11 (time exceeded), code 0 (in transit)
        00 00 00 00
        45 00 00 26 c8 a6 40 00 01 01 c4 f9   # quoted header, TTL 1
        c0 00 02 01 c6 33 64 02               # 192.0.2.1 -> 198.51.100.2
        08 00 28 ef be ef 00 03               # echo request, identifier 0xBEEF, sequence 3
        01 02 03 04 05 06 07 08 00 0a
        """)

    /// A 1500-byte echo request with DF (sequence 4) meets R's 1280-byte link: type 3 code 4, next-hop MTU 1280.
    /// Linux quotes as much as fits in 576 bytes.
    static let labV4FragmentationNeeded = hex("""
        45 c0 02 40 96 0c 00 00 40 01 5c f1   # IPv4, total length 576
        c0 00 02 fe c0 00 02 01               # 192.0.2.254 -> 192.0.2.1
        03 04 d3 b1  # type 3, code 4 (fragmentation needed and DF set), checksum
        00 00 05 00  # unused, next-hop MTU 1280
        45 00 05 dc 00 00 40 00 40 01 48 ea   # quoted header: total length 1500, DF
        c0 00 02 01 c6 33 64 02               # 192.0.2.1 -> 198.51.100.2
        08 00 d7 13 be ef 00 04               # echo request, identifier 0xBEEF, sequence 4
        01 02 03 04 05 06 07 08               # cookie
        05 c0                                 # payload size 1472
        """) + padding(messageOffsets: 18..<528)

    /// B answers a UDP datagram to its closed port 9: type 3 code 3, from B itself.
    static let labV4PortUnreachable = hex("""
        45 c0 00 3f af 75 00 00 3f 01 df 51   # IPv4, total length 63, TTL 63
        c6 33 64 02 c0 00 02 01               # 198.51.100.2 -> 192.0.2.1
        03 03 b1 47  # type 3, code 3 (port unreachable)
        00 00 00 00
        45 00 00 23 27 3b 40 00 3f 11 28 58   # quoted header, protocol 17 (UDP)
        c0 00 02 01 c6 33 64 02
        9c 44 00 09  # UDP source port 40004, destination port 9
        00 0f ec 57  # UDP length 15, checksum
        76 36 72 65 61 64 79                  # "v6ready"
        """)

    /// R rejects a TCP SYN to B port 81 (a connect() probe): type 3 code 13 quoting the SYN.
    static let labV4TCPAdminProhibited = hex("""
        45 c0 00 58 96 9d 00 00 40 01 5e 48   # IPv4, total length 88
        c0 00 02 fe c0 00 02 01               # 192.0.2.254 -> 192.0.2.1
        03 0d 02 81 00 00 00 00               # type 3, code 13
        45 00 00 3c f1 89 40 00 3f 06 5d fb   # quoted header, protocol 6 (TCP)
        c0 00 02 01 c6 33 64 02
        a0 2c 00 51  # TCP source port 41004, destination port 81
        a5 1c 8b 19 00 00 00 00 a0 02 fb e0 ec 65 00 00   # sequence, ack 0, data offset 10, SYN, window, checksum
        02 04 04 d8 04 02 08 0a 11 65 79 1a 00 00 00 00 01 03 03 0a   # options: MSS, SACK ok, timestamps, wscale
        """)

    // MARK: - Lab: ICMPv6 errors (the IPv6 header is stripped by the raw socket; quoted packets keep theirs)

    /// R rejects our echo request to 2001:db8:2::3 (sequence 12): type 1 code 1.
    static let labV6AdminProhibited = hex("""
        01 01 c7 de  # type 1 (destination unreachable), code 1 (administratively prohibited)
        00 00 00 00  # unused
        60 0d 40 1e  # quoted IPv6 header: version 6, flow label
        00 12 3a 3f  # payload length 18, next header 58 (ICMPv6), hop limit 63
        20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 01   # source 2001:db8:1::1
        20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 03   # destination 2001:db8:2::3
        80 00 55 20 be ef 00 0c               # echo request, identifier 0xBEEF, sequence 12
        01 02 03 04 05 06 07 08 00 0a
        """)

    /// Our echo request with hop limit 1 (sequence 13): time exceeded from R.
    static let labV6HopLimitExceeded = hex("""
        03 00 6a 86  # type 3 (time exceeded), code 0 (hop limit exceeded in transit)
        00 00 00 00
        60 0f 9b b3 00 12 3a 01               # quoted IPv6 header, hop limit 1
        20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 01   # 2001:db8:1::1
        20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 02   # -> 2001:db8:2::2
        80 00 55 20 be ef 00 0d               # echo request, sequence 13
        01 02 03 04 05 06 07 08 00 0a
        """)

    /// A 1500-byte echo request (sequence 14) meets R's 1280-byte link: Packet Too Big, quoting as much as fits in
    /// 1280 bytes (the error is 1240 bytes after the stripped IPv6 header).
    static let labV6PacketTooBig = hex("""
        02 00 34 09  # type 2 (packet too big), code 0
        00 00 05 00  # MTU 1280
        60 0f 9b b3 05 b4 3a 40               # quoted IPv6 header, payload length 1460, hop limit 64
        20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 01
        20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 02
        80 00 67 2a be ef 00 0e               # echo request, sequence 14
        01 02 03 04 05 06 07 08               # cookie
        05 ac                                 # payload size 1452
        """) + padding(messageOffsets: 18..<1192)

    /// B answers a UDP datagram to its closed port 9: type 1 code 4.
    static let labV6PortUnreachable = hex("""
        01 04 ef 8e 00 00 00 00               # type 1, code 4 (port unreachable)
        60 0c 2b b1 00 0f 11 3f               # quoted IPv6 header, next header 17 (UDP)
        20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 01
        20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 02
        9c 46 00 09  # UDP source port 40006, destination port 9
        00 0f 5b 98 76 36 72 65 61 64 79
        """)

    /// R rejects a TCP SYN to B port 81: type 1 code 1 quoting the SYN.
    static let labV6TCPAdminProhibited = hex("""
        01 01 c8 0f 00 00 00 00               # type 1, code 1
        60 00 e0 db 00 28 06 3f               # quoted IPv6 header, payload length 40, next header 6 (TCP)
        20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 01
        20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 02
        a0 2e 00 51  # TCP source port 41006, destination port 81
        ce 37 c6 74 00 00 00 00 a0 02 fc 94 5b a6 00 00
        02 04 04 c4 04 02 08 0a 1d 06 d5 dc 00 00 00 00 01 03 03 0a
        """)

    /// Every lab and loopback packet with the family and source a raw socket would report, for loops.
    static let all: [(name: String, bytes: [UInt8], family: AddressFamily, source: IPAddress)] = [
        ("loopbackV4EchoReply", loopbackV4EchoReply, .v4, loopback4),
        ("loopbackDefaultPingReply", loopbackDefaultPingReply, .v4, loopback4),
        ("loopbackV6EchoRequest", loopbackV6EchoRequest, .v6, loopback6),
        ("labV4EchoReply", labV4EchoReply, .v4, target4),
        ("labV4EchoReplyWithOptions", labV4EchoReplyWithOptions, .v4, target4),
        ("labV6EchoReply", labV6EchoReply, .v6, target6),
        ("labV6NeighborAdvertisement", labV6NeighborAdvertisement, .v6, router6),
        ("labV4AdminProhibited", labV4AdminProhibited, .v4, router4),
        ("labV4TimeExceeded", labV4TimeExceeded, .v4, router4),
        ("labV4FragmentationNeeded", labV4FragmentationNeeded, .v4, router4),
        ("labV4PortUnreachable", labV4PortUnreachable, .v4, target4),
        ("labV4TCPAdminProhibited", labV4TCPAdminProhibited, .v4, router4),
        ("labV6AdminProhibited", labV6AdminProhibited, .v6, router6),
        ("labV6HopLimitExceeded", labV6HopLimitExceeded, .v6, router6),
        ("labV6PacketTooBig", labV6PacketTooBig, .v6, router6),
        ("labV6PortUnreachable", labV6PortUnreachable, .v6, target6),
        ("labV6TCPAdminProhibited", labV6TCPAdminProhibited, .v6, router6),
    ]

    // MARK: - Helpers

    /// Bytes from hex text; whitespace ignored, `#` comments to the end of a line.
    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var high: UInt8?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            for character in line.prefix(while: { $0 != "#" }) where !character.isWhitespace {
                guard let nibble = character.hexDigitValue else { fatalError("not hex: \(character)") }
                if let pending = high {
                    bytes.append(pending << 4 | UInt8(nibble))
                    high = nil
                } else {
                    high = UInt8(nibble)
                }
            }
        }
        precondition(high == nil, "odd number of hex digits")
        return bytes
    }

    /// The probe padding for the given offsets of the quoted ICMP message: byte i is i & 0xFF.
    static func padding(messageOffsets offsets: Range<Int>) -> [UInt8] {
        offsets.map { UInt8(truncatingIfNeeded: $0) }
    }
}

/// Builds synthetic packets for cases the lab cannot produce (bad headers, spoofed sources, quoted fragments). The
/// ICMPv4 and IPv4 checksums are filled in with `InternetChecksum`, which the checksum tests pin to the kernel's own.
enum PacketsBuilder {
    /// An IPv4 header (20 bytes plus `options`) in front of `payload`.
    static func ipv4(source: IPv4Address, destination: IPv4Address, protocolNumber: UInt8 = 1, ttl: UInt8 = 64,
                     fragmentField: UInt16 = 0, options: [UInt8] = [], payload: [UInt8]) -> [UInt8] {
        precondition(options.count % 4 == 0)
        let headerLength = 20 + options.count
        let total = headerLength + payload.count
        var header: [UInt8] = [0x40 | UInt8(headerLength / 4), 0, UInt8(total >> 8), UInt8(total & 0xFF),
                               0x12, 0x34, UInt8(fragmentField >> 8), UInt8(fragmentField & 0xFF),
                               ttl, protocolNumber, 0, 0]
        header += source.bytes + destination.bytes + options
        let checksum = InternetChecksum.checksum(header)
        header[10] = UInt8(checksum >> 8)
        header[11] = UInt8(checksum & 0xFF)
        return header + payload
    }

    /// An ICMP message: type, code, checksum (ICMPv4: computed; ICMPv6: left as given), four header bytes, body.
    static func icmp(type: UInt8, code: UInt8, rest: [UInt8] = [0, 0, 0, 0], body: [UInt8] = [],
                     computeChecksum: Bool = true) -> [UInt8] {
        var message = [type, code, 0, 0] + rest + body
        if computeChecksum {
            let checksum = InternetChecksum.checksum(message)
            message[2] = UInt8(checksum >> 8)
            message[3] = UInt8(checksum & 0xFF)
        }
        return message
    }

    /// A 40-byte IPv6 header.
    static func ipv6Header(source: IPv6Address, destination: IPv6Address, nextHeader: UInt8,
                           payloadLength: Int, hopLimit: UInt8 = 64) -> [UInt8] {
        [0x60, 0, 0, 0, UInt8(payloadLength >> 8), UInt8(payloadLength & 0xFF), nextHeader, hopLimit]
            + source.bytes + destination.bytes
    }

    /// An echo reply with our payload format, for the given family (as encoded by an independent path: the encoder's
    /// request with the type changed and the checksum redone).
    static func echoReplyMessage(family: AddressFamily, identifier: UInt16, sequence: UInt16, cookie: UInt64,
                                 payloadSize: Int = 10) -> [UInt8] {
        var message = ICMPEchoEncoder.encode(family: family, identifier: identifier, sequence: sequence,
                                             cookie: cookie, payloadSize: payloadSize)
        message[0] = family == .v4 ? 0 : 129
        message[2] = 0
        message[3] = 0
        if family == .v4 {
            let checksum = InternetChecksum.checksum(message)
            message[2] = UInt8(checksum >> 8)
            message[3] = UInt8(checksum & 0xFF)
        }
        return message
    }
}
