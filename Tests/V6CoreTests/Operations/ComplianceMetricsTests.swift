import Testing
@testable import V6Core

@Suite("Operations: compliance metrics")
struct ComplianceMetricsTests {
    /// Every family present: a policy, the fixture's agency, a whole-inventory scan and a newer site scan, drift.
    func input() throws -> ComplianceMetrics.Input {
        let inventory = OperationsFixture.inventory()
        let before = try OperationsFixture.beforeScan(), after = try OperationsFixture.afterScan()
        let assessment = ReadinessFixture.assessment(scan: after, inventory: inventory)
        let plan = Planner.plan(inventory, assessment: assessment, program: ProgramCodec.shipped, today: CalendarDate("2024-06-30")!)
        let drift = Drift.compare(from: before, to: after, inventory: inventory)
        let report = Compliance.evaluate(Policy(rules: [PolicyRule(index: 0, line: 1, kind: .maxScanAge(hours: 26), scope: PolicyScope())]),
                                         Compliance.Input(inventory: inventory, assessment: assessment, targets: plan.targets, scan: after,
                                                          drift: drift, today: CalendarDate("2024-06-30")!, scanAgeHours: 3))
        return ComplianceMetrics.Input(
            version: "1.0", inventoryName: "Tỉnh Ví Dụ", report: report, assessment: assessment, targets: plan.targets,
            inventory: inventory, scan: after,
            scans: [.init(site: nil, startedEpochSeconds: 1_715_738_400, durationSeconds: 4.2, statuses: ["reachable": 9, "timeout": 2]),
                    .init(site: "a-hq", startedEpochSeconds: 1_715_824_800, durationSeconds: 1.5, statuses: ["reachable": 7])],
            finishedEpochSeconds: 1_715_825_000, checkDurationSeconds: 2)
    }

    @Test("no family carries a label the federation sets (site, job, instance): under honor_labels it would win")
    func noFederationLabels() throws {
        let families = ComplianceMetrics.families(try input())
        #expect(families.count == 19, "every family is built, drift included: \(families.map(\.name))")
        #expect(ComplianceMetrics.federationLabelNames == ["site", "job", "instance"])
        for family in families {
            #expect(family.name.hasPrefix("v6ready_"))
            for sample in family.samples {
                for (name, _) in sample.labels {
                    #expect(!ComplianceMetrics.federationLabelNames.contains(name), "\(family.name) has the label \(name)")
                    #expect(!name.hasPrefix("exported_"), "\(family.name) has the label \(name)")
                }
            }
        }
    }

    @Test("the scan families name the part of the inventory scanned scan_site: all, or the inventory's site id")
    func scanSite() throws {
        let byName = Dictionary(uniqueKeysWithValues: ComplianceMetrics.families(try input()).map { ($0.name, $0) })
        let timestamps = try #require(byName["v6ready_scan_timestamp_seconds"]).samples
        #expect(timestamps == [.init([("scan_site", "a-hq")], 1_715_824_800), .init([("scan_site", "all")], 1_715_738_400)])
        #expect(byName["v6ready_scan_duration_seconds"]?.samples == [.init([("scan_site", "a-hq")], 1.5), .init([("scan_site", "all")], 4.2)])
        #expect(byName["v6ready_scan_results"]?.samples == [.init([("scan_site", "a-hq"), ("status", "reachable")], 7),
                                                            .init([("scan_site", "all"), ("status", "reachable")], 9),
                                                            .init([("scan_site", "all"), ("status", "timeout")], 2)])
        let text = ComplianceMetrics.render(try input())
        #expect(text.contains("v6ready_scan_results{scan_site=\"all\",status=\"timeout\"} 2\n"))
        #expect(!text.contains("{site=") && !text.contains(",site="))
    }
}
