import Testing
@testable import V6Core

/// The `ipv6-and-dnssec` rule reads the service lines' verdict and their `dnssec` object.
@Suite("Policy: ipv6-and-dnssec")
struct OperationsDNSSECPolicyTests {
    func serviceLine(_ record: String, mode: ServiceMode, verdict: ServiceColour, dnssec: ServiceDNSSEC?) -> String {
        var report = ServiceReport(record: record, target: record + ".vidu.example", kind: "web", mode: mode, verdict: verdict,
                                   reason: "test", checks: [], addresses: [])
        report.dnssec = dnssec
        return report.jsonLine
    }

    func outcome(_ lines: [String]) throws -> RuleOutcome {
        let scan = try ScanData.parse(Array(((ReadinessFixture.scanLines + lines).joined(separator: "\n") + "\n").utf8),
                                      name: "20240515T020000Z.jsonl").get()
        let inventory = ReadinessFixture.inventory()
        let assessment = ReadinessFixture.assessment(scan: scan, inventory: inventory)
        let input = Compliance.Input(inventory: inventory, assessment: assessment, targets: [], scan: scan, drift: nil,
                                     today: CalendarDate("2024-06-30")!, scanAgeHours: 3)
        let policy = Policy(rules: [PolicyRule(index: 0, line: 1, kind: .ipv6AndDNSSEC(audience: .public, kinds: nil),
                                               scope: PolicyScope())])
        return try #require(Compliance.evaluate(policy, input).outcomes.first)
    }

    @Test("green and secure passes; bogus, insecure or unvalidated fails and says which")
    func rule() throws {
        let secure = ServiceDNSSEC(status: .secure, detail: "chain verified")
        let passing = try outcome([serviceLine("a-portal", mode: .web, verdict: .green, dnssec: secure),
                                   serviceLine("a-ns1", mode: .dnsZone, verdict: .green, dnssec: secure)])
        #expect(passing.status == .passed, "\(passing.summary) \(passing.details)")
        #expect(passing.summary == "all 2 web and DNS services are green over IPv6 and DNSSEC-secure")

        let failing = try outcome([
            serviceLine("a-portal", mode: .web, verdict: .green, dnssec: nil),
            serviceLine("a-ns1", mode: .dnsZone, verdict: .yellow,
                        dnssec: ServiceDNSSEC(status: .bogus, reason: .expired, zone: "vidu.example.", detail: "expired")),
        ])
        #expect(failing.status == .failed)
        #expect(failing.details == ["a-ns1 (ns1): IPv6 yellow, DNSSEC bogus (expired)",
                                    "a-portal (Cổng thông tin <điện tử>): DNSSEC not validated in this scan"], "\(failing.details)")
        #expect(failing.notes == ["scan with --dnssec (or --trust-anchor FILE) so that service lines carry a DNSSEC state"])
    }

    @Test("the policy file names the rule; audience and kinds are read like services-green")
    func codec() throws {
        let context = PolicyCodec.Context(agencies: ["so-a"], sites: [], categories: [])
        let text = "{\"schema\": 1, \"rules\": [{\"rule\": \"ipv6-and-dnssec\", \"audience\": \"public\"}]}"
        let policy = try PolicyCodec.load(Array(text.utf8), file: "policy.json", context: context).get()
        #expect(policy.rules.first?.kind == .ipv6AndDNSSEC(audience: .public, kinds: nil))
        #expect(policy.rules.first?.name == "ipv6-and-dnssec")
    }
}
