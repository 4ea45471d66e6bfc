import Testing
@testable import V6Core

@Suite("Operations: IPv6-only policy rules — ipv6-only-percent, no-new-device-without-ipv6")
struct OperationsIPv6OnlyPolicyTests {
    func input(verified: Set<String>, today: String = "2026-12-03", inventory: Inventory = ReadinessFixture.inventory()) throws -> Compliance.Input {
        let scan = try ReadinessFixture.scan()
        let assessment = ReadinessFixture.assessment(scan: scan, inventory: inventory)
        var input = Compliance.Input(inventory: inventory, assessment: assessment, targets: [], scan: scan, drift: nil,
                                     today: CalendarDate(today)!, scanAgeHours: 1)
        input.ipv6OnlyVerified = verified
        return input
    }

    func rule(_ kind: PolicyRuleKind) -> Policy { Policy(rules: [PolicyRule(index: 0, line: 1, kind: kind, scope: PolicyScope())]) }

    @Test("the policy file states both rules; a bad date is an error with its line")
    func codec() throws {
        let text = """
        {"schema": 1, "rules": [
          {"rule": "ipv6-only-percent", "percent": 80, "by": "2028-12-31"},
          {"rule": "no-new-device-without-ipv6"},
          {"rule": "no-new-device-without-ipv6", "from": "2026-02-30"}
        ]}
        """
        guard case let .failure(failure) = PolicyCodec.load(Array(text.utf8), file: "p.json") else { Issue.record("accepted a bad date"); return }
        #expect(failure.diagnostics.map(\.description) == ["p.json:4: rules[2].from: \"2026-02-30\" is not a date (YYYY-MM-DD, e.g. 2026-01-01)"])
        let good = try PolicyCodec.load(Array(text.replacingOccurrences(of: "2026-02-30", with: "2026-03-01").utf8), file: "p.json").get()
        #expect(good.rules.map(\.kind) == [.ipv6OnlyPercent(percent: 80, by: CalendarDate("2028-12-31"), records: .device),
                                           .noNewDeviceWithoutIPv6(from: CalendarDate("2026-01-01")!),
                                           .noNewDeviceWithoutIPv6(from: CalendarDate("2026-03-01")!)])
    }

    @Test("ipv6-only-percent counts what an IPv6-only vantage saw: pending before its date, failing after, met when enough")
    func percent() throws {
        let verified: Set<String> = ["a-rt", "a-fw"]  // 2 of 10 devices
        let pending = Compliance.evaluate(rule(.ipv6OnlyPercent(percent: 50, by: CalendarDate("2028-12-31"), records: .device)), try input(verified: verified))
        #expect(pending.outcomes[0].status == .pending)
        #expect(pending.outcomes[0].summary == "20% of devices work IPv6-only (2/10); 50% required from 2028-12-31")
        let failed = Compliance.evaluate(rule(.ipv6OnlyPercent(percent: 50, by: CalendarDate("2026-06-30"), records: .device)), try input(verified: verified))
        #expect(failed.outcomes[0].status == .failed && !failed.compliant)
        #expect(failed.outcomes[0].details.contains { $0.hasPrefix("a-core:") } && !failed.outcomes[0].details.contains { $0.hasPrefix("a-rt:") })
        let met = Compliance.evaluate(rule(.ipv6OnlyPercent(percent: 20, by: nil, records: .device)), try input(verified: verified))
        #expect(met.outcomes[0].status == .passed)
        let none = Compliance.evaluate(rule(.ipv6OnlyPercent(percent: 1, by: nil, records: .device)), try input(verified: []))
        #expect(none.outcomes[0].status == .failed, "a dual-stack scan alone proves nothing about IPv6-only")
    }

    @Test("no-new-device-without-ipv6 names a device put in service after the rule whose model has no IPv6; old ones pass")
    func newDevice() throws {
        var inventory = ReadinessFixture.inventory()
        func install(_ id: String, _ day: String) {
            for f in inventory.agencyFiles.indices {
                for d in inventory.agencyFiles[f].devices.indices where inventory.agencyFiles[f].devices[d].id == id {
                    inventory.agencyFiles[f].devices[d].installed = CalendarDate(day)
                }
            }
        }
        let clean = Compliance.evaluate(rule(.noNewDeviceWithoutIPv6(from: CalendarDate("2026-01-01")!)), try input(verified: [], inventory: inventory))
        #expect(clean.outcomes[0].status == .passed, "a-sw-ancient has no IPv6 but was not installed under the rule")
        install("a-sw-ancient", "2026-04-01")
        install("a-pc1", "2026-05-01")
        install("a-sw-old", "2025-06-01")
        let report = Compliance.evaluate(rule(.noNewDeviceWithoutIPv6(from: CalendarDate("2026-01-01")!)), try input(verified: [], inventory: inventory))
        #expect(report.outcomes[0].status == .failed)
        #expect(report.outcomes[0].details == ["a-sw-ancient (Ancient switch), installed 2026-04-01"])
    }

    @Test("vantage lines: only ipv6-only lines that answered count, a line without the field or broken says nothing")
    func vantage() {
        let text = """
        {"target":"a-rt","address":"2001:db8::1","family":6,"method":"icmp","status":"reachable","record":"a-rt","vantage":"ipv6-only"}
        {"target":"a-fw","address":"2001:db8::2","family":6,"method":"icmp","status":"timeout","record":"a-fw","vantage":"ipv6-only"}
        {"target":"a-core","address":"2001:db8::3","family":6,"method":"icmp","status":"reachable","record":"a-core","vantage":"dual-stack"}
        {"target":"a-pc1","address":"2001:db8::4","family":6,"method":"tcp","port":22,"status":"refused","record":"a-pc1","vantage":"ipv6-only"}
        {"type":"service","record":"a-portal","verdict":"green","vantage":"ipv6-only"}
        {"broken
        {"target":"a-pc2","address":"2001:db8::5","family":6,"method":"icmp","status":"reachable","record":"a-pc2"}
        """
        let found = IPv6OnlyVantage.verifiedRecords(in: Array(text.utf8))
        #expect(found == ["a-rt": 1, "a-pc1": 4, "a-portal": 5])
    }
}
