import Testing
@testable import V6Core

@Suite struct ScanDataTests {
    @Test func serviceLinesComeBackWholeWithTheirSubChecks() throws {
        let report = ServiceReport(record: "so-tttt-ns1", target: "ns1.vidu.example", kind: "dns", mode: .dnsServer,
                                   verdict: .yellow, reason: "IPv6 published but not working",
                                   checks: [ServiceCheck("dns-udp-v6", .fail, "no DNS answer over IPv6 UDP",
                                                         address: IPAddress("2001:db8::4")!)],
                                   addresses: [IPAddress("192.0.2.4")!, IPAddress("2001:db8::4")!])
        let probe = ProbeResult(target: "so-tttt-ns1", address: IPAddress("192.0.2.4")!, method: .tcp, port: 53, status: .reachable)
        let text = probe.jsonLine + "\n" + report.jsonLine + "\n"
        let scan = try ScanData.parse(Array(text.utf8), name: "20261203T120000Z.jsonl").get()
        #expect(scan.probes.map(\.result) == [probe])
        #expect(scan.serviceReports == [report])
        #expect(scan.serviceVerdicts["so-tttt-ns1"]?.verdict == .yellow)
    }
}
