import Testing
@testable import V6Core

@Suite("Addressing: NAT64 prefixes (RFC 6052)")
struct NAT64PrefixTests {
    // RFC 6052 §2.4's table: 192.0.2.33 embedded at each length.
    static let rfc6052Examples: [(String, String)] = [
        ("2001:db8::/32", "2001:db8:c000:221::"),
        ("2001:db8:100::/40", "2001:db8:1c0:2:21::"),
        ("2001:db8:122::/48", "2001:db8:122:c000:2:2100::"),
        ("2001:db8:122:300::/56", "2001:db8:122:3c0:0:221::"),
        ("2001:db8:122:344::/64", "2001:db8:122:344:c0:2:2100:0"),
        ("2001:db8:122:344::/96", "2001:db8:122:344::192.0.2.33"),
        ("64:ff9b::/96", "64:ff9b::192.0.2.33"),
    ]

    @Test("embedding and extracting 192.0.2.33 matches RFC 6052's examples at every length", arguments: rfc6052Examples)
    func vectors(_ prefixText: String, _ expected: String) throws {
        let prefix = try #require(NAT64Prefix(IPPrefix(prefixText)!))
        let v4 = IPv4Address("192.0.2.33")!
        #expect(prefix.embed(v4) == IPv6Address(expected)!)
        #expect(prefix.extract(IPv6Address(expected)!) == v4)
        #expect(prefix.contains(.v6(IPv6Address(expected)!)))
    }

    @Test("only RFC 6052 lengths; the well-known prefix is told from network-specific ones")
    func lengths() {
        #expect(NAT64Prefix(IPPrefix("2001:db8::/72")!) == nil)
        #expect(NAT64Prefix(IPPrefix("192.0.2.0/24")!) == nil)
        #expect(NAT64Prefix(IPPrefix("64:ff9b::/96")!)!.isWellKnown)
        #expect(NAT64Prefix(IPPrefix("2001:db8:64::/96")!)!.kind == "network-specific")
        #expect(NAT64Prefix.wellKnown.extract(IPv6Address("2001:db8::1")!) == nil)
    }
}
