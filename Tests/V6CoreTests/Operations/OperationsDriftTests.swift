import Testing
@testable import V6Core

private typealias F = OperationsFixture

@Suite("Operations: drift between two scans")
struct OperationsDriftTests {
    let inventory = ReadinessFixture.inventory()

    @Test("regressions come first: a service that lost IPv6, a device silent on one family, a worse verdict")
    func regressionsFirst() throws {
        let report = Drift.compare(from: try OperationsFixture.beforeScan(), to: try OperationsFixture.afterScan(), inventory: inventory)
        let kinds = report.findings.map { "\($0.kind.rawValue) \($0.record ?? $0.address ?? "")" }
        #expect(kinds == [
            "service-lost-ipv6 a-app",
            "stopped-answering a-core",
            "verdict-worse a-portal",
            "unknown-host 198.51.100.9",
            "new-host 2001:db8:a00:101::99",
            "started-answering a-pc2",
        ])
        let lost = try #require(report.findings.first)
        #expect(lost.message == "service a-app lost IPv6: no port answers over IPv6 any more (IPv4 still works)")
        #expect(lost.changes == ["tcp [2001:db8:a00:101::10]:443: reachable → timeout (no answer)", "verdict green → yellow"])
        #expect(report.findings[1].message == "a-core stopped answering over IPv6 (still answers over IPv4)")
        #expect(report.findings[1].family == .v6)
        #expect(report.regressions.count == 3)
        #expect(report.newHosts.map(\.address) == ["2001:db8:a00:101::99"])
        #expect(report.findings[4].message.contains("rogue.a.example"))
        #expect(report.notRescanned == ["a-rt"])
    }

    @Test("the same scan twice has no finding; the reverse direction turns regressions into improvements")
    func symmetric() throws {
        let before = try OperationsFixture.beforeScan(), after = try OperationsFixture.afterScan()
        let same = Drift.compare(from: before, to: before, inventory: inventory)
        #expect(same.findings.filter { $0.severity != .attention }.isEmpty)
        let reverse = Drift.compare(from: after, to: before, inventory: inventory)
        #expect(reverse.findings.contains { $0.kind == .serviceGainedIPv6 && $0.record == "a-app" })
        #expect(reverse.findings.contains { $0.kind == .startedAnswering && $0.record == "a-core" && $0.family == .v6 })
        #expect(reverse.findings.contains { $0.kind == .stoppedAnswering && $0.record == "a-pc2" && $0.family == .v4 })
    }

    @Test("a device silent on both families is one finding; without an inventory kinds are guessed from the probes")
    func bothFamiliesAndNoInventory() throws {
        let a = try OperationsFixture.scan([F.probe("x", "192.0.2.50", "icmp", "reachable"), F.probe("x", "2001:db8::50", "icmp", "reachable"),
                                            F.probe("svc", "2001:db8::51", "tcp", "reachable", port: 80)], name: "20240101T000000Z.jsonl")
        let b = try OperationsFixture.scan([F.probe("x", "192.0.2.50", "icmp", "timeout"), F.probe("x", "2001:db8::50", "icmp", "unreachable"),
                                            F.probe("svc", "2001:db8::51", "tcp", "refused", port: 80)], name: "20240102T000000Z.jsonl")
        let report = Drift.compare(from: a, to: b)
        #expect(report.findings.map(\.kind) == [.serviceLostIPv6, .stoppedAnswering])
        #expect(report.findings[1].message == "x stopped answering on both IPv4 and IPv6")
        #expect(report.findings[0].changes == ["tcp [2001:db8::51]:80: reachable → refused"])
    }

    @Test("text and JSON say the same: counts, severities, the evidence lines")
    func rendering() throws {
        let report = Drift.compare(from: try OperationsFixture.beforeScan(), to: try OperationsFixture.afterScan(), inventory: inventory)
        let text = report.textLines()
        #expect(text[0] == "Drift from 20240514T020000Z.jsonl (2024-05-14T02:00:00Z) to 20240515T020000Z.jsonl (2024-05-15T02:00:00Z):")
        #expect(text[1] == "  REGRESSION: service a-app lost IPv6: no port answers over IPv6 any more (IPv4 still works)")
        #expect(text[2] == "      tcp [2001:db8:a00:101::10]:443: reachable → timeout (no answer)")
        #expect(text.last == "  3 regressions, 1 new host")
        let json = report.json
        #expect(json["regressions"] == .number(3))
        #expect(json["new_hosts"] == .number(1))
        #expect(json["findings"]?.arrayValue?.first?["severity"] == .string("regression"))
        #expect(json["not_rescanned"] == .array([.string("a-rt")]))
    }
}

@Suite("Operations: merging scans and the scan history")
struct OperationsScanTests {
    @Test("the newest scan's result wins per record, address, method and port; others are kept")
    func mergeNewestWins() throws {
        let siteA = try OperationsFixture.scan([F.probe("a", "192.0.2.1", "icmp", "reachable"), F.probe("b", "192.0.2.2", "icmp", "timeout"),
                                                "{\"type\":\"service\",\"record\":\"w\",\"verdict\":\"green\"}"], name: "20240101T000000Z.jsonl")
        let siteB = try OperationsFixture.scan([F.probe("b", "192.0.2.2", "icmp", "reachable"), F.probe("c", "192.0.2.3", "icmp", "reachable"),
                                                F.probe("w", "192.0.2.9", "tcp", "reachable", port: 443),
                                                "{\"type\":\"service\",\"record\":\"w\",\"verdict\":\"yellow\"}"], name: "20240102T000000Z.jsonl")
        // Given newest first: order on the command line does not matter, the file's time does.
        let merged = ScanMerge.merge([siteB, siteA])
        #expect(merged.name == "20240101T000000Z.jsonl + 20240102T000000Z.jsonl")
        #expect(merged.time == "2024-01-02T00:00:00Z")
        let status = Dictionary(merged.probes.map { ($0.result.record! + "/" + $0.result.method.rawValue, $0.result.status) }, uniquingKeysWith: { a, _ in a })
        #expect(status == ["a/icmp": .reachable, "b/icmp": .reachable, "c/icmp": .reachable, "w/tcp": .reachable])
        #expect(merged.probes.count == 4)
        #expect(merged.serviceVerdicts["w"]?.verdict == .yellow)
        #expect(ScanMerge.merge([siteA]).name == siteA.name)
    }

    @Test("the newest whole scan plus newer site scans; the previous evaluation is that rule before the newest scan")
    func latestAndPrevious() {
        let entries = [
            ScanHistory.Entry(name: "20240101T000000Z.jsonl"),
            ScanHistory.Entry(name: "20240102T000000Z.jsonl", site: "huyen-a"),
            ScanHistory.Entry(name: "20240103T000000Z.jsonl"),
            ScanHistory.Entry(name: "20240104T000000Z.jsonl", site: "huyen-a"),
            ScanHistory.Entry(name: "20240105T000000Z.jsonl", site: "huyen-b"),
            ScanHistory.Entry(name: "20240106T000000Z.jsonl", site: "huyen-a"),
        ]
        #expect(ScanHistory.latest(entries) == ["20240103T000000Z.jsonl", "20240105T000000Z.jsonl", "20240106T000000Z.jsonl"])
        #expect(ScanHistory.latest(Array(entries.prefix(3))) == ["20240103T000000Z.jsonl"])
        #expect(ScanHistory.latest([ScanHistory.Entry(name: "20240102T000000Z.jsonl", site: "x")]) == ["20240102T000000Z.jsonl"])
        #expect(ScanHistory.latest([]) == [])
        // What was evaluated before a scan arrived: huyen-a's new scan is compared with the whole scan and both
        // sites' scans made after it; the whole scan with the whole scan and site scan before it.
        #expect(ScanHistory.previous(before: "20240106T000000Z.jsonl", in: entries) == ["20240103T000000Z.jsonl", "20240104T000000Z.jsonl", "20240105T000000Z.jsonl"])
        #expect(ScanHistory.previous(before: "20240103T000000Z.jsonl", in: entries) == ["20240101T000000Z.jsonl", "20240102T000000Z.jsonl"])
        #expect(ScanHistory.previous(before: "20240101T000000Z.jsonl", in: entries) == [])
    }

    @Test("retention deletes the oldest scans with their summaries, and orphan summaries; nothing else")
    func retention() {
        let names = ["20240101T000000Z.jsonl", "20240101T000000Z.summary.json", "20240102T000000Z.jsonl", "20240102T000000Z.summary.json",
                     "20240103T000000Z.jsonl", "20231201T000000Z.summary.json", ".20240104T000000Z.jsonl.tmp.1.2", "notes.txt"]
        #expect(ScanHistory.retention(names, keep: 1) == ["20240101T000000Z.jsonl", "20240101T000000Z.summary.json",
                                                          "20240102T000000Z.jsonl", "20240102T000000Z.summary.json",
                                                          "20231201T000000Z.summary.json"])
        #expect(ScanHistory.retention(names, keep: 3) == ["20231201T000000Z.summary.json"])
        #expect(ScanHistory.retention(names, keep: 10) == ["20231201T000000Z.summary.json"])
        #expect(ScanHistory.summaryName(forScan: "20240518T024000Z.nmap.jsonl") == "20240518T024000Z.nmap.summary.json")
    }

    @Test("retention goes by the summaries' start times and never deletes the scans being evaluated (issue 13: a year-5138 import)")
    func retentionByStartTimeAndProtection() {
        let names = ["20240101T000000Z.jsonl", "20240101T000000Z.summary.json", "20240102T000000Z.jsonl", "20240102T000000Z.summary.json",
                     "51381231T000000Z.nmap.jsonl", "51381231T000000Z.nmap.summary.json"]
        // The odd name says 5138, its summary says it started before the others: it is the oldest.
        let started = ["20240101T000000Z.jsonl": 1_704_067_200, "20240102T000000Z.jsonl": 1_704_153_600, "51381231T000000Z.nmap.jsonl": 1_000_000_000]
        #expect(ScanHistory.retention(names, keep: 1, startedAt: started)
                == ["51381231T000000Z.nmap.jsonl", "51381231T000000Z.nmap.summary.json", "20240101T000000Z.jsonl", "20240101T000000Z.summary.json"])
        // The scan a check just evaluated is kept even when older than the N newest.
        #expect(ScanHistory.retention(names, keep: 1, startedAt: started, protecting: ["20240101T000000Z.jsonl"])
                == ["51381231T000000Z.nmap.jsonl", "51381231T000000Z.nmap.summary.json"])
    }

    @Test("UTC scan times to Unix seconds without a clock")
    func epoch() {
        #expect(UTCTime.epochSeconds("1970-01-01T00:00:00Z") == 0)
        #expect(UTCTime.epochSeconds("2024-05-15T02:00:00Z") == 1_715_738_400)
        #expect(UTCTime.epochSeconds("2024-02-29T23:59:59.5Z") == 1_709_251_199.5)
        #expect(UTCTime.epochSeconds("2024-05-15 02:00:00") == nil)
        #expect(UTCTime.epochSeconds("2023-02-29T00:00:00Z") == nil)
    }
}
