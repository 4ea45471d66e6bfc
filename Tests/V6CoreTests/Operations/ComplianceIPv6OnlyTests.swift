import Testing
@testable import V6Core

@Suite("Operations: the no-ipv6-only-broken rule")
struct ComplianceIPv6OnlyTests {
    /// A scan with IPv6-only verdicts for the fixture's public services a-ns1 and a-portal.
    static func scan(_ verdicts: [String: IPv6OnlyVerdict]) throws -> ScanData {
        let lines = ReadinessFixture.scanLines + verdicts.sorted { $0.key < $1.key }.map { record, verdict in
            var report = ServiceReport(record: record, target: record, kind: "web", mode: .web, verdict: .red, reason: "",
                                       checks: [], addresses: [], vantage: .ipv6Only)
            report.ipv6Only = IPv6OnlyAssessment(verdict: verdict, reason: "\(verdict) from the lab")
            return report.jsonLine
        }
        return try ScanData.parse(Array(lines.joined(separator: "\n").utf8), name: "20240515T020000Z.jsonl").get()
    }

    func outcome(_ scan: ScanData) -> RuleOutcome {
        let inventory = ReadinessFixture.inventory()
        let input = Compliance.Input(inventory: inventory, assessment: ReadinessFixture.assessment(scan: scan, inventory: inventory),
                                     targets: [], scan: scan, drift: nil, today: CalendarDate("2024-06-30")!, scanAgeHours: 1)
        return Compliance.evaluate(Policy(rules: [PolicyRule(index: 0, line: 1, kind: .noIPv6OnlyBroken, scope: PolicyScope())]),
                                   input).outcomes[0]
    }

    @Test("native and nat64 pass (nat64 noted as a work item); broken and missing verdicts fail, naming the service")
    func rule() throws {
        let fine = outcome(try Self.scan(["a-ns1": .native, "a-portal": .nat64]))
        #expect(fine.status == .passed, "\(fine)")
        #expect(fine.notes.first?.contains("publish AAAA") == true)
        let broken = outcome(try Self.scan(["a-ns1": .native, "a-portal": .broken]))
        #expect(broken.status == .failed && broken.details.count == 1 && broken.details[0].hasPrefix("a-portal"))
        let missing = outcome(try Self.scan(["a-ns1": .native]))
        #expect(missing.status == .failed && missing.details.first?.contains("no IPv6-only verdict") == true)
    }

    @Test("assess: the verdict is evidence (nat64 says IPv6-only via translation and its work item); tallies per agency")
    func assessment() throws {
        let scan = try Self.scan(["a-ns1": .native, "a-portal": .nat64])
        let assessment = ReadinessFixture.assessment(scan: scan)
        let portal = try #require(assessment.item("a-portal"))
        let fact = try #require(portal.evidence.first { if case .ipv6OnlyVerdict = $0 { true } else { false } })
        let text = ReportText(.en).evidence(fact, scanName: "s", scanTime: nil)
        #expect(text.hasPrefix("IPv6-only via translation") && text.contains("publish AAAA / move to IPv6"), "\(text)")
        let (agencies, _) = IPv6OnlyTally.of(assessment.items)
        let counts = [agencies.map(\.native).reduce(0, +), agencies.map(\.nat64).reduce(0, +), agencies.map(\.unchecked).reduce(0, +)]
        #expect(counts == [1, 1, 1], "a-app (internal) has no IPv6-only verdict: \(agencies)")
        #expect(IPv6OnlyTally.of(ReadinessFixture.assessment(scan: try ReadinessFixture.scan()).items).agencies.isEmpty)
    }

    @Test("policy files name the rule")
    func codec() throws {
        let text = #"{"schema": 1, "rules": [{"rule": "no-ipv6-only-broken"}]}"#
        let policy = try PolicyCodec.load(Array(text.utf8), file: "p.json", context: PolicyCodec.Context(agencies: [], sites: [], categories: [])).get()
        #expect(policy.rules.map(\.kind) == [.noIPv6OnlyBroken])
    }
}
