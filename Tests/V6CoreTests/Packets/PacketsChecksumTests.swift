import Testing
@testable import V6Core

@Suite("Packets: Internet checksum (RFC 1071)")
struct PacketsChecksumTests {
    typealias F = PacketsFixtures

    @Test("the RFC 1071 section 3 example sums to 0xddf2")
    func rfc1071Example() {
        let bytes: [UInt8] = [0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7]
        var checksum = InternetChecksum()
        checksum.add(bytes)
        #expect(checksum.foldedSum == 0xDDF2)
        #expect(checksum.value == 0x220D)
        #expect(InternetChecksum.checksum(bytes) == 0x220D)
    }

    @Test("ICMPv4 checksums computed by iputils ping and by the kernel are reproduced")
    func kernelICMPv4Checksums() {
        var request = F.loopbackPingRequestICMP
        #expect(request.withUnsafeBytes { InternetChecksum.isValid($0) })
        request[2] = 0; request[3] = 0
        #expect(InternetChecksum.checksum(request) == 0x9498)

        var reply = Array(F.labV4EchoReply[20...])
        reply[2] = 0; reply[3] = 0
        #expect(InternetChecksum.checksum(reply) == 0x30F1)

        var tooBig = Array(F.labV4FragmentationNeeded[20...])  // 556 bytes, an even-length long message
        tooBig[2] = 0; tooBig[3] = 0
        #expect(InternetChecksum.checksum(tooBig) == 0xD3B1)

        var unreachable = Array(F.labV4PortUnreachable[20...])  // 43 bytes: odd length
        unreachable[2] = 0; unreachable[3] = 0
        #expect(InternetChecksum.checksum(unreachable) == 0xB147)
    }

    @Test("IPv4 header checksums written by the kernel are reproduced")
    func kernelIPv4HeaderChecksums() {
        for (packet, expected) in [(F.loopbackV4EchoReply, UInt16(0x5BA6)), (F.labV4AdminProhibited, 0x5FAE),
                                   (F.labV4EchoReplyWithOptions, 0xDF30)] {
            let headerLength = Int(packet[0] & 0x0F) * 4
            var header = Array(packet[0..<headerLength])
            #expect(header.withUnsafeBytes { InternetChecksum.isValid($0) })
            header[10] = 0; header[11] = 0
            #expect(InternetChecksum.checksum(header) == expected)
        }
    }

    @Test("ICMPv6 checksums over the pseudo-header match the kernel's")
    func icmpv6PseudoHeader() {
        func checksum(_ message: [UInt8], from source: IPv6Address, to destination: IPv6Address) -> UInt16 {
            var zeroed = message
            zeroed[2] = 0; zeroed[3] = 0
            var sum = InternetChecksum()
            sum.add(source.bytes)
            sum.add(destination.bytes)
            sum.add(word32: UInt32(message.count))
            sum.add(word32: 58)  // three zero bytes, next header 58
            sum.add(zeroed)
            return sum.value
        }
        #expect(checksum(F.labV6EchoReply, from: F.target6.ipv6!, to: F.prober6.ipv6!) == 0x5422)
        #expect(checksum(F.loopbackV6EchoRequest, from: F.loopback6.ipv6!, to: F.loopback6.ipv6!) == 0x1C49)
        #expect(checksum(F.labV6PacketTooBig, from: F.router6.ipv6!, to: F.prober6.ipv6!) == 0x3409)
    }

    @Test("summing in pieces, split anywhere (odd boundaries too), equals summing at once")
    func incremental() {
        let bytes = F.labV4TCPAdminProhibited + [0x5A]  // 89 bytes
        let whole = InternetChecksum.checksum(bytes)
        for first in 0...bytes.count {
            for second in first...min(bytes.count, first + 7) {
                var sum = InternetChecksum()
                sum.add(Array(bytes[..<first]))
                sum.add(Array(bytes[first..<second]))
                sum.add(Array(bytes[second...]))
                #expect(sum.value == whole, "split at \(first), \(second)")
            }
        }
    }

    @Test("a message holding its own checksum validates; any flipped bit does not")
    func validation() {
        let message = Array(F.labV4AdminProhibited[20...])
        #expect(message.withUnsafeBytes { InternetChecksum.isValid($0) })
        for index in message.indices {
            var broken = message
            broken[index] ^= 0x10
            #expect(!broken.withUnsafeBytes { InternetChecksum.isValid($0) }, "byte \(index)")
        }
    }

    @Test("RFC 1624 incremental update equals a full recomputation")
    func incrementalUpdate() {
        var message = F.loopbackPingRequestICMP
        for sequence in stride(from: 0, through: 0xFFFF, by: 97).map({ UInt16($0) }) + [0xFFFF, 0, 0x5348] {
            let oldWord = UInt16(message[6]) << 8 | UInt16(message[7])
            let oldChecksum = UInt16(message[2]) << 8 | UInt16(message[3])
            let updated = InternetChecksum.updated(oldChecksum, replacingWord: oldWord, with: sequence)
            message[6] = UInt8(sequence >> 8); message[7] = UInt8(sequence & 0xFF)
            var zeroed = message
            zeroed[2] = 0; zeroed[3] = 0
            #expect(updated == InternetChecksum.checksum(zeroed), "sequence \(sequence)")
            message[2] = UInt8(updated >> 8); message[3] = UInt8(updated & 0xFF)
        }
    }

    @Test("empty input and single bytes")
    func edges() {
        #expect(InternetChecksum.checksum([UInt8]()) == 0xFFFF)
        #expect(InternetChecksum.checksum([0xAB]) == ~UInt16(0xAB00))
        var sum = InternetChecksum()
        sum.add([0xAB])
        sum.add([0xCD])
        #expect(sum.value == ~UInt16(0xABCD))
    }
}
