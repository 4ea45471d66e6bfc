import Testing
@testable import V6Core

@Suite("Packets: echo request encoder")
struct PacketsEchoEncoderTests {
    typealias F = PacketsFixtures

    @Test("an ICMPv4 request is byte for byte what iputils ping sent with the same fields")
    func matchesIputilsPing() {
        let encoded = ICMPEchoEncoder.encode(family: .v4, identifier: 0x5348, sequence: 1, cookie: F.cookie,
                                             payloadSize: 10)
        #expect(encoded == F.loopbackPingRequestICMP)
    }

    @Test("an ICMPv6 request leaves the checksum to the kernel; with it filled in it is what ping -6 sent")
    func icmpv6LeavesChecksum() {
        let encoded = ICMPEchoEncoder.encode(family: .v6, identifier: 0x5349, sequence: 1, cookie: F.cookie,
                                             payloadSize: 10)
        #expect(encoded[2] == 0 && encoded[3] == 0)
        var withChecksum = encoded
        withChecksum[2] = 0x1C; withChecksum[3] = 0x49  // the kernel's value from the capture
        #expect(withChecksum == F.loopbackV6EchoRequest)
    }

    @Test("payload layout: cookie, size mark, then byte i = i & 0xFF; the v4 checksum validates", arguments: [
        10, 11, 56, 1232, 1452, 1472, 65_507,
    ])
    func layout(payloadSize: Int) {
        for family in AddressFamily.allCases {
            let message = ICMPEchoEncoder.encode(family: family, identifier: 0xBEEF, sequence: 0xA55A,
                                                 cookie: 0x1122_3344_5566_7788, payloadSize: payloadSize)
            #expect(message.count == 8 + payloadSize)
            #expect(message[0] == (family == .v4 ? 8 : 128))
            #expect(message[1] == 0)
            #expect(Array(message[4..<8]) == [0xBE, 0xEF, 0xA5, 0x5A])
            #expect(Array(message[8..<16]) == [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88])
            #expect(Int(message[16]) << 8 | Int(message[17]) == payloadSize)
            #expect(message.indices.dropFirst(18).allSatisfy { message[$0] == UInt8(truncatingIfNeeded: $0) })
            if family == .v4 { #expect(message.withUnsafeBytes { InternetChecksum.isValid($0) }) }
        }
    }

    @Test("the 1500-byte lab probes are what the separate Python encoder produced")
    func largeProbesMatchLab() {
        // The quoted request in the v4 fragmentation-needed error is whole for its first 528 bytes.
        let quotedV4 = Array(F.labV4FragmentationNeeded[48...])
        let encodedV4 = ICMPEchoEncoder.encode(family: .v4, identifier: F.identifier, sequence: 4, cookie: F.cookie,
                                               payloadSize: ICMPEchoEncoder.payloadSize(forPacketSize: 1500, family: .v4)!)
        #expect(encodedV4.count == 1480)
        #expect(Array(encodedV4.prefix(quotedV4.count)) == quotedV4)

        let quotedV6 = Array(F.labV6PacketTooBig[48...])
        var encodedV6 = ICMPEchoEncoder.encode(family: .v6, identifier: F.identifier, sequence: 14, cookie: F.cookie,
                                               payloadSize: ICMPEchoEncoder.payloadSize(forPacketSize: 1500, family: .v6)!)
        #expect(encodedV6.count == 1460)
        encodedV6[2] = quotedV6[2]; encodedV6[3] = quotedV6[3]  // the kernel's checksum
        #expect(Array(encodedV6.prefix(quotedV6.count)) == quotedV6)
    }

    @Test("payload sizes for whole-packet sizes")
    func payloadSizes() {
        #expect(ICMPEchoEncoder.payloadSize(forPacketSize: 1280, family: .v6) == 1232)
        #expect(ICMPEchoEncoder.payloadSize(forPacketSize: 1500, family: .v4) == 1472)
        #expect(ICMPEchoEncoder.payloadSize(forPacketSize: 84, family: .v4) == 56)
        #expect(ICMPEchoEncoder.payloadSize(forPacketSize: 37, family: .v4) == nil)  // room for 9 bytes only
        #expect(ICMPEchoEncoder.payloadSize(forPacketSize: 70_000, family: .v4) == nil)
        #expect(ICMPEchoEncoder.messageSize(payloadSize: 56) == 64)
    }

    @Test("writing into a caller's buffer writes only the message and says how long it is")
    func intoBuffer() {
        var buffer = [UInt8](repeating: 0xEE, count: 100)
        let written = buffer.withUnsafeMutableBytes {
            ICMPEchoEncoder.encode(into: $0, family: .v4, identifier: 1, sequence: 2, cookie: 3, payloadSize: 20)
        }
        #expect(written == 28)
        #expect(Array(buffer[..<28]) == ICMPEchoEncoder.encode(family: .v4, identifier: 1, sequence: 2, cookie: 3,
                                                                payloadSize: 20))
        #expect(buffer[28...].allSatisfy { $0 == 0xEE })
    }

    @Test("rewriting the sequence in place equals encoding afresh", arguments: AddressFamily.allCases)
    func rewriteSequence(family: AddressFamily) {
        var buffer = ICMPEchoEncoder.encode(family: family, identifier: 0xBEEF, sequence: 0, cookie: F.cookie,
                                            payloadSize: 1452)
        for sequence in stride(from: 1, through: 0xFFFF, by: 251).map({ UInt16($0) }) + [0xFFFF, 0] {
            buffer.withUnsafeMutableBytes { ICMPEchoEncoder.rewriteSequence(in: $0, family: family, sequence: sequence) }
            let fresh = ICMPEchoEncoder.encode(family: family, identifier: 0xBEEF, sequence: sequence, cookie: F.cookie,
                                               payloadSize: 1452)
            #expect(buffer == fresh, "sequence \(sequence)")
        }
    }
}
