import Testing
@testable import V6Core

@Suite("Probe: the scan vantage on every line")
struct ScanVantageTests {
    @Test("probe and service lines carry the vantage and read it back; old lines are dual-stack")
    func roundTrip() throws {
        let probe = ProbeResult(target: "cong", address: IPAddress("2001:db8::20")!, method: .tcp, port: 443,
                                status: .reachable, rttMilliseconds: 0.3, record: "cong", vantage: .ipv6Only)
        #expect(probe.jsonLine.hasSuffix(#","vantage":"ipv6-only"}"#))
        #expect(probe.jsonLine == JSONWriter.compact(probe.json))
        var report = ServiceReport(record: "cong", target: "cong.vidu.example", kind: "web", mode: .web, verdict: .red,
                                   reason: "no AAAA", checks: [], addresses: [], vantage: .ipv6Only)
        report.ipv6Only = IPv6OnlyAssessment(verdict: .nat64, reason: "only through NAT64 64:ff9b::/96",
                                             evidence: ["AAAA 64:ff9b::cb00:7114 (DNS64)"], problems: ["ipv4-literal"])
        let old = #"{"target":"x","address":"192.0.2.1","family":4,"method":"icmp","status":"timeout","sent":1,"received":0,"record":"old"}"#
        let text = probe.jsonLine + "\n" + report.jsonLine + "\n" + old + "\n"
        let scan = try ScanData.parse(Array(text.utf8), name: "20261203T150000Z.jsonl").get()
        #expect(scan.vantage == .ipv6Only)
        #expect(scan.probes.map(\.result.vantage) == [.ipv6Only, .dualStack])
        #expect(scan.serviceVerdicts["cong"]?.vantage == .ipv6Only)
        let verdict = try #require(scan.ipv6OnlyVerdicts["cong"])
        #expect(verdict.verdict == .nat64 && verdict.line == 2)
        #expect(verdict.assessment.problems == ["ipv4-literal"])
        #expect(report.jsonLine.contains(#""work_item":"publish AAAA / move to IPv6""#))
    }

    @Test("a file without the field is dual-stack; an unknown vantage word is an error with its line")
    func defaultsAndErrors() throws {
        let old = #"{"target":"x","address":"2001:db8::1","family":6,"method":"icmp","status":"reachable","sent":1,"received":1}"#
        let scan = try ScanData.parse(Array(old.utf8), name: "a.jsonl").get()
        #expect(scan.vantage == .dualStack && scan.ipv6OnlyVerdicts.isEmpty)
        let bad = old.replacingOccurrences(of: "}", with: #","vantage":"ipv4-only"}"#)
        guard case let .failure(failure) = ScanData.parse(Array(("\n" + bad).utf8), name: "b.jsonl") else {
            Issue.record("an unknown vantage was accepted"); return
        }
        #expect(failure.diagnostics.first?.line == 2)
        #expect(failure.diagnostics.first?.message.contains("vantage") == true)
    }

    @Test("merging keeps an IPv6-only verdict under a later dual-stack scan")
    func merge() throws {
        var report = ServiceReport(record: "s", target: "s.example", kind: "web", mode: .web, verdict: .red,
                                   reason: "", checks: [], addresses: [], vantage: .ipv6Only)
        report.ipv6Only = IPv6OnlyAssessment(verdict: .broken, reason: "no AAAA, no DNS64")
        let first = try ScanData.parse(Array(report.jsonLine.utf8), name: "20261201T000000Z.jsonl").get()
        report.vantage = .dualStack; report.ipv6Only = nil
        let second = try ScanData.parse(Array(report.jsonLine.utf8), name: "20261202T000000Z.jsonl").get()
        let merged = ScanMerge.merge([second, first])
        #expect(merged.ipv6OnlyVerdicts["s"]?.verdict == .broken)
        #expect(merged.serviceVerdicts["s"]?.vantage == .dualStack)
        #expect(merged.vantage == .ipv6Only)
    }

    @Test("a newer IPv6-only scan adds its verdicts but keeps the dual-stack colour, report and security audit")
    func newerIPv6OnlyScanKeepsTheDualStackPicture() throws {
        var report = ServiceReport(record: "s", target: "s.example", kind: "web", mode: .web, verdict: .red,
                                   reason: "no IPv6 address published", checks: [], addresses: [])
        let parity = #"{"type":"parity","record":"s","target":"s.example","port":22,"v4_address":"192.0.2.5","v6_address":"2001:db8::5","v4":"filtered","v6":"open","finding":"ipv6-exposed","message":"port 22 is open over IPv6"}"#
        let dualStack = try ScanData.parse(Array((report.jsonLine + "\n" + parity).utf8), name: "20261201T000000Z.jsonl").get()
        report.vantage = .ipv6Only
        report.verdict = .green
        report.reason = "works over IPv6 (through NAT64)"
        report.ipv6Only = IPv6OnlyAssessment(verdict: .nat64, reason: "only through NAT64")
        let ipv6Only = try ScanData.parse(Array(report.jsonLine.utf8), name: "20261202T000000Z.jsonl").get()
        for merged in [ScanMerge.merge([dualStack, ipv6Only]), ScanMerge.merge([ipv6Only, dualStack])] {
            #expect(merged.serviceVerdicts["s"]?.verdict == .red && merged.serviceVerdicts["s"]?.vantage == .dualStack)
            #expect(merged.serviceReports.map(\.verdict) == [.red])
            #expect(merged.ipv6OnlyVerdicts["s"]?.verdict == .nat64)
            #expect(merged.security.parity.count == 1 && dualStack.security.parity.count == 1)
        }
        // Alone, the IPv6-only scan's own verdict stands.
        #expect(ScanMerge.merge([ipv6Only, ipv6Only]).serviceVerdicts["s"]?.verdict == .green)
    }
}
