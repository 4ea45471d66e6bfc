import Testing
@testable import V6Core

/// Issue 13 item 9: RFC 2181 §8 — a TTL is an unsigned 31-bit number; one with the top bit set is read as zero.
@Suite("DNS: TTLs with the top bit set read as 0 (RFC 2181 §8)")
struct DNSTTLTests {
    func answer(ttl: [UInt8]) throws -> DNSRecord {
        // One question vidu.example AAAA, one answer pointing at it with the given TTL and 2001:db8::1.
        var bytes = DNSFixtures.header(flags: 0x8180, qd: 1, an: 1) + DNSFixtures.viduExampleWire + [0x00, 0x1C, 0x00, 0x01]
        bytes += [0xC0, 0x0C, 0x00, 0x1C, 0x00, 0x01] + ttl + [0x00, 0x10]
        bytes += [0x20, 0x01, 0x0D, 0xB8] + [UInt8](repeating: 0, count: 11) + [0x01]
        return try #require(try DNSMessageDecoder.decode(bytes).answers.first)
    }

    @Test("0x80000000 and 0xFFFFFFFF read as 0; 0x7FFFFFFF and 300 are kept")
    func topBit() throws {
        #expect(try answer(ttl: [0x80, 0x00, 0x00, 0x00]).ttl == 0)
        #expect(try answer(ttl: [0xFF, 0xFF, 0xFF, 0xFF]).ttl == 0)
        #expect(try answer(ttl: [0x7F, 0xFF, 0xFF, 0xFF]).ttl == 0x7FFF_FFFF)
        #expect(try answer(ttl: [0x00, 0x00, 0x01, 0x2C]).ttl == 300)
    }
}
