import Foundation
import Testing
@testable import V6CLI
import V6Core
import V6System

@Suite("Operations: drift command and multi-site scans")
struct OperationsDriftAndSitesTests {
    @Test("drift on two recorded scans where a service broke: regressions first, exit 1")
    func driftBetweenRecordedScans() throws {
        let box = try OperationsScans.sandbox(scans: [(OperationsScans.recordedName, OperationsScans.recorded),
                                                      (OperationsScans.brokenName, OperationsScans.broken)])
        let run = box.run("drift", "--inventory", "inv")
        #expect(run.code == .findings, "\(run.err)")
        let lines = run.out.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Drift from 20240515T020000Z.jsonl (2024-05-15T02:00:00Z) to 20240516T020000Z.jsonl (2024-05-16T02:00:00Z):")
        #expect(lines[1] == "  REGRESSION: service so-tttt-cong-ttdt lost IPv6: no port answers over IPv6 any more (IPv4 still works)")
        #expect(lines[2] == "      tcp [2001:db8:a00:1010::20]:80: refused → timeout")
        #expect(lines[3] == "      tcp [2001:db8:a00:1010::20]:443: reachable → timeout")
        #expect(lines[4] == "      verdict green → yellow")
        #expect(lines[5] == "  REGRESSION: so-tttt-fw-dmz-01 stopped answering over IPv6 (still answers over IPv4)")
        #expect(lines[7] == "  ATTENTION: new host 203.0.113.99 answers (icmp) and is not in the inventory")
        #expect(lines.last == "  2 regressions, 1 new host")

        let json = try JSONParser.parse(box.run("drift", "--inventory", "inv", "--json").out).value
        #expect(json["regressions"] == .number(2))
        #expect(json["findings"]?.arrayValue?.map { $0["kind"]?.stringValue ?? "" } == ["service-lost-ipv6", "stopped-answering", "new-host"])

        // The other way round, everything comes back: improvements only, exit 0.
        let back = box.run("drift", "--inventory", "inv", "--from", "reports/scans/20240516T020000Z.jsonl", "--to", "reports/scans/20240515T020000Z.jsonl")
        #expect(back.code == .success)
        #expect(back.out.contains("IMPROVEMENT: service so-tttt-cong-ttdt now answers over IPv6"))
    }

    @Test("drift needs two scans (exit 2); --to alone compares with the same site's previous scan")
    func driftInputs() throws {
        let one = try OperationsScans.sandbox()
        let run = one.run("drift", "--inventory", "inv")
        #expect(run.code == .usage)
        #expect(run.err == "reports/scans/: drift needs two scans; there is 1 (run `v6ready scan` again, or give --from and --to)\n")
        let box = try OperationsScans.sandbox(scans: [(OperationsScans.recordedName, OperationsScans.recorded),
                                                      (OperationsScans.brokenName, OperationsScans.broken)])
        let to = box.run("drift", "--inventory", "inv", "--to", "reports/scans/20240516T020000Z.jsonl")
        #expect(to.code == .findings)
        #expect(to.out.hasPrefix("Drift from 20240515T020000Z.jsonl"))
        #expect(box.run("drift", "--inventory", "inv", "--to", "reports/scans/nope.jsonl", "--from", "reports/scans/20240515T020000Z.jsonl").code == .usage)
    }

    @Test("an nmap import is a discovery scan: drift names the hosts the inventory lacks")
    func nmapThenDrift() throws {
        let box = try OperationsScans.sandbox()
        try box.write("hosts.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE nmaprun>
        <nmaprun scanner="nmap" args="nmap -sn -oX hosts.xml 203.0.113.0/24" start="1716000000" version="7.93" xmloutputversion="1.05">
        <host><status state="up" reason="echo-reply" reason_ttl="63"/><address addr="203.0.113.20" addrtype="ipv4"/>
        <hostnames><hostname name="vidu.example" type="PTR"/></hostnames><times srtt="1412" rttvar="5000" to="100000"/></host>
        <host><status state="up" reason="syn-ack" reason_ttl="63"/><address addr="203.0.113.77" addrtype="ipv4"/>
        <address addr="02:00:5e:10:00:01" addrtype="mac"/><hostnames><hostname name="camera-la.vidu.example" type="PTR"/></hostnames>
        <ports><port protocol="tcp" portid="554"><state state="open" reason="syn-ack" reason_ttl="63"/><service name="rtsp"/></port></ports></host>
        <host><status state="down" reason="no-response" reason_ttl="0"/><address addr="203.0.113.78" addrtype="ipv4"/></host>
        <runstats><finished time="1716000003" elapsed="3.05" exit="success"/><hosts up="2" down="1" total="3"/></runstats>
        </nmaprun>
        """)
        let imported = box.run("inventory", "nmap-import", "hosts.xml")
        #expect(imported.code == .success, "\(imported.err)")
        #expect(imported.out == "Imported 2 hosts up (1 down skipped) from hosts.xml: 3 scan lines written to reports/scans/20240518T024000Z.nmap.jsonl\n")
        let summary = try JSONParser.parse(box.read("reports/scans/20240518T024000Z.nmap.summary.json")).value
        #expect(summary["site"] == .string("discovery") && summary["source"] == .string("nmap"))
        let drift = box.run("drift", "--inventory", "inv")
        #expect(drift.code == .success)
        #expect(drift.out.contains("  ATTENTION: new host 203.0.113.77 (camera-la.vidu.example) answers (icmp, tcp/554) and is not in the inventory\n"))
        #expect(!drift.out.contains("203.0.113.20 "))
        #expect(drift.out.contains("  0 regressions, 1 new host"))
        // check sees it too, with the policy rule for unknown hosts.
        try box.write("policy.json", "{\"schema\": 1, \"rules\": [{\"rule\": \"no-unknown-hosts\"}]}")
        let check = box.run("check", "--inventory", "inv", "--policy", "policy.json", "--date", "2024-06-30")
        #expect(check.code == .findings)
        #expect(check.out.contains("  FAIL no-unknown-hosts: 1 answering host is not in the inventory\n      203.0.113.77\n"))

        try box.write("bad.xml", "<nmaprun><host></nmaprun>")
        let bad = box.run("inventory", "nmap-import", "bad.xml")
        #expect(bad.code == .usage)
        #expect(bad.err == "bad.xml:1: not a readable nmap XML report: a closing tag that does not match its opening tag\n")
        try box.write("cut.xml", "<?xml version=\"1.0\"?>\n<nmaprun start=\"1716000000\">\n<host><status state=\"up\"/>\n")
        let cut = box.run("inventory", "nmap-import", "cut.xml")
        #expect(cut.code == .usage)
        #expect(cut.err.contains("not a readable nmap XML report"))
        try box.write("other.xml", "<?xml version=\"1.0\"?>\n<html></html>\n")
        #expect(box.run("inventory", "nmap-import", "other.xml").err == "other.xml: not an nmap XML report (no <nmaprun> element; produce one with nmap -oX FILE)\n")
    }

    @Test("assess and plan merge several --scan files: the newest result per record, address, method and port")
    func assessMergesSites() throws {
        let box = try OperationsScans.sandbox()
        // District An Bình rescanned its own LAN: its file answers for its records, the province's file for the rest.
        let district = OperationsScans.recorded.split(separator: "\n").filter { $0.contains("\"record\":\"huyen-an-binh-") }
            .map { $0.replacingOccurrences(of: "\"status\":\"reachable\"", with: "\"status\":\"timeout\"") }.joined(separator: "\n") + "\n"
        try box.write("reports/scans/20240520T010000Z.jsonl", district)
        let one = box.run("assess", "--inventory", "inv", "--scan", "reports/scans/20240515T020000Z.jsonl", "--json")
        let merged = box.run("assess", "--inventory", "inv", "--scan", "reports/scans/20240520T010000Z.jsonl",
                             "--scan", "reports/scans/20240515T020000Z.jsonl", "--json")
        #expect(merged.code == .success, "\(merged.err)")
        #expect(merged.err.contains("Merged 2 scans (the newest result per record, address, method and port wins): 20240515T020000Z.jsonl + 20240520T010000Z.jsonl."))
        func score(_ out: String, _ agency: String) throws -> Double? {
            let json = try JSONParser.parse(out).value
            return json["agencies"]?.arrayValue?.first { $0["id"]?.stringValue == agency }?["ready"]?.doubleValue
        }
        let before = try score(one.out, "huyen-an-binh"), after = try score(merged.out, "huyen-an-binh")
        let otherBefore = try score(one.out, "so-tttt"), otherAfter = try score(merged.out, "so-tttt")
        #expect(before != nil && after != nil && before! > after!)
        #expect(otherBefore == otherAfter)
        #expect(box.run("plan", "--inventory", "inv", "--scan", "reports/scans/20240515T020000Z.jsonl", "--scan", "reports/scans/20240520T010000Z.jsonl",
                        "-o", "out").code == .success)
    }

    @Test("check's default takes the newest whole scan plus newer site scans, compared with what was evaluated before the newest")
    func checkPicksSites() throws {
        let box = try OperationsScans.sandbox(scans: [(OperationsScans.recordedName, OperationsScans.recorded)])
        let siteOld = OperationsScans.recorded.split(separator: "\n").filter { $0.contains("\"record\":\"so-tttt-") }.joined(separator: "\n") + "\n"
        let siteNew = OperationsScans.broken.split(separator: "\n").filter { $0.contains("\"record\":\"so-tttt-") }.joined(separator: "\n") + "\n"
        try box.write("reports/scans/20240516T010000Z.jsonl", siteOld)
        try box.write("reports/scans/20240516T010000Z.summary.json", OperationsScans.summary("20240516T010000Z", site: "so-tttt-ttthdl"))
        try box.write("reports/scans/20240517T010000Z.jsonl", siteNew)
        try box.write("reports/scans/20240517T010000Z.summary.json", OperationsScans.summary("20240517T010000Z", site: "so-tttt-ttthdl"))
        let run = box.run("check", "--inventory", "inv", "--date", "2022-06-30", "--json")
        let json = try JSONParser.parse(run.out).value
        #expect(json["scans"] == .array([.string("reports/scans/20240515T020000Z.jsonl"), .string("reports/scans/20240517T010000Z.jsonl")]))
        #expect(json["previous"] == .array([.string("reports/scans/20240515T020000Z.jsonl"), .string("reports/scans/20240516T010000Z.jsonl")]))
        #expect(json["drift"]?["regressions"] == .number(2))
        #expect(run.code == .findings)
    }
}
