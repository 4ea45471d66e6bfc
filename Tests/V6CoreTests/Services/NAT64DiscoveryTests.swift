import Testing
@testable import V6Core

@Suite("Services: NAT64 prefix discovery (RFC 7050, RFC 8781)")
struct NAT64DiscoveryTests {
    func answers(_ prefix: String) -> [IPv6Address] {
        let p = NAT64Prefix(IPPrefix(prefix)!)!
        return NAT64Discovery.wellKnownIPv4.map(p.embed)
    }

    @Test("the prefix and its length come back from the synthesized ipv4only.arpa answers", arguments: [
        "64:ff9b::/96", "2001:db8:64::/96", "2001:db8:6400::/64", "2001:db8:64::/56", "2001:db8:aa00::/48",
        "2001:db8:100::/40", "2001:db9::/32"])
    func discovers(_ text: String) {
        let found = NAT64Discovery.prefixes(fromAnswers: answers(text))
        #expect(found == [NAT64Prefix(IPPrefix(text)!)!])
    }

    @Test("answers without a well-known address are not a NAT64 prefix; no answers, none")
    func ignoresOthers() {
        #expect(NAT64Discovery.prefixes(fromAnswers: [IPv6Address("2001:db8::1")!]).isEmpty)
        #expect(NAT64Discovery.prefixes(fromAnswers: []).isEmpty)
    }

    @Test("PREF64 and DNS64 disagreeing is a finding; agreeing is not; no DNS64 is one")
    func findings() {
        let wk = NAT64Prefix.wellKnown, ns = NAT64Prefix(IPPrefix("2001:db8:64::/96")!)!
        let ra = RouterAdvertisement(currentHopLimit: 64, routerLifetime: 1800, pref64: [PREF64(lifetime: 1800, prefix: ns.prefix)])
        let pref64 = NAT64Discovery.prefixes(fromRouterAdvertisements: [ra])
        #expect(pref64 == [ns])
        let disagree = NAT64Report(vantage: .ipv6Only, resolvers: ["2001:db8::53"], dns64: [wk], pref64: pref64, interface: "eth0")
        #expect(disagree.findings.map(\.code) == ["pref64-dns64-mismatch"])
        #expect(disagree.discovered.map(\.source) == [.dns64, .pref64])
        #expect(disagree.jsonLine.contains(#""kind":"well-known""#) && disagree.jsonLine.contains(#""vantage":"ipv6-only""#))
        #expect(NAT64Report(vantage: .ipv6Only, resolvers: [], dns64: [wk], pref64: [wk]).findings.isEmpty)
        #expect(NAT64Report(vantage: .ipv6Only, resolvers: [], dns64: []).findings.map(\.code) == ["no-dns64"])
    }
}
