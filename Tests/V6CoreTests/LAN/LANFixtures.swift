import Foundation
@testable import V6Core

/// The captured packets of `Fixtures/*.pcap` (see Fixtures/README.md), read with a minimal pcap reader, and the few
/// packets no Debian daemon sends, built byte by byte.
enum LANFixtures {
    /// One packet of a capture: the IPv6 source, the next header (58 ICMPv6, 17 UDP) and the payload after the IPv6
    /// header (for UDP, after the UDP header too).
    struct Packet {
        var source: IPv6Address
        var destination: IPv6Address
        var hopLimit: UInt8
        var nextHeader: UInt8
        var sourcePort: UInt16?
        var payload: [UInt8]
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Reads a classic pcap file of Ethernet frames carrying IPv6 without extension headers (what tcpdump wrote).
    static func packets(_ name: String) -> [Packet] {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { return [] }
        let bytes = [UInt8](data)
        guard bytes.count >= 24 else { return [] }
        let littleEndian = bytes[0] == 0xD4
        func u32(_ at: Int) -> Int {
            let b = bytes[at..<(at + 4)].map(Int.init)
            return littleEndian ? b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24 : b[3] | b[2] << 8 | b[1] << 16 | b[0] << 24
        }
        var packets: [Packet] = []
        var offset = 24
        while offset + 16 <= bytes.count {
            let captured = u32(offset + 8)
            let frame = Array(bytes[(offset + 16)..<min(bytes.count, offset + 16 + captured)])
            offset += 16 + captured
            guard frame.count >= 14 + 40, frame[12] == 0x86, frame[13] == 0xDD else { continue }
            let ip = Array(frame[14...])
            let payloadLength = Int(ip[4]) << 8 | Int(ip[5])
            guard ip.count >= 40 + payloadLength else { continue }
            var packet = Packet(source: IPv6Address(bytes: ip[8..<24]), destination: IPv6Address(bytes: ip[24..<40]),
                                hopLimit: ip[7], nextHeader: ip[6], sourcePort: nil, payload: Array(ip[40..<(40 + payloadLength)]))
            if packet.nextHeader == 17, packet.payload.count >= 8 {
                packet.sourcePort = UInt16(packet.payload[0]) << 8 | UInt16(packet.payload[1])
                packet.payload = Array(packet.payload[8...])
            }
            packets.append(packet)
        }
        return packets
    }

    /// The router advertisements of a capture (ICMPv6 type 134).
    static func routerAdvertisements(_ name: String) -> [Packet] {
        packets(name).filter { $0.nextHeader == 58 && $0.payload.first == 134 }
    }

    /// The DHCPv6 messages servers sent (UDP from port 547).
    static func dhcpv6Replies(_ name: String) -> [Packet] {
        packets(name).filter { $0.nextHeader == 17 && $0.sourcePort == 547 }
    }

    static func hex(_ text: String) -> [UInt8] {
        let digits = text.filter(\.isHexDigit)
        return stride(from: 0, to: digits.count, by: 2).map { i in
            let start = digits.index(digits.startIndex, offsetBy: i)
            return UInt8(digits[start...digits.index(after: start)], radix: 16)!
        }
    }

    /// An RA with a PREF64 option (RFC 8781 §4): type 38, length 2, scaled lifetime 225 (1800 s) and PLC 0 (/96),
    /// then the 96 bits of 64:ff9b::/96, the well-known NAT64 prefix of RFC 6052 — and a second one with PLC 1 (/64)
    /// for 2001:db8:64::/64. Header: hop limit 64, no flags, router lifetime 1800.
    static let raWithPREF64 = hex("""
        86 00 0000 40 00 0708 00000000 00000000
        26 02 0708 0064ff9b 00000000 00000000
        26 02 0709 20010db8 00640000 00000000
        """)

    /// A Reply carrying an IA_PD (RFC 8415 §21.21) with one IAPREFIX (§21.22) for 2001:db8:a20::/48, valid 7200 s,
    /// preferred 3600 s; a server DUID-EN (type 2, enterprise 32473, the documentation number of RFC 5612).
    static let replyWithPrefixDelegation = hex("""
        07 abcdef
        0002 000a 0002 00007ed9 01020304
        0019 0029 00000002 00000708 00000bb8
          001a 0019 00000e10 00001c20 30 20010db80a2000000000000000000000
        """)
}
