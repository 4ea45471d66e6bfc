import Testing
@testable import V6Core

@Suite("Addressing: prefixes")
struct AddressingIPPrefixTests {
    @Test("valid prefixes parse and print canonically", arguments: [
        ("192.0.2.0/24", "192.0.2.0/24", AddressFamily.v4, 24),
        ("0.0.0.0/0", "0.0.0.0/0", .v4, 0),
        ("192.0.2.1/32", "192.0.2.1/32", .v4, 32),
        ("198.18.0.0/15", "198.18.0.0/15", .v4, 15),
        ("2001:db8::/32", "2001:db8::/32", .v6, 32),
        ("2001:0DB8:0000::/48", "2001:db8::/48", .v6, 48),
        ("::/0", "::/0", .v6, 0),
        ("2001:db8::1/128", "2001:db8::1/128", .v6, 128),
        ("fe80::%eth0/64", "fe80::%eth0/64", .v6, 64),
        ("::ffff:0:0/96", "::ffff:0.0.0.0/96", .v6, 96),
    ])
    func parsesValid(text: String, canonical: String, family: AddressFamily, length: Int) throws {
        let prefix = try #require(IPPrefix(text))
        #expect(prefix.description == canonical)
        #expect(prefix.family == family)
        #expect(prefix.length == length)
        #expect(try IPPrefix(parsing: text) == prefix)
    }

    @Test("invalid prefixes are refused", arguments: [
        "", "/", "192.0.2.0", "2001:db8::", "192.0.2.0/", "/24", "192.0.2.0/33", "2001:db8::/129",
        "192.0.2.0/024", "192.0.2.0/-1", "192.0.2.0/+24", "192.0.2.0/24 ", " 192.0.2.0/24", "192.0.2.0/2 4",
        "192.0.2.0/24/24", "192.0.2.1/24", "2001:db8::1/32", "192.0.2.300/24", "2001:db8::zz/64", "x",
        "192.0.2.0/1000", "192.0.2.0/0x18",
    ])
    func refusesInvalid(text: String) {
        #expect(IPPrefix(text) == nil)
        #expect(throws: AddressParseError.self) { try IPPrefix(parsing: text) }
    }

    @Test("parse errors say why", arguments: [
        ("2001:db8::1/32", "\"2001:db8::1/32\" has host bits set (did you mean 2001:db8::/32?)"),
        ("192.0.2.77/24", "\"192.0.2.77/24\" has host bits set (did you mean 192.0.2.0/24?)"),
        ("x", "\"x\" is not an IPv4 or IPv6 prefix"),
        ("192.0.2.0", "\"192.0.2.0\" is not an IPv4 or IPv6 prefix (missing /length)"),
        ("192.0.2.0/33", "prefix length 33 is longer than 32"),
        ("2001:db8::/129", "prefix length 129 is longer than 128"),
        ("192.0.2.0/x", "\"192.0.2.0/x\" is not an IPv4 or IPv6 prefix"),
    ])
    func parseErrors(text: String, message: String) {
        #expect(throws: AddressParseError(message: message)) { try IPPrefix(parsing: text) }
    }

    @Test("building from an address masks the host bits")
    func masksHostBits() throws {
        let prefix = IPPrefix(address: try #require(IPAddress("192.0.2.77")), length: 26)
        #expect(prefix.description == "192.0.2.64/26")
        let v6 = IPPrefix(address: try #require(IPAddress("2001:db8:1234:5678::1")), length: 36)
        #expect(v6.description == "2001:db8:1000::/36")
        #expect(IPPrefix(address: try #require(IPAddress("203.0.113.9")), length: 0).description == "0.0.0.0/0")
    }

    @Test("containment of addresses", arguments: [
        ("192.0.2.0/24", "192.0.2.0", true),
        ("192.0.2.0/24", "192.0.2.255", true),
        ("192.0.2.0/24", "192.0.3.0", false),
        ("192.0.2.0/24", "192.0.1.255", false),
        ("0.0.0.0/0", "203.0.113.1", true),
        ("198.18.0.0/15", "198.19.200.1", true),
        ("198.18.0.0/15", "198.20.0.1", false),
        ("192.0.2.1/32", "192.0.2.1", true),
        ("192.0.2.1/32", "192.0.2.2", false),
        ("2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true),
        ("2001:db8::/32", "2001:db9::", false),
        ("2001:db8::/32", "192.0.2.1", false),
        ("::/0", "192.0.2.1", false),
        ("0.0.0.0/0", "::ffff:192.0.2.1", false),
        ("::/0", "2001:2::1", true),
        ("2001:2::/48", "2001:2:0:1::5", true),
        ("2001:db8::1/128", "2001:db8::1", true),
        ("2001:db8::/127", "2001:db8::1", true),
        ("2001:db8::/127", "2001:db8::2", false),
        ("fe80::/64", "fe80::1%eth0", true),
        ("fe80::%eth0/64", "fe80::1%eth0", true),
        ("fe80::%eth0/64", "fe80::1%eth1", false),
        ("fe80::%eth0/64", "fe80::1", true),
    ])
    func containsAddress(prefix: String, address: String, expected: Bool) throws {
        let prefix = try #require(IPPrefix(prefix))
        let address = try #require(IPAddress(address))
        #expect(prefix.contains(address) == expected)
    }

    @Test("containment and overlap of prefixes", arguments: [
        ("192.0.2.0/24", "192.0.2.128/25", true, true),
        ("192.0.2.128/25", "192.0.2.0/24", false, true),
        ("192.0.2.0/25", "192.0.2.128/25", false, false),
        ("192.0.2.0/24", "192.0.2.0/24", true, true),
        ("0.0.0.0/0", "198.51.100.0/24", true, true),
        ("2001:db8::/32", "2001:db8:1::/48", true, true),
        ("2001:db8:1::/48", "2001:db8::/32", false, true),
        ("2001:db8:1::/48", "2001:db8:2::/48", false, false),
        ("::/0", "0.0.0.0/0", false, false),
        ("2001:db8::/32", "192.0.2.0/24", false, false),
    ])
    func containsPrefix(outer: String, inner: String, contains: Bool, overlaps: Bool) throws {
        let outer = try #require(IPPrefix(outer))
        let inner = try #require(IPPrefix(inner))
        #expect(outer.contains(inner) == contains)
        #expect(outer.overlaps(inner) == overlaps)
        #expect(inner.overlaps(outer) == overlaps)
    }

    @Test("address counts")
    func addressCounts() throws {
        #expect(try #require(IPPrefix("192.0.2.0/24")).addressCount == 256)
        #expect(try #require(IPPrefix("192.0.2.1/32")).addressCount == 1)
        #expect(try #require(IPPrefix("0.0.0.0/0")).addressCount == 4_294_967_296)
        #expect(try #require(IPPrefix("2001:db8::/64")).addressCount == 18_446_744_073_709_551_616)
        #expect(try #require(IPPrefix("::/0")).addressCount == 0x1p128)
        #expect(try #require(IPPrefix("2001:db8::/32")).lastAddress.description == "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")
        #expect(try #require(IPPrefix("192.0.2.0/24")).lastAddress.description == "192.0.2.255")
    }

    @Test("bounded iteration of an IPv4 prefix includes every address")
    func iterateIPv4() throws {
        let prefix = try #require(IPPrefix("192.0.2.0/24"))
        let addresses = try prefix.addresses(limit: 256)
        #expect(addresses.count == 256)
        #expect(addresses.first?.description == "192.0.2.0")
        #expect(addresses.last?.description == "192.0.2.255")
        #expect(addresses[1].description == "192.0.2.1")
        let all = Array(addresses)
        #expect(all.count == 256)
        #expect(Set(all).count == 256)
        #expect(all.allSatisfy(prefix.contains))
        #expect(all == all.sorted())
    }

    @Test("bounded iteration of an IPv6 prefix")
    func iterateIPv6() throws {
        let prefix = try #require(IPPrefix("2001:db8:0:1::/120"))
        let addresses = try prefix.addresses(limit: 1000)
        #expect(addresses.count == 256)
        #expect(addresses.first?.description == "2001:db8:0:1::")
        #expect(addresses.last?.description == "2001:db8:0:1::ff")
        var seen = 0
        for address in addresses {
            #expect(prefix.contains(address))
            seen += 1
        }
        #expect(seen == 256)
        let single = try #require(IPPrefix("2001:db8::5/128"))
        #expect(try Array(single.addresses(limit: 1)).map(\.description) == ["2001:db8::5"])
    }

    @Test("iteration refuses prefixes over the limit", arguments: [
        ("192.0.2.0/24", 255, "192.0.2.0/24 holds 256 addresses, more than the limit of 255"),
        ("0.0.0.0/0", 1_000_000, "0.0.0.0/0 holds 4294967296 addresses, more than the limit of 1000000"),
        ("2001:db8::/32", 65_536, "2001:db8::/32 holds 2^96 addresses, more than the limit of 65536"),
        ("::/0", Int.max, "::/0 holds 2^128 addresses, more than the limit of 9223372036854775807"),
        ("2001:db8::/64", Int.max, "2001:db8::/64 holds 2^64 addresses, more than the limit of 9223372036854775807"),
        ("192.0.2.1/32", 0, "192.0.2.1/32 holds 1 addresses, more than the limit of 0"),
    ])
    func refusesOverLimit(prefix: String, limit: Int, message: String) throws {
        let prefix = try #require(IPPrefix(prefix))
        #expect(throws: AddressParseError(message: message)) { try prefix.addresses(limit: limit) }
    }

    @Test("nth address")
    func nthAddress() throws {
        let v4 = try #require(IPPrefix("198.51.100.0/24"))
        #expect(v4.nth(0)?.description == "198.51.100.0")
        #expect(v4.nth(10)?.description == "198.51.100.10")
        #expect(v4.nth(255)?.description == "198.51.100.255")
        #expect(v4.nth(256) == nil)
        let v6 = try #require(IPPrefix("2001:db8::/32"))
        #expect(v6.nth(0x1_0000_0001)?.description == "2001:db8::1:0:1")
        #expect(v6.nth(.max)?.description == "2001:db8::ffff:ffff:ffff:ffff")
        let host = try #require(IPPrefix("2001:db8::7/128"))
        #expect(host.nth(0)?.description == "2001:db8::7")
        #expect(host.nth(1) == nil)
        let sixtyFour = try #require(IPPrefix("2001:db8::/64"))
        #expect(sixtyFour.nth(.max)?.description == "2001:db8::ffff:ffff:ffff:ffff")
    }

    @Test("subnets tile the parent in order")
    func subnets() throws {
        let v4 = try #require(IPPrefix("192.0.2.0/24"))
        #expect(v4.subnets(newLength: 26).map(\.description)
                == ["192.0.2.0/26", "192.0.2.64/26", "192.0.2.128/26", "192.0.2.192/26"])
        #expect(v4.subnets(newLength: 24).map(\.description) == ["192.0.2.0/24"])
        #expect(Array(v4.subnets(newLength: 32)).count == 256)
        #expect(Array(v4.subnets(newLength: 32)).last?.description == "192.0.2.255/32")

        let site = try #require(IPPrefix("2001:db8:ab00::/40"))
        let sixtyFours = site.subnets(newLength: 48)
        #expect(Array(sixtyFours.prefix(3)).map(\.description)
                == ["2001:db8:ab00::/48", "2001:db8:ab01::/48", "2001:db8:ab02::/48"])
        let all48 = Array(sixtyFours)
        #expect(all48.count == 256)
        #expect(all48.last?.description == "2001:db8:abff::/48")
        #expect(all48.allSatisfy { site.contains($0) })
        #expect(site.subnetCount(newLength: 48) == 256)

        // Huge splits are lazy: taking a few never walks the rest.
        let everything = try #require(IPPrefix("::/0"))
        #expect(Array(everything.subnets(newLength: 128).prefix(2)).map(\.description) == ["::/128", "::1/128"])
        #expect(Array(everything.subnets(newLength: 1)).map(\.description) == ["::/1", "8000::/1"])
        #expect(Array(try #require(IPPrefix("0.0.0.0/0")).subnets(newLength: 2)).map(\.description)
                == ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"])
        // A block at the top of the space ends without wrapping.
        let top = try #require(IPPrefix("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124"))
        #expect(Array(top.subnets(newLength: 126)).map(\.description).last == "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffc/126")
        #expect(Array(top.subnets(newLength: 126)).count == 4)
        let topV4 = try #require(IPPrefix("255.255.255.0/24"))
        #expect(Array(topV4.subnets(newLength: 25)).map(\.description) == ["255.255.255.0/25", "255.255.255.128/25"])
    }

    @Test("prefixes sort by address, then wider first")
    func ordering() throws {
        let texts = ["2001:db8::/48", "192.0.2.0/25", "2001:db8::/32", "192.0.2.0/24", "10.0.0.0/8"]
        let sorted = try texts.map { try #require(IPPrefix($0)) }.sorted().map(\.description)
        #expect(sorted == ["10.0.0.0/8", "192.0.2.0/24", "192.0.2.0/25", "2001:db8::/32", "2001:db8::/48"])
    }
}
