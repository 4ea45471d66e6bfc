import Testing
@testable import V6Core

/// Issue 13 items 3 and 9 for the operations readers: policy, NetBox, nmap.
@Suite("Operations hardening: out-of-range numbers in policies and NetBox files, nmap unfiltered")
struct OperationsInputHardeningTests {
    func policyMessages(_ text: String) -> [String] {
        guard case .failure(let failure) = PolicyCodec.load(Array(text.utf8), file: "policy.json") else { return [] }
        return failure.diagnostics.map(\.description)
    }

    @Test("policy \"hours\": 1e300, 0 and -1 are refused with file:line: path: VALUE")
    func hours() {
        for value in ["1e300", "0", "-1"] {
            let messages = policyMessages("{\"schema\": 1, \"name\": \"p\", \"rules\": [\n{\"rule\": \"max-scan-age\", \"hours\": \(value)}]}")
            #expect(messages.contains { $0.hasPrefix("policy.json:2: rules[0].hours: ") && $0.contains("is not a number of hours") }, "\(value): \(messages)")
        }
        #expect(policyMessages("{\"schema\": 1, \"name\": \"p\", \"rules\": [{\"rule\": \"max-scan-age\", \"hours\": 26}]}").isEmpty)
    }

    @Test("policy \"percent\": 1e19 is refused")
    func percent() {
        let messages = policyMessages("{\"schema\": 1, \"name\": \"p\", \"rules\": [\n{\"rule\": \"dual-stack-percent\", \"percent\": 1e19}]}")
        #expect(messages == ["policy.json:2: rules[0].percent: 1e+19 is not a percentage from 0 to 100"], "\(messages)")
    }

    @Test("NetBox {\"count\": 1e19} and vid 1e999 are refused, not trapped on")
    func netBoxNumbers() {
        guard case .failure(let count) = NetBoxReader.read(Array("{\"count\": 1e19, \"results\": []}".utf8), name: "devices.json") else {
            Issue.record("count 1e19 accepted"); return
        }
        #expect(count.diagnostics.map(\.description) == ["netbox devices.json: count: 1e+19 is not a count of results"])
        guard case .failure(let vid) = NetBoxReader.read(Array("{\"count\": 1, \"results\": [{\"vid\": 1e999, \"name\": \"v\"}]}".utf8), name: "vlans.json") else {
            Issue.record("vid 1e999 accepted"); return
        }
        #expect(vid.diagnostics.map(\.description).contains { $0.contains("1e999 is too large a number") }, "\(vid.diagnostics)")
        guard case .failure(let vid19) = NetBoxReader.read(Array("{\"count\": 1, \"results\": [{\"vid\": 1e19, \"name\": \"v\"}]}".utf8), name: "vlans.json") else {
            Issue.record("vid 1e19 accepted"); return
        }
        #expect(vid19.diagnostics.map(\.description).contains { $0.contains("vid: 1e+19 is not a VLAN id") }, "\(vid19.diagnostics)")
    }

    @Test("nmap's unfiltered (an ACK scan's reset) is an answer, refused, not an error")
    func unfiltered() throws {
        let xml = """
        <?xml version="1.0"?>
        <nmaprun scanner="nmap" start="1716000000"><host><status state="up" reason="echo-reply"/><address addr="2001:db8::20" addrtype="ipv6"/>
        <ports><port protocol="tcp" portid="443"><state state="unfiltered" reason="reset"/></port></ports></host></nmaprun>
        """
        let run = try NmapXMLReader.parse(Array(xml.utf8), file: "ack.xml")
        let lines = NmapMapping.lines(run, file: "ack.xml").lines
        let tcp = try #require(lines.first { $0.method == .tcp })
        #expect(tcp.status == .refused)
        #expect(tcp.detail == "nmap unfiltered (reset)")
    }
}
