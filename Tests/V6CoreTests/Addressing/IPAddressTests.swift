import Testing
@testable import V6Core

@Suite("Addressing: IPAddress and classification")
struct AddressingIPAddressTests {
    @Test("either family parses, and knows its family")
    func eitherFamily() throws {
        #expect(IPAddress("192.0.2.1") == .v4(IPv4Address(0xC000_0201)))
        #expect(IPAddress("2001:db8::1") == .v6(IPv6Address(high: 0x2001_0DB8_0000_0000, low: 1)))
        #expect(IPAddress("192.0.2.1")?.family == .v4)
        #expect(IPAddress("::ffff:192.0.2.1")?.family == .v6)
        #expect(IPAddress("2001:DB8::0001")?.description == "2001:db8::1")
        #expect(IPAddress("not an address") == nil)
        #expect(IPAddress("") == nil)
    }

    @Test("IPv4 sorts before IPv6, each numerically")
    func ordering() throws {
        let texts = ["2001:db8::10", "198.51.100.1", "2001:db8::9", "192.0.2.200", "192.0.2.30", "::1"]
        let sorted = try texts.map { try #require(IPAddress($0)) }.sorted().map(\.description)
        #expect(sorted == ["192.0.2.30", "192.0.2.200", "198.51.100.1", "::1", "2001:db8::9", "2001:db8::10"])
        #expect(AddressFamily.v4 < AddressFamily.v6)
        #expect(AddressFamily.v4.description == "IPv4")
        #expect(AddressFamily.v6.description == "IPv6")
        #expect(AddressFamily.v6.rawValue == 6)
    }

    @Test("parse errors pick the family by the presence of ':'", arguments: [
        ("2001:db8::zz", "\"2001:db8::zz\" is not an IPv6 address"),
        ("192.0.2.300", "\"192.0.2.300\" is not an IPv4 address"),
        ("host.example", "\"host.example\" is not an IPv4 address"),
        ("192.0.2.1 ", "\"192.0.2.1 \" is not an IPv4 address"),
        ("::1\t", "\"::1\\t\" is not an IPv6 address"),
    ])
    func parseErrors(text: String, message: String) {
        #expect(throws: AddressParseError(message: message)) { try IPAddress(parsing: text) }
    }

    @Test("parsing succeeds on valid text")
    func parsingValid() throws {
        #expect(try IPAddress(parsing: "203.0.113.9") == .v4(IPv4Address(0xCB00_7109)))
        #expect(try IPAddress(parsing: "fe80::1%eth0").description == "fe80::1%eth0")
    }

    @Test("addresses are classified by the special-purpose registries", arguments: [
        ("0.0.0.0", AddressClass.unspecified),
        ("127.0.0.1", .loopback),
        ("127.255.255.254", .loopback),
        ("169.254.10.1", .linkLocal),
        ("10.1.2.3", .privateUse),
        ("172.16.0.1", .privateUse),
        ("172.31.255.255", .privateUse),
        ("172.32.0.1", .global),
        ("172.15.255.255", .global),
        ("192.168.1.1", .privateUse),
        ("100.64.0.1", .sharedAddressSpace),
        ("100.127.255.255", .sharedAddressSpace),
        ("100.128.0.0", .global),
        ("192.0.2.1", .documentation),
        ("198.51.100.1", .documentation),
        ("203.0.113.255", .documentation),
        ("192.0.3.1", .global),
        ("198.18.0.1", .benchmarking),
        ("198.19.255.255", .benchmarking),
        ("198.20.0.0", .global),
        ("224.0.0.1", .multicast),
        ("239.255.255.255", .multicast),
        ("8.8.8.8", .global),
        ("::", .unspecified),
        ("::1", .loopback),
        ("fe80::1", .linkLocal),
        ("febf:ffff::1", .linkLocal),
        ("fec0::1", .global),
        ("fc00::1", .uniqueLocal),
        ("fd12:3456::1", .uniqueLocal),
        ("2001:db8::1", .documentation),
        ("2001:db9::1", .global),
        ("3fff::1", .documentation),
        ("3fff:fff:ffff::1", .documentation),
        ("3fff:1000::1", .global),
        ("2001:2::1", .benchmarking),
        ("2001:2:0:ffff::1", .benchmarking),
        ("2001:2:1::1", .global),
        ("ff02::1", .multicast),
        ("ff0e::1", .multicast),
        ("::ffff:192.0.2.1", .ipv4Mapped),
        ("64:ff9b::192.0.2.1", .nat64),
        ("64:ff9b:1::1", .global),
        ("2400:cb00::1", .global),
    ])
    func classification(text: String, expected: AddressClass) throws {
        let address = try #require(IPAddress(text))
        #expect(address.addressClass == expected)
    }

    @Test("class raw values are the report words")
    func classWords() {
        #expect(AddressClass.allCases.map(\.rawValue) == [
            "unspecified", "loopback", "link-local", "unique-local", "private", "shared", "documentation",
            "benchmarking", "multicast", "ipv4-mapped", "nat64", "global",
        ])
    }
}
