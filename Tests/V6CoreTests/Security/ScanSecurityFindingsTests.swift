import Testing
@testable import V6Core

/// What the reports' "Security" section lists from a scan: the security lines' findings and the bogus zones.
@Suite("Security: the scan's findings for the reports")
struct ScanSecurityFindingsTests {
    @Test("a bogus zone is listed with its reason and zone; secure and insecure zones are not")
    func bogusZonesListed() throws {
        func line(_ record: String, _ dnssec: ServiceDNSSEC) -> String {
            var report = ServiceReport(record: record, target: record + ".vidu.example", kind: "dns", mode: .dnsZone, verdict: .yellow,
                                       reason: "test", checks: [], addresses: [])
            report.dnssec = dnssec
            return report.jsonLine
        }
        let lines = [
            line("a-ns", ServiceDNSSEC(status: .bogus, reason: .badSignature, zone: "sai.vidu.example.", detail: "RRSIG over A does not verify")),
            line("b-ns", ServiceDNSSEC(status: .secure, detail: "chain verified")),
            line("c-ns", ServiceDNSSEC(status: .insecure, detail: "unsigned delegation")),
        ]
        let scan = try ScanData.parse(Array((lines.joined(separator: "\n") + "\n").utf8), name: "20261203T020000Z.jsonl").get()
        let found = scan.securityFindingLines
        #expect(found.count == 1)
        #expect(found.first?.record == "a-ns")
        #expect(found.first?.code == "dnssec-bogus:bad-signature")
        #expect(found.first?.message == "sai.vidu.example.: RRSIG over A does not verify")
    }
}
