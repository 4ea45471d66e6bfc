import Testing
@testable import V6Core

@Suite("Operations: policy files and compliance")
struct OperationsPolicyTests {
    let context = PolicyCodec.Context(agencies: ["so-a", "so-b"], sites: ["a-hq"], categories: ["lan", "systems"])

    func load(_ text: String) -> Result<Policy, ValidationFailure> {
        PolicyCodec.load(Array(text.utf8), file: "policy.json", context: context)
    }

    @Test("a valid policy: every rule read with its line")
    func valid() throws {
        let policy = try load("""
        {
          "schema": 1,
          "name": "Kiểm tra hằng ngày",
          "rules": [
            {"rule": "services-green", "audience": "public", "description": "every public service green"},
            {"rule": "dual-stack-percent", "records": "device", "percent": 60, "by": "2025-12-31", "agencies": ["so-a"]},
            {"rule": "no-ipv6-broken"},
            {"rule": "no-unknown-hosts"},
            {"rule": "max-scan-age", "hours": 26},
            {"rule": "program-targets", "categories": ["lan"]}
          ]
        }
        """).get()
        #expect(policy.name == "Kiểm tra hằng ngày")
        #expect(policy.rules.map(\.name) == ["services-green", "dual-stack-percent", "no-ipv6-broken", "no-unknown-hosts", "max-scan-age", "program-targets"])
        #expect(policy.rules.map(\.line) == [5, 6, 7, 8, 9, 10])
        #expect(policy.rules[1].kind == .dualStackPercent(percent: 60, by: CalendarDate("2025-12-31"), records: .device))
        #expect(policy.rules[1].scope.agencies == ["so-a"])
        #expect(policy.rules[0].kind == .servicesGreen(audience: .public, kinds: nil, accept: [.green]))
        #expect(policy.rules[2].kind == .noIPv6Broken(records: [.segment, .device, .service]))
    }

    @Test("every problem at once, as file:line: path: message")
    func diagnostics() throws {
        let result = load("""
        {
          "schema": 2,
          "rules": [
            {"rule": "every-thing-green"},
            {"rule": "dual-stack-percent", "percent": 160, "by": "2025-13-01", "records": "router"},
            {"rule": "services-green", "agencies": ["so-x"], "sites": ["a-hq"], "accept": ["blue"], "audiance": "public"},
            {"rule": "max-scan-age"},
            {"percent": 5},
            "no-ipv6-broken"
          ]
        }
        """)
        guard case let .failure(failure) = result else { Issue.record("a broken policy was accepted"); return }
        let lines = failure.diagnostics.map(\.description)
        #expect(lines == [
            "policy.json:2: schema: schema 2 is not supported (this build reads schema 1)",
            "policy.json:4: rules[0].rule: \"every-thing-green\" is not a rule (program-targets, services-green, dual-stack-percent, no-ipv6-broken, no-unknown-hosts, max-scan-age, no-rogue-ra, lan-ipv6-dns, ipv6-only-percent, no-new-device-without-ipv6, no-ipv6-only-broken, ipv6-and-dnssec, no-ipv6-exposure)",
            "policy.json:5: rules[1].by: \"2025-13-01\" is not a date (YYYY-MM-DD, e.g. 2025-12-31)",
            "policy.json:5: rules[1].percent: 160 is not a percentage from 0 to 100",
            "policy.json:5: rules[1].records: \"router\" is not one of segment, device, service",
            "policy.json:6: rules[2].accept[0]: expected one of green, yellow, red, gray, found \"blue\"",
            "policy.json:6: rules[2].agencies[0]: \"so-x\" is not an agency of this inventory",
            "policy.json:6: rules[2].audiance: unknown field \"audiance\"",
            "policy.json:7: rules[3].hours: is missing (required; hours, e.g. 26 for a daily scan)",
            "policy.json:8: rules[4].rule: is missing (required; one of program-targets, services-green, dual-stack-percent, no-ipv6-broken, no-unknown-hosts, max-scan-age, no-rogue-ra, lan-ipv6-dns, ipv6-only-percent, no-new-device-without-ipv6, no-ipv6-only-broken, ipv6-and-dnssec, no-ipv6-exposure)",
            "policy.json:9: rules[5]: expected an object, found a string",
        ])
        guard case let .failure(syntax) = load("{\"schema\": 1,\n \"rules\": [}") else { Issue.record("bad JSON accepted"); return }
        #expect(syntax.diagnostics.first?.description.hasPrefix("policy.json:2: ") == true)
    }

    func input(scan: ScanData?, drift: DriftReport? = nil, today: String = "2024-06-30", age: Double? = 3) -> Compliance.Input {
        let inventory = ReadinessFixture.inventory()
        let assessment = ReadinessFixture.assessment(scan: scan, inventory: inventory)
        let plan = Planner.plan(inventory, assessment: assessment, program: ProgramCodec.shipped, today: CalendarDate(today)!)
        return Compliance.Input(inventory: inventory, assessment: assessment, targets: plan.targets, scan: scan, drift: drift,
                                today: CalendarDate(today)!, scanAgeHours: age)
    }

    func rule(_ kind: PolicyRuleKind, _ scope: PolicyScope = PolicyScope()) -> Policy {
        Policy(rules: [PolicyRule(index: 0, line: 1, kind: kind, scope: scope)])
    }

    @Test("services-green: a missing verdict is not green and says so; accepted words pass")
    func servicesGreen() throws {
        let scan = try ReadinessFixture.scan()  // a-portal red, the others without a verdict
        let report = Compliance.evaluate(rule(.servicesGreen(audience: .public, kinds: nil, accept: [.green])), input(scan: scan))
        let outcome = try #require(report.outcomes.first)
        #expect(outcome.status == .failed)
        #expect(outcome.summary == "2 of 2 public services are not green")
        #expect(outcome.details == ["a-ns1 (ns1): no verdict in the scan — counted as not green",
                                    "a-portal (Cổng thông tin <điện tử>): red"])
        #expect(outcome.notes == ["1 service has no verdict line in the scan and counts as not green"])
        #expect(!report.compliant)

        let after = try OperationsFixture.afterScan()  // a-app yellow, a-portal yellow
        let lenient = Compliance.evaluate(rule(.servicesGreen(audience: .internal, kinds: nil, accept: [.green, .yellow])), input(scan: after))
        #expect(lenient.compliant)
        #expect(lenient.outcomes[0].summary == "the one internal service is green or yellow")

        let noVerdicts = try OperationsFixture.scan([OperationsFixture.probe("a-app", "192.0.2.10", "tcp", "reachable", port: 443)], name: "20240101T000000Z.jsonl")
        let old = Compliance.evaluate(rule(.servicesGreen(audience: nil, kinds: [.app], accept: [.green])), input(scan: noVerdicts))
        #expect(old.outcomes[0].status == .failed)
        #expect(old.outcomes[0].notes.first?.contains("predates the service checks") == true)
    }

    @Test("dual-stack-percent: pending before its date, failing after it, scoped by agency")
    func dualStackPercent() throws {
        let scan = try ReadinessFixture.scan()
        // a-rt, a-fw, a-core, a-pc1 answer over IPv6: 4 of 10 devices.
        let early = Compliance.evaluate(rule(.dualStackPercent(percent: 60, by: CalendarDate("2025-12-31"), records: .device)), input(scan: scan))
        #expect(early.outcomes[0].status == .pending)
        #expect(early.outcomes[0].summary == "40% of devices work over IPv6 (4/10); 60% required from 2025-12-31")
        #expect(early.compliant)
        let late = Compliance.evaluate(rule(.dualStackPercent(percent: 60, by: CalendarDate("2024-01-01"), records: .device)), input(scan: scan))
        #expect(late.outcomes[0].status == .failed)
        #expect(late.outcomes[0].details.contains("a-pc2: ipv6-broken"))
        let met = Compliance.evaluate(rule(.dualStackPercent(percent: 40, by: nil, records: .device)), input(scan: scan))
        #expect(met.outcomes[0].status == .passed)
        let other = Compliance.evaluate(rule(.dualStackPercent(percent: 40, by: nil, records: .device), PolicyScope(agencies: ["so-b"])), input(scan: scan))
        #expect(other.outcomes[0].summary == "no devices match this rule")
    }

    @Test("no-ipv6-broken names the broken records; no-unknown-hosts the addresses; max-scan-age the age")
    func brokenUnknownAge() throws {
        let scan = try ReadinessFixture.scan()
        let broken = Compliance.evaluate(rule(.noIPv6Broken(records: [.device])), input(scan: scan))
        #expect(broken.outcomes[0].details == ["device a-pc2 (PC 2)"])
        let after = try OperationsFixture.afterScan()
        let unknown = Compliance.evaluate(rule(.noUnknownHosts), input(scan: after))
        #expect(unknown.outcomes[0].details == ["198.51.100.9", "2001:db8:a00:101::99"])
        #expect(Compliance.evaluate(rule(.maxScanAge(hours: 26)), input(scan: scan, age: 30)).outcomes[0].summary == "the scan is 30 hours old (at most 26)")
        #expect(!Compliance.evaluate(rule(.maxScanAge(hours: 26)), input(scan: scan, age: 30)).compliant)
        #expect(Compliance.evaluate(rule(.maxScanAge(hours: 26)), input(scan: scan, age: 2.5)).compliant)
        #expect(!Compliance.evaluate(rule(.maxScanAge(hours: 26)), input(scan: scan, age: nil)).compliant)
    }

    @Test("program targets: nothing due in the first year; behind a target after its year ends")
    func programTargets() throws {
        let scan = try ReadinessFixture.scan()
        let first = Compliance.evaluate(Policy.programTargets, input(scan: scan, today: "2022-06-30"))
        #expect(first.outcomes[0].status == .passed)
        #expect(first.outcomes[0].summary.hasPrefix("no target is due yet on 2022-06-30"))
        let late = Compliance.evaluate(Policy.programTargets, input(scan: scan, today: "2026-01-15"))
        #expect(late.outcomes[0].status == .failed)
        #expect(late.outcomes[0].details.contains { $0.hasSuffix("by the end of 2025 — behind") })
    }

    @Test("drift regressions fail the check unless ignored")
    func driftMatters() throws {
        let drift = Drift.compare(from: try OperationsFixture.beforeScan(), to: try OperationsFixture.afterScan(), inventory: ReadinessFixture.inventory())
        let policy = rule(.maxScanAge(hours: 48))
        let failing = Compliance.evaluate(policy, input(scan: try OperationsFixture.afterScan(), drift: drift))
        #expect(failing.rulesPassed)
        #expect(!failing.compliant)
        #expect(failing.textLines().contains("  FAIL drift: 3 regressions since 20240514T020000Z.jsonl"))
        #expect(failing.textLines().last == "NOT COMPLIANT")
        let ignored = Compliance.evaluate(policy, input(scan: try OperationsFixture.afterScan(), drift: drift), ignoreDrift: true)
        #expect(ignored.compliant)
        #expect(ignored.json["compliant"] == .bool(true))
        #expect(ignored.json["drift"]?["regressions"] == .number(3))
    }
}
