import Testing
@testable import V6Core

@Suite("Packets: ICMP and ICMPv6 decoder")
struct PacketsDecoderTests {
    typealias F = PacketsFixtures
    typealias B = PacketsBuilder

    // MARK: Echo replies

    @Test("an IPv4 echo reply behind a plain 20-byte header")
    func v4EchoReply() {
        #expect(ICMPDecoder.decode(F.labV4EchoReply, family: .v4, source: F.target4)
            == .echoReply(ICMPEchoReply(identifier: 0xBEEF, sequence: 1, cookie: F.cookie, payloadSize: 10)))
        #expect(ICMPDecoder.decode(F.loopbackV4EchoReply, family: .v4, source: F.loopback4)
            == .echoReply(ICMPEchoReply(identifier: 0x5348, sequence: 1, cookie: F.cookie, payloadSize: 10)))
    }

    @Test("an IPv4 echo reply behind a header with options (IHL 6)")
    func v4EchoReplyWithOptions() {
        #expect(ICMPDecoder.decode(F.labV4EchoReplyWithOptions, family: .v4, source: F.target4)
            == .echoReply(ICMPEchoReply(identifier: 0xBEEF, sequence: 1, cookie: F.cookie, payloadSize: 10)))
    }

    @Test("an ICMPv6 echo reply (no IPv6 header on a raw ICMPv6 socket)")
    func v6EchoReply() {
        #expect(ICMPDecoder.decode(F.labV6EchoReply, family: .v6, source: F.target6)
            == .echoReply(ICMPEchoReply(identifier: 0xBEEF, sequence: 11, cookie: F.cookie, payloadSize: 10)))
    }

    @Test("bytes after the IPv4 total length are not part of the packet")
    func trailingBytesIgnored() {
        #expect(ICMPDecoder.decode(F.labV4EchoReply + [0, 0, 0, 0], family: .v4, source: F.target4)
            == .echoReply(ICMPEchoReply(identifier: 0xBEEF, sequence: 1, cookie: F.cookie, payloadSize: 10)))
    }

    @Test("another program's ping reply (timestamp payload) is ignored, not malformed")
    func foreignPayload() {
        #expect(ICMPDecoder.decode(F.loopbackDefaultPingReply, family: .v4, source: F.loopback4)
            == .ignored(.unrecognizedEchoPayload))
    }

    @Test("echo requests, neighbour discovery, MLD and other types are ignored with their reason")
    func ignoredTypes() {
        #expect(ICMPDecoder.decode(F.loopbackV6EchoRequest, family: .v6, source: F.loopback6) == .ignored(.echoRequest))
        let v4Request = B.ipv4(source: F.loopback4.ipv4!, destination: F.loopback4.ipv4!,
                               payload: F.loopbackPingRequestICMP)
        #expect(ICMPDecoder.decode(v4Request, family: .v4, source: F.loopback4) == .ignored(.echoRequest))
        #expect(ICMPDecoder.decode(F.labV6NeighborAdvertisement, family: .v6, source: F.router6)
            == .ignored(.neighborDiscovery))
        for type: UInt8 in [133, 134, 135, 137] {
            let message = B.icmp(type: type, code: 0, computeChecksum: false)
            #expect(ICMPDecoder.decode(message, family: .v6, source: F.router6) == .ignored(.neighborDiscovery))
        }
        for type: UInt8 in [130, 131, 132, 143] {
            let message = B.icmp(type: type, code: 0, computeChecksum: false)
            #expect(ICMPDecoder.decode(message, family: .v6, source: F.router6) == .ignored(.multicastListener))
        }
        #expect(ICMPDecoder.decode(B.icmp(type: 200, code: 0, computeChecksum: false), family: .v6, source: F.router6)
            == .ignored(.otherType(200)))
        for type: UInt8 in [4, 5, 9, 10] {
            let packet = B.ipv4(source: F.router4.ipv4!, destination: F.prober4.ipv4!,
                                payload: B.icmp(type: type, code: 0, body: Array(F.labV4AdminProhibited[28...])))
            #expect(ICMPDecoder.decode(packet, family: .v4, source: F.router4) == .ignored(.routing))
        }
        let timestamp = B.ipv4(source: F.router4.ipv4!, destination: F.prober4.ipv4!,
                               payload: B.icmp(type: 13, code: 0, body: [UInt8](repeating: 0, count: 12)))
        #expect(ICMPDecoder.decode(timestamp, family: .v4, source: F.router4) == .ignored(.otherType(13)))
        let tcp = B.ipv4(source: F.target4.ipv4!, destination: F.prober4.ipv4!, protocolNumber: 6,
                         payload: [UInt8](repeating: 0, count: 20))
        #expect(ICMPDecoder.decode(tcp, family: .v4, source: F.target4) == .ignored(.notICMP))
    }

    // MARK: ICMPv4 errors

    @Test("v4 admin-prohibited (type 3 code 13) quoting our echo request")
    func v4AdminProhibited() throws {
        let error = try #require(errorMessage(F.labV4AdminProhibited, .v4, F.router4))
        #expect(error.kind == .destinationUnreachable)
        #expect(error.code == 13)
        #expect(error.type == 3)
        #expect(error.quoted == QuotedProbe(source: F.prober4, destination: F.prohibited4,
                                            transport: .icmpEcho(identifier: 0xBEEF, sequence: 2, cookie: F.cookie)))
        #expect(error.detail == "ICMP destination unreachable code 13 (communication administratively prohibited)")
        #expect(error.pathMTU == nil)
    }

    @Test("v4 port unreachable quoting a UDP datagram")
    func v4PortUnreachable() throws {
        let error = try #require(errorMessage(F.labV4PortUnreachable, .v4, F.target4))
        #expect(error.kind == .destinationUnreachable)
        #expect(error.code == 3)
        #expect(error.quoted == QuotedProbe(source: F.prober4, destination: F.target4,
                                            transport: .udp(sourcePort: 40004, destinationPort: 9)))
        #expect(error.detail == "ICMP destination unreachable code 3 (port unreachable)")
    }

    @Test("v4 admin-prohibited quoting a TCP SYN gives both ports")
    func v4TCP() throws {
        let error = try #require(errorMessage(F.labV4TCPAdminProhibited, .v4, F.router4))
        #expect(error.code == 13)
        #expect(error.quoted == QuotedProbe(source: F.prober4, destination: F.target4,
                                            transport: .tcp(sourcePort: 41004, destinationPort: 81)))
    }

    @Test("v4 time exceeded in transit")
    func v4TimeExceeded() throws {
        let error = try #require(errorMessage(F.labV4TimeExceeded, .v4, F.router4))
        #expect(error.kind == .timeExceeded)
        #expect(error.code == 0)
        #expect(error.type == 11)
        #expect(error.quoted.transport == .icmpEcho(identifier: 0xBEEF, sequence: 3, cookie: F.cookie))
        #expect(error.quoted.destination == F.target4)
        #expect(error.detail == "ICMP time exceeded in transit")
    }

    @Test("v4 fragmentation needed is a packet-too-big with the next-hop MTU")
    func v4FragmentationNeeded() throws {
        let error = try #require(errorMessage(F.labV4FragmentationNeeded, .v4, F.router4))
        #expect(error.kind == .packetTooBig(mtu: 1280))
        #expect(error.code == 4)
        #expect(error.type == 3)
        #expect(error.pathMTU == 1280)
        #expect(error.quoted.transport == .icmpEcho(identifier: 0xBEEF, sequence: 4, cookie: F.cookie))
        #expect(error.detail == "ICMP destination unreachable code 4 (fragmentation needed and DF set, next-hop MTU 1280)")
    }

    @Test("v4 parameter problem keeps its pointer")
    func v4ParameterProblem() throws {
        let quote = Array(F.labV4AdminProhibited[28...])
        let packet = B.ipv4(source: F.router4.ipv4!, destination: F.prober4.ipv4!,
                            payload: B.icmp(type: 12, code: 0, rest: [20, 0, 0, 0], body: quote))
        let error = try #require(errorMessage(packet, .v4, F.router4))
        #expect(error.kind == .parameterProblem(pointer: 20))
        #expect(error.type == 12)
        #expect(error.detail == "ICMP parameter problem code 0 (bad header field, pointer 20)")
    }

    @Test("an error quoting only 8 bytes of the echo request (RFC 792 minimum) has no cookie")
    func v4ShortQuote() throws {
        let quote = Array(F.labV4AdminProhibited[28..<56])  // quoted IP header + 8 bytes
        let packet = B.ipv4(source: F.router4.ipv4!, destination: F.prober4.ipv4!,
                            payload: B.icmp(type: 3, code: 1, body: quote))
        let error = try #require(errorMessage(packet, .v4, F.router4))
        #expect(error.quoted.transport == .icmpEcho(identifier: 0xBEEF, sequence: 2, cookie: nil))
        #expect(error.detail == "ICMP destination unreachable code 1 (host unreachable)")
    }

    @Test("an error quoting a later fragment, or another protocol, says so")
    func v4QuotedLaterFragmentAndOther() throws {
        var fragment = Array(F.labV4AdminProhibited[28...])
        fragment[6] = 0x00; fragment[7] = 0xB9  // fragment offset 185 (x8 bytes)
        let packet = B.ipv4(source: F.router4.ipv4!, destination: F.prober4.ipv4!,
                            payload: B.icmp(type: 3, code: 1, body: fragment))
        #expect(try #require(errorMessage(packet, .v4, F.router4)).quoted.transport == .laterFragment(protocolNumber: 1))

        var gre = Array(F.labV4AdminProhibited[28...])
        gre[9] = 47
        let grePacket = B.ipv4(source: F.router4.ipv4!, destination: F.prober4.ipv4!,
                               payload: B.icmp(type: 3, code: 1, body: gre))
        #expect(try #require(errorMessage(grePacket, .v4, F.router4)).quoted.transport == .other(protocolNumber: 47))

        var echoReply = Array(F.labV4AdminProhibited[28...])
        echoReply[20] = 0  // the quoted ICMP message is an echo reply, not our request
        let replyPacket = B.ipv4(source: F.router4.ipv4!, destination: F.prober4.ipv4!,
                                 payload: B.icmp(type: 3, code: 1, body: echoReply))
        #expect(try #require(errorMessage(replyPacket, .v4, F.router4)).quoted.transport == .other(protocolNumber: 1))
    }

    // MARK: ICMPv6 errors

    @Test("v6 admin-prohibited (type 1 code 1) quoting our echo request")
    func v6AdminProhibited() throws {
        let error = try #require(errorMessage(F.labV6AdminProhibited, .v6, F.router6))
        #expect(error.kind == .destinationUnreachable)
        #expect(error.code == 1)
        #expect(error.type == 1)
        #expect(error.quoted == QuotedProbe(source: F.prober6, destination: F.prohibited6,
                                            transport: .icmpEcho(identifier: 0xBEEF, sequence: 12, cookie: F.cookie)))
        #expect(error.detail == "ICMPv6 destination unreachable code 1 (administratively prohibited)")
    }

    @Test("v6 packet too big with its MTU")
    func v6PacketTooBig() throws {
        let error = try #require(errorMessage(F.labV6PacketTooBig, .v6, F.router6))
        #expect(error.kind == .packetTooBig(mtu: 1280))
        #expect(error.type == 2)
        #expect(error.pathMTU == 1280)
        #expect(error.quoted == QuotedProbe(source: F.prober6, destination: F.target6,
                                            transport: .icmpEcho(identifier: 0xBEEF, sequence: 14, cookie: F.cookie)))
        #expect(error.detail == "ICMPv6 packet too big (MTU 1280)")
    }

    @Test("v6 hop limit exceeded")
    func v6TimeExceeded() throws {
        let error = try #require(errorMessage(F.labV6HopLimitExceeded, .v6, F.router6))
        #expect(error.kind == .timeExceeded)
        #expect(error.type == 3)
        #expect(error.quoted.transport == .icmpEcho(identifier: 0xBEEF, sequence: 13, cookie: F.cookie))
        #expect(error.detail == "ICMPv6 time exceeded in transit")
    }

    @Test("v6 port unreachable quoting UDP, admin-prohibited quoting a TCP SYN")
    func v6TransportQuotes() throws {
        let udp = try #require(errorMessage(F.labV6PortUnreachable, .v6, F.target6))
        #expect(udp.code == 4)
        #expect(udp.quoted == QuotedProbe(source: F.prober6, destination: F.target6,
                                          transport: .udp(sourcePort: 40006, destinationPort: 9)))
        #expect(udp.detail == "ICMPv6 destination unreachable code 4 (port unreachable)")
        let tcp = try #require(errorMessage(F.labV6TCPAdminProhibited, .v6, F.router6))
        #expect(tcp.quoted == QuotedProbe(source: F.prober6, destination: F.target6,
                                          transport: .tcp(sourcePort: 41006, destinationPort: 81)))
    }

    @Test("v6 parameter problem keeps its 32-bit pointer")
    func v6ParameterProblem() throws {
        let quote = Array(F.labV6AdminProhibited[8...])
        let message = B.icmp(type: 4, code: 1, rest: [0, 0, 0, 40], body: quote, computeChecksum: false)
        let error = try #require(errorMessage(message, .v6, F.router6))
        #expect(error.kind == .parameterProblem(pointer: 40))
        #expect(error.detail == "ICMPv6 parameter problem code 1 (unrecognized next header type, pointer 40)")
    }

    @Test("quoted IPv6 extension headers are walked to the transport header")
    func v6ExtensionHeaders() throws {
        let echo = Array(F.labV6AdminProhibited[48...])  // the quoted echo request, 18 bytes
        let source = F.prober6.ipv6!, destination = F.target6.ipv6!
        func quoting(_ chain: [UInt8], first: UInt8) -> [UInt8] {
            let quote = B.ipv6Header(source: source, destination: destination, nextHeader: first,
                                     payloadLength: chain.count + echo.count) + chain + echo
            return B.icmp(type: 1, code: 0, body: quote, computeChecksum: false)
        }
        let hopByHop: [UInt8] = [60, 0, 1, 4, 0, 0, 0, 0]                  // next: dest options; PadN
        let destinationOptions: [UInt8] = [44, 1] + [UInt8](repeating: 0, count: 14)  // 16 bytes; next: fragment
        let firstFragment: [UInt8] = [58, 0, 0x00, 0x01, 0, 0, 0, 7]        // offset 0, more fragments
        let echoQuote = QuotedTransport.icmpEcho(identifier: 0xBEEF, sequence: 12, cookie: F.cookie)

        let walked = try #require(errorMessage(quoting(hopByHop + destinationOptions + firstFragment, first: 0), .v6, F.router6))
        #expect(walked.quoted.transport == echoQuote)
        #expect(walked.quoted.destination == F.target6)

        let laterFragment: [UInt8] = [58, 0, 0x05, 0x01, 0, 0, 0, 7]        // offset 160 (x8 bytes)
        #expect(try #require(errorMessage(quoting(laterFragment, first: 44), .v6, F.router6)).quoted.transport
            == .laterFragment(protocolNumber: 58))

        let authentication: [UInt8] = [58, 4] + [UInt8](repeating: 0, count: 22)  // (4 + 2) x 4 = 24 bytes
        #expect(try #require(errorMessage(quoting(authentication, first: 51), .v6, F.router6)).quoted.transport
            == echoQuote)

        // Nine destination-options headers in a row: more than any sane packet carries.
        let loop = [UInt8]((0..<9).map { _ in [UInt8(60), 0, 1, 4, 0, 0, 0, 0] }.joined())
        #expect(ICMPDecoder.decode(quoting(loop, first: 60), family: .v6, source: F.router6)
            == .malformed(.badQuotedHeader))

        // A header claiming more bytes than the quote holds.
        let overlong: [UInt8] = [58, 200, 1, 4, 0, 0, 0, 0]
        #expect(ICMPDecoder.decode(quoting(overlong, first: 60), family: .v6, source: F.router6)
            == .malformed(.truncatedQuote))
    }

    // MARK: Malformed

    @Test("bad IPv4 headers are malformed, each with its reason")
    func badIPv4Headers() {
        var version = F.labV4EchoReply
        version[0] = 0x65
        #expect(ICMPDecoder.decode(version, family: .v4, source: F.target4) == .malformed(.badIPVersion))

        var shortIHL = F.labV4EchoReply
        shortIHL[0] = 0x44
        #expect(ICMPDecoder.decode(shortIHL, family: .v4, source: F.target4) == .malformed(.badIPHeaderLength))

        var longIHL = F.labV4EchoReply
        longIHL[0] = 0x4F  // 60-byte header in a 38-byte packet
        #expect(ICMPDecoder.decode(longIHL, family: .v4, source: F.target4) == .malformed(.truncatedIPHeader))

        var pastEnd = F.labV4EchoReply
        pastEnd[3] = 39  // total length one past the bytes received
        #expect(ICMPDecoder.decode(pastEnd, family: .v4, source: F.target4) == .malformed(.badTotalLength))

        var belowHeader = F.labV4EchoReply
        belowHeader[3] = 19
        #expect(ICMPDecoder.decode(belowHeader, family: .v4, source: F.target4) == .malformed(.badTotalLength))

        var shortICMP = F.labV4EchoReply
        shortICMP[3] = 27  // 7 bytes of ICMP
        #expect(ICMPDecoder.decode(shortICMP, family: .v4, source: F.target4) == .malformed(.truncatedICMPHeader))

        #expect(ICMPDecoder.decode(F.labV4EchoReply, family: .v4, source: F.prober4) == .malformed(.sourceMismatch))
        #expect(ICMPDecoder.decode(F.labV4EchoReply, family: .v4, source: F.target6) == .malformed(.sourceMismatch))
    }

    @Test("a bad ICMPv4 checksum is malformed, on replies and on errors")
    func badChecksum() {
        var reply = F.labV4EchoReply
        reply[37] ^= 0x01  // last payload byte
        #expect(ICMPDecoder.decode(reply, family: .v4, source: F.target4) == .malformed(.badChecksum))
        var error = F.labV4AdminProhibited
        error[50] ^= 0x80  // the quoted sequence number
        #expect(ICMPDecoder.decode(error, family: .v4, source: F.router4) == .malformed(.badChecksum))
    }

    @Test("errors whose quote is too short or not an IP header are malformed")
    func badQuotes() {
        // v4: quoted IP header plus only 7 bytes of the echo request.
        let short = B.ipv4(source: F.router4.ipv4!, destination: F.prober4.ipv4!,
                           payload: B.icmp(type: 3, code: 1, body: Array(F.labV4AdminProhibited[28..<55])))
        #expect(ICMPDecoder.decode(short, family: .v4, source: F.router4) == .malformed(.truncatedQuote))
        // v4: quote shorter than an IP header.
        let tiny = B.ipv4(source: F.router4.ipv4!, destination: F.prober4.ipv4!,
                          payload: B.icmp(type: 11, code: 0, body: Array(F.labV4AdminProhibited[28..<40])))
        #expect(ICMPDecoder.decode(tiny, family: .v4, source: F.router4) == .malformed(.truncatedQuote))
        // v4: quoted version 6.
        var wrongVersion = Array(F.labV4AdminProhibited[28...])
        wrongVersion[0] = 0x65
        let versionPacket = B.ipv4(source: F.router4.ipv4!, destination: F.prober4.ipv4!,
                                   payload: B.icmp(type: 3, code: 1, body: wrongVersion))
        #expect(ICMPDecoder.decode(versionPacket, family: .v4, source: F.router4) == .malformed(.badQuotedHeader))
        // v4: quoted IHL 3.
        var badIHL = Array(F.labV4AdminProhibited[28...])
        badIHL[0] = 0x43
        let ihlPacket = B.ipv4(source: F.router4.ipv4!, destination: F.prober4.ipv4!,
                               payload: B.icmp(type: 3, code: 1, body: badIHL))
        #expect(ICMPDecoder.decode(ihlPacket, family: .v4, source: F.router4) == .malformed(.badQuotedHeader))
        // v6: quoted version 4.
        var v6WrongVersion = F.labV6AdminProhibited
        v6WrongVersion[8] = 0x45
        #expect(ICMPDecoder.decode(v6WrongVersion, family: .v6, source: F.router6) == .malformed(.badQuotedHeader))
        // v6: quote cut inside the echo header.
        #expect(ICMPDecoder.decode(Array(F.labV6AdminProhibited[..<55]), family: .v6, source: F.router6)
            == .malformed(.truncatedQuote))
    }

    // MARK: Truncation and noise

    @Test("every prefix of every echo reply decodes as malformed or ignored, never as a reply")
    func truncatedReplies() {
        let replies: [([UInt8], AddressFamily, IPAddress)] = [
            (F.labV4EchoReply, .v4, F.target4), (F.labV4EchoReplyWithOptions, .v4, F.target4),
            (F.loopbackV4EchoReply, .v4, F.loopback4), (F.labV6EchoReply, .v6, F.target6),
            (B.echoReplyMessage(family: .v6, identifier: 0xBEEF, sequence: 9, cookie: F.cookie, payloadSize: 1452),
             .v6, F.target6),
            (B.ipv4(source: F.target4.ipv4!, destination: F.prober4.ipv4!,
                    payload: B.echoReplyMessage(family: .v4, identifier: 0xBEEF, sequence: 9, cookie: F.cookie,
                                                payloadSize: 1472)), .v4, F.target4),
        ]
        for (packet, family, source) in replies {
            guard case .echoReply = ICMPDecoder.decode(packet, family: family, source: source) else {
                Issue.record("the whole packet should be a reply")
                continue
            }
            for length in 0..<packet.count {
                let outcome = ICMPDecoder.decode(Array(packet[..<length]), family: family, source: source)
                switch outcome {
                case .malformed, .ignored: break
                default: Issue.record("prefix of \(length)/\(packet.count) bytes decoded as \(outcome)")
                }
            }
        }
    }

    @Test("every prefix of every captured packet decodes without crashing; never as a reply; IPv4 ones as malformed")
    func truncatedEverything() {
        for fixture in F.all {
            for length in 0..<fixture.bytes.count {
                let outcome = ICMPDecoder.decode(Array(fixture.bytes[..<length]), family: fixture.family,
                                                 source: fixture.source)
                if case .echoReply = outcome { Issue.record("\(fixture.name) prefix \(length) decoded as a reply") }
                if fixture.family == .v4 {
                    // The IPv4 total length says how long the packet is, so any prefix is short.
                    guard case .malformed = outcome else {
                        Issue.record("\(fixture.name) prefix \(length) decoded as \(outcome)")
                        continue
                    }
                }
            }
        }
    }

    @Test("random corruption of every fixture never crashes the decoder")
    func corruption() {
        var generator = SeededGenerator(seed: 0x5EED)
        for fixture in F.all {
            for _ in 0..<400 {
                var packet = fixture.bytes
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let index = Int.random(in: 0..<packet.count, using: &generator)
                    packet[index] = UInt8.random(in: 0...255, using: &generator)
                }
                _ = ICMPDecoder.decode(packet, family: fixture.family, source: fixture.source)
            }
        }
        for length in 0..<80 {
            for _ in 0..<50 {
                let noise = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                _ = ICMPDecoder.decode(noise, family: .v4, source: F.target4)
                _ = ICMPDecoder.decode(noise, family: .v6, source: F.target6)
            }
        }
    }

    private func errorMessage(_ packet: [UInt8], _ family: AddressFamily, _ source: IPAddress) -> ICMPErrorMessage? {
        let outcome = ICMPDecoder.decode(packet, family: family, source: source)
        guard case .error(let message) = outcome else {
            Issue.record("expected an error, got \(outcome)")
            return nil
        }
        #expect(message.family == family)
        return message
    }
}
