import Testing
@testable import V6Core

@Suite("Addressing: IPv6 parsing and RFC 5952 formatting")
struct AddressingIPv6ParsingTests {
    @Test("valid text forms parse and print canonically", arguments: [
        // RFC 5952 section 2 variants of one address, all printing the same way.
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:0db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8::1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8::0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:0db8::1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8:0:0:1::1", "2001:db8::1:0:0:1"),
        ("2001:db8:0000:0:1::1", "2001:db8::1:0:0:1"),
        ("2001:DB8:0:0:1::1", "2001:db8::1:0:0:1"),
        // RFC 5952 section 4 rules.
        ("2001:0db8::0001", "2001:db8::1"),  // 4.1 leading zeros dropped
        ("2001:db8:0:0:0:0:2:1", "2001:db8::2:1"),  // 4.2.1 shorten as much as possible
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),  // 4.2.2 a single zero group stays
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),  // 4.2.3 longest run
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),  // 4.2.3 first run on a tie
        ("2001:DB8::ABCD", "2001:db8::abcd"),  // 4.3 lowercase
        // RFC 4291 section 2.2 forms.
        ("ABCD:EF01:2345:6789:ABCD:EF01:2345:6789", "abcd:ef01:2345:6789:abcd:ef01:2345:6789"),
        ("2001:DB8:0:0:8:800:200C:417A", "2001:db8::8:800:200c:417a"),
        ("2001:DB8::8:800:200C:417A", "2001:db8::8:800:200c:417a"),
        ("FF01:0:0:0:0:0:0:101", "ff01::101"),
        ("FF01::101", "ff01::101"),
        ("0:0:0:0:0:0:0:1", "::1"),
        ("::1", "::1"),
        ("0:0:0:0:0:0:0:0", "::"),
        ("::", "::"),
        ("0:0:0:0:0:0:13.1.68.3", "::d01:4403"),
        ("::13.1.68.3", "::d01:4403"),
        ("0:0:0:0:0:FFFF:129.144.52.38", "::ffff:129.144.52.38"),
        ("::FFFF:129.144.52.38", "::ffff:129.144.52.38"),
        // Mapped and embedded IPv4.
        ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
        ("::ffff:c000:201", "::ffff:192.0.2.1"),
        ("::ffff:0:0", "::ffff:0.0.0.0"),
        ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
        ("2001:db8:1:2:3:4:192.0.2.1", "2001:db8:1:2:3:4:c000:201"),
        ("2001:db8::1:192.0.2.1", "2001:db8::1:c000:201"),
        // Edges of compression.
        ("1:0:0:0:0:0:0:0", "1::"),
        ("2001:db8::", "2001:db8::"),
        ("0:1:0:0:0:0:0:0", "0:1::"),
        ("1:0:1:0:1:0:1:0", "1:0:1:0:1:0:1:0"),
        ("1:0:0:1:1:0:0:1", "1::1:1:0:0:1"),
        ("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
        ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
        ("1:2:3::5:6:7:8", "1:2:3:0:5:6:7:8"),
        ("0000:0000:0000:0000:0000:0000:0000:0001", "::1"),
        ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
        // Zones.
        ("fe80::1%eth0", "fe80::1%eth0"),
        ("FE80::0001%2", "fe80::1%2"),
        ("fe80:0:0:0:0:0:0:1%enp0s3", "fe80::1%enp0s3"),
        ("febf::1%eth0", "febf::1%eth0"),
        ("ff02::1%eth0", "ff02::1%eth0"),
        ("ff12::1%vlan.10", "ff12::1%vlan.10"),
        ("ff01::1%lo", "ff01::1%lo"),
    ])
    func parsesValid(text: String, canonical: String) throws {
        let address = try #require(IPv6Address(text))
        #expect(address.description == canonical)
        #expect(IPv6Address(canonical) == address, "the canonical form parses back to the same address")
        #expect(IPv6Address(text[...]) == address)
    }

    @Test("parsed bits are right", arguments: [
        ("2001:db8::1", UInt64(0x2001_0DB8_0000_0000), UInt64(1)),
        ("::ffff:192.0.2.1", 0, 0x0000_FFFF_C000_0201),
        ("64:ff9b::192.0.2.33", 0x0064_FF9B_0000_0000, 0xC000_0221),
        ("1:2:3:4:5:6:7:8", 0x0001_0002_0003_0004, 0x0005_0006_0007_0008),
        ("1::8", 0x0001_0000_0000_0000, 8),
        ("fe80::1%eth0", 0xFE80_0000_0000_0000, 1),
    ])
    func parsesBits(text: String, high: UInt64, low: UInt64) throws {
        let address = try #require(IPv6Address(text))
        #expect(address.high == high)
        #expect(address.low == low)
    }

    @Test("malformed text is refused", arguments: [
        "", ":", ":::", "::::", "1:::2", "2001:db8:::1", "::1::", "1::2::3", "1::2::",
        "12345::", "02001:db8::1", "::12345",
        "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1:2:3:4::5:6:7:8",
        ":1::2", "1::2:", "1:2:3:4:5:6:7:8:", ":1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:",
        "g::1", "2001:db8::zz", "2001:db8::-1", "2001:db8:: 1", " ::1", "::1 ", "::1\n", "2001 :db8::1",
        "1.2.3.4::", "1.2.3.4:1::", "::1.2.3.4:5", "::1.2.3", "::256.1.1.1", "::01.2.3.4", "::1.2.3.4.5",
        "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:6:1.2.3.4:8", "::ffff:1.2.3.4%eth0",
        "192.0.2.1", "::1/128", "[::1]",
        "fe80::1%", "fe80::1%eth 0", "fe80::1%eth0%1", "fe80::1%eth0/64", "%eth0",
        "2001:db8::1%eth0", "::1%lo", "::%eth0", "ff05::1%eth0", "fc00::1%eth0",
    ])
    func refusesInvalid(text: String) {
        #expect(IPv6Address(text) == nil)
        #expect(throws: AddressParseError.self) { try IPv6Address(parsing: text) }
    }

    @Test("bytes are network order and round-trip")
    func bytesRoundTrip() throws {
        let address = try #require(IPv6Address("2001:db8::c000:201"))
        #expect(address.bytes == [0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0xC0, 0x00, 0x02, 0x01])
        #expect(IPv6Address(bytes: address.bytes) == address)
        let scoped = IPv6Address(bytes: [0xFE, 0x80] + Array(repeating: 0, count: 13) + [1], zone: "eth0")
        #expect(scoped.description == "fe80::1%eth0")
    }

    @Test("IPv4-mapped addresses expose their IPv4 address")
    func mapped() throws {
        #expect(IPv6Address("::ffff:192.0.2.1")?.ipv4Mapped == IPv4Address("192.0.2.1"))
        #expect(IPv6Address("64:ff9b::192.0.2.1")?.ipv4Mapped == nil)
        #expect(IPv6Address("::192.0.2.1")?.ipv4Mapped == nil)
        #expect(IPv6Address(ipv4Mapped: IPv4Address(0xCB00_7101)).description == "::ffff:203.0.113.1")
    }

    @Test("zones take part in equality and order")
    func zones() throws {
        let eth0 = try #require(IPv6Address("fe80::1%eth0"))
        let eth1 = try #require(IPv6Address("fe80::1%eth1"))
        let bare = try #require(IPv6Address("fe80::1"))
        #expect(eth0.zone == "eth0")
        #expect(eth0 != eth1)
        #expect(bare != eth0)
        #expect([eth1, eth0, bare].sorted() == [bare, eth0, eth1])
    }

    @Test("advancing carries and wraps across 128 bits")
    func arithmetic() throws {
        let address = try #require(IPv6Address("2001:db8::ffff:ffff:ffff:ffff"))
        #expect(address.advanced(by: 1).description == "2001:db8:0:1::")
        #expect(address.advanced(by: 1).advanced(by: -1) == address)
        #expect(IPv6Address(high: .max, low: .max).advanced(by: 1).description == "::")
        #expect(IPv6Address(high: 0, low: 0).advanced(by: -1).description == "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
        #expect(IPv6Address("fe80::1%eth0")?.advanced(by: 1).description == "fe80::2%eth0")
        #expect(address.masked(toLength: 32).description == "2001:db8::")
        #expect(address.masked(toLength: 96).description == "2001:db8::ffff:ffff:0:0")
        #expect(address.masked(toLength: 128) == address)
        #expect(address.masked(toLength: 0).description == "::")
    }

    @Test("parse errors explain what is wrong", arguments: [
        ("2001:db8::zz", "\"2001:db8::zz\" is not an IPv6 address"),
        ("1::2::3", "\"1::2::3\" is not an IPv6 address (\"::\" may appear only once)"),
        ("2001:db8::12345", "\"2001:db8::12345\" is not an IPv6 address (a group has more than 4 hex digits)"),
        ("2001:db8::1%eth0", "\"2001:db8::1%eth0\" is not an IPv6 address (a zone id is only allowed on link-local addresses)"),
        ("fe80::1%", "\"fe80::1%\" is not an IPv6 address (empty zone id after \"%\")"),
    ])
    func parseErrorMessages(text: String, message: String) {
        #expect(throws: AddressParseError(message: message)) { try IPv6Address(parsing: text) }
    }
}
