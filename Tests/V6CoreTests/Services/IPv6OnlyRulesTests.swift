import Testing
@testable import V6Core

@Suite("Services: the IPv6-only verdict")
struct IPv6OnlyRulesTests {
    let nat64 = [NAT64Prefix.wellKnown]
    func a(_ s: String) -> IPAddress { IPAddress(s)! }

    func web(v6: [String], connected: [String]) -> ServiceObservation {
        var o = ServiceObservation(mode: .web, hosts: [HostAddresses(name: "s.example", source: .dns,
            v4: .found([a("203.0.113.80")]), v6: v6.isEmpty ? .none("no AAAA") : .found(v6.map(a)))])
        o.connects = connected.map { ConnectObservation(address: a($0), port: 80, outcome: .connected(milliseconds: 1)) }
        return o
    }

    @Test("own AAAA answering is native; only a synthesized one is nat64 with the work item; nothing is broken")
    func verdicts() throws {
        let native = try #require(IPv6OnlyRules.assess(web(v6: ["2001:db8::80"], connected: ["2001:db8::80"]), nat64: nat64))
        #expect(native.verdict == .native)
        let translated = try #require(IPv6OnlyRules.assess(web(v6: ["64:ff9b::cb00:7150"], connected: ["64:ff9b::cb00:7150"]), nat64: nat64))
        #expect(translated.verdict == .nat64)
        #expect(translated.verdict.workItem == "publish AAAA / move to IPv6")
        #expect(translated.evidence.contains { $0.contains("= 203.0.113.80") })
        let none = try #require(IPv6OnlyRules.assess(web(v6: [], connected: []), nat64: []))
        #expect(none.verdict == .broken && none.reason.contains("no DNS64"))
        let deadTranslator = try #require(IPv6OnlyRules.assess(web(v6: ["64:ff9b::cb00:7150"], connected: []), nat64: nat64))
        #expect(deadTranslator.verdict == .broken && deadTranslator.reason.contains("translated path"))
        // Without knowing the prefix, a working synthesized address would pass as native: the prefix decides.
        #expect(IPv6OnlyRules.assess(web(v6: ["64:ff9b::cb00:7150"], connected: ["64:ff9b::cb00:7150"]), nat64: [])?.verdict == .native)
    }

    @Test("a page with an IPv4 literal (body or redirect) or a name without AAAA is a problem")
    func pages() throws {
        var o = web(v6: ["2001:db8::80"], connected: ["2001:db8::80"])
        let body = Array(#"<img src="http://203.0.113.5/logo.png"><a href='//cdn.vidu.example/x'>"#.utf8)
        o.fetches = [FetchObservation(address: a("2001:db8::80"), outcome: .response(HTTPResponse(status: 200, reason: "OK", body: body)))]
        o.referencedHosts = [HostAddresses(name: "cdn.vidu.example", source: .dns, v4: .found([a("203.0.113.6")]),
                                           v6: .found([a("64:ff9b::cb00:7106")]))]
        let result = try #require(IPv6OnlyRules.assess(o, nat64: nat64))
        #expect(result.verdict == .native)
        #expect(result.problems == ["ipv4-literal", "name-without-aaaa"])
        let redirect = HTTPResponse(status: 302, reason: "Found", headers: [("Location", "https://198.51.100.7/login")])
        #expect(PageReferences(redirect).ipv4Literals == ["198.51.100.7"])
        #expect(PageReferences(text: "see http://portal.vidu.example/ and 10.0.0.1 plain").hostNames == ["portal.vidu.example"])
        #expect(PageReferences(text: "see http://portal.vidu.example/ and 10.0.0.1 plain").ipv4Literals.isEmpty)
    }

    @Test("an MX reachable only over IPv4 and a name server without IPv6 are problems")
    func delegations() throws {
        var mail = ServiceObservation(mode: .mailDomain, hosts: [
            HostAddresses(name: "mx1.example", source: .dns, v4: .found([a("203.0.113.25")]), v6: .found([a("2001:db8::25")])),
            HostAddresses(name: "mx2.example", source: .dns, v4: .found([a("203.0.113.26")]), v6: .found([a("64:ff9b::cb00:711a")]))])
        mail.greetings = [GreetingObservation(address: a("2001:db8::25"), outcome: .greeting(SMTPGreeting(code: 220, lines: ["hi"]), milliseconds: 1)),
                          GreetingObservation(address: a("64:ff9b::cb00:711a"), outcome: .greeting(SMTPGreeting(code: 220, lines: ["hi"]), milliseconds: 1))]
        let result = try #require(IPv6OnlyRules.assess(mail, nat64: nat64))
        #expect(result.verdict == .native && result.problems == ["mx-ipv4-only"])
        #expect(result.evidence.contains { $0.contains("mx2.example") && !$0.contains("mx1.example") })
        var zone = ServiceObservation(mode: .dnsZone, hosts: [
            HostAddresses(name: "ns1.example", source: .dns, v4: .found([a("203.0.113.53")]), v6: .none("no AAAA"))])
        zone.dnsAnswers = []
        let z = try #require(IPv6OnlyRules.assess(zone, nat64: nat64))
        #expect(z.verdict == .broken && z.problems == ["ns-not-ipv6"])
    }

    @Test("/proc/net/route: no IPv4 route but loopback is an IPv6-only vantage")
    func detection() {
        let header = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
        #expect(VantageDetection.vantage(procNetRoute: header) == .ipv6Only)
        let routed = header + "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
        #expect(VantageDetection.ipv4Routes(procNetRoute: routed) == ["eth0 192.0.2.0/24"])
        #expect(VantageDetection.vantage(procNetRoute: routed) == .dualStack)
    }
}
