import Testing
@testable import V6Core

@Suite("Assessment: verdicts, evidence and scores")
struct AssessmentTests {
    @Test("every verdict comes out of the rules: dual stack, broken, capable, upgrade, replace, unknown")
    func verdicts() throws {
        let result = ReadinessFixture.assessment(scan: try ReadinessFixture.scan())
        func status(_ id: String) -> ReadinessStatus? { result.item(id)?.status }
        #expect(status("a-rt") == .dualStack)
        #expect(status("a-pc1") == .dualStack)
        #expect(status("a-pc2") == .ipv6Broken)
        #expect(status("a-web") == .capable)
        #expect(status("a-sw-old") == .needsUpgrade)
        #expect(result.item("a-sw-old")?.upgradeTo == "15.0.2")
        #expect(status("a-sw-ancient") == .needsReplacement)
        #expect(result.item("a-sw-ancient")?.silent == true, "it did not answer over IPv4 either")
        #expect(status("a-printer") == .unknown)
        #expect(status("a-app") == .dualStack)
        #expect(status("a-portal") == .capable, "no IPv6 published, the host can do it")
        #expect(status("a-ns1") == .capable)
        #expect(status("a-dmz") == .capable, "no prefix yet, nothing in it that cannot route IPv6")
        #expect(status("a-lan") == .dualStack, "one broken PC out of four does not make the LAN broken")
    }

    @Test("a verdict carries its evidence: scan file, time and probe line numbers; catalog entry")
    func evidence() throws {
        let result = ReadinessFixture.assessment(scan: try ReadinessFixture.scan())
        #expect(result.scanName == "20230515T020000Z.jsonl")
        #expect(result.scanTime == "2023-05-15T02:00:00Z")
        let pc2 = try #require(result.item("a-pc2"))
        let lines = pc2.evidence.compactMap { fact -> Int? in if case let .probe(p) = fact { return p.line } else { return nil } }
        #expect(lines == [9, 10])
        let text = ReportText(.en).evidence(pc2.evidence.first { if case .probe(let p) = $0 { return p.line == 10 } else { return false } }!,
                                            scanName: result.scanName, scanTime: result.scanTime)
        #expect(text == "scan 20230515T020000Z.jsonl (2023-05-15T02:00:00Z) line 10: icmp 2001:db8:a00:101::11 timeout")
        let old = try #require(result.item("a-sw-old"))
        #expect(old.evidence.contains(.catalog(ReadinessFixture.catalog.entry(vendor: "Cisco", model: "Catalyst 2960-24TT-L")!, deviceVersion: "12.2(55)SE")))
        #expect(ReportText(.vi).evidence(old.evidence[0], scanName: nil, scanTime: nil).contains("hỗ trợ IPv6 từ phiên bản 15.0.2"))
        let app = try #require(result.item("a-app"))
        #expect(app.icmpv6Filtered)
        #expect(app.evidence.contains(.icmpv6Filtered))
    }

    @Test("without a scan, IPv6 that is configured is not taken on trust, and capability comes from the catalog")
    func withoutScan() {
        let result = ReadinessFixture.assessment()
        #expect(result.scanName == nil)
        #expect(result.item("a-rt")?.status == .configured)
        #expect(result.item("a-pc2")?.status == .configured)
        #expect(result.item("a-sw-old")?.status == .needsUpgrade)
        #expect(result.item("a-web")?.status == .capable)
        #expect(result.item("a-rt")?.evidence.contains(.noScan) == true)
        #expect(result.overall.ready == 0)
    }

    @Test("a published IPv6 service that times out while IPv4 answers is broken; silent on both is unknown")
    func serviceBroken() throws {
        var lines = ReadinessFixture.scanLines
        lines.removeAll { $0.contains("\"a-app\"") }
        lines.append(ReadinessFixture.probe("a-app", "192.0.2.10", "tcp", "reachable", port: 443))
        lines.append(ReadinessFixture.probe("a-app", "2001:db8:a00:101::10", "tcp", "timeout", port: 443))
        let scan = try ScanData.parse(Array(lines.joined(separator: "\n").utf8), name: "x.jsonl").get()
        #expect(ReadinessFixture.assessment(scan: scan).item("a-app")?.status == .ipv6Broken)
        #expect(scan.time == nil, "a file name without a timestamp has no time")

        lines.removeAll { $0.contains("\"a-app\"") }
        lines.append(ReadinessFixture.probe("a-app", "192.0.2.10", "tcp", "timeout", port: 443))
        lines.append(ReadinessFixture.probe("a-app", "2001:db8:a00:101::10", "tcp", "timeout", port: 443))
        let silent = try ScanData.parse(Array(lines.joined(separator: "\n").utf8), name: "x.jsonl").get()
        let item = ReadinessFixture.assessment(scan: silent).item("a-app")
        #expect(item?.status == .unknown)
        #expect(item?.silent == true)
    }

    @Test("scores per agency and per category add up, in the program's category order")
    func scores() throws {
        let result = ReadinessFixture.assessment(scan: try ReadinessFixture.scan())
        #expect(result.agencyScores.map(\.key) == ["so-a"])
        #expect(result.agencyScores[0].total == result.items.count)
        #expect(result.categoryScores.map(\.key) == ProgramCodec.shipped.categories.map(\.id))
        #expect(result.categoryScores.map(\.total).reduce(0, +) == result.items.count)
        #expect(result.item("a-pc1")?.category == "end-devices")
        #expect(result.item("a-rt")?.category == "internet-edge")
        #expect(result.item("a-core")?.category == "lan")
        #expect(result.item("a-portal")?.category == "systems")
        let edge = try #require(result.categoryScores.first { $0.key == "internet-edge" })
        #expect(edge.ready == 3 && edge.total == 5, "a-edge, a-rt, a-fw ready; a-dmz and a-dns capable: \(edge)")
    }

    @Test("a scan line that is not JSON or not a probe is an error with its line number")
    func scanErrors() {
        let text = ReadinessFixture.scanLines[0] + "\n{not json\n\n{\"target\":\"x\"}\n"
        guard case let .failure(failure) = ScanData.parse(Array(text.utf8), name: "s.jsonl", displayName: "reports/scans/s.jsonl") else {
            Issue.record("expected a failure"); return
        }
        #expect(failure.diagnostics.map(\.line) == [2, 4])
        #expect(failure.diagnostics[0].description.hasPrefix("reports/scans/s.jsonl:2: "))
        #expect(failure.diagnostics[1].message.contains("not a probe line"))
    }
}
