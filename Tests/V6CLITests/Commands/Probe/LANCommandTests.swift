import Foundation
import Testing
import V6TestSupport
@testable import V6CLI
import V6Core
import V6Lab
import V6System

/// `v6ready lan` and `scan --lan` through the real executable, on a bridged lab segment with real radvd and dnsmasq:
/// every finding code, and a rogue radvd started between two scans as drift's first regression.
@Suite("LAN audit through the executable", .serialized)
struct LANCommandTests {
    static let gate: (Bool, String) = {
        let support = Lab.isSupported()
        if !support.supported { return (false, support.reason) }
        if let missing = LabServerProgram.missing([.radvd, .dnsmasq]) { return (false, missing) }
        if !rawSocketsAvailable.0 { return (false, rawSocketsAvailable.1) }
        return (true, "")
    }()

    static func note() {
        if !gate.0 { print("LANCommandTests: skipping the lab tests: \(gate.1)") }
    }

    /// An inventory whose LAN is the lab segment: its router and the NAT64 box are the segment's routers.
    static func writeInventory(_ box: Sandbox, _ name: String, lab: LabLAN, dhcpv6: Bool = true) throws {
        try box.write("\(name)/inventory.json", """
            {"schema": 1, "name": "Tỉnh Thử LAN", "scope": {"ipv4": ["192.0.2.0/24"], "ipv6": ["2001:db8::/32"]}}
            """)
        try box.write("\(name)/agencies/p.json", """
            {"schema": 1, "agency": {"id": "p", "name": "Sở Thử nghiệm", "kind": "province"},
             "sites": [{"id": "p-hq", "name": "Trụ sở"}],
             "segments": [{"id": "p-lan", "name": "LAN tầng 2", "site": "p-hq", "kind": "lan", "ipv4": [], "ipv6": ["\(lab.prefix)"],
                           "routers": ["p-rtr1", "p-nat64"], "address_assignment": "slaac", "dhcpv6": \(dhcpv6)}],
             "devices": [
               {"id": "p-rtr1", "name": "Router", "role": "router", "vendor": "Cisco", "model": "ISR 4331", "segment": "p-lan",
                "ipv4": [], "ipv6": ["\(lab.address(.router)!)"]},
               {"id": "p-nat64", "name": "NAT64", "role": "router", "vendor": "Jool", "model": "Linux", "segment": "p-lan",
                "ipv4": [], "ipv6": ["\(lab.address(.nat64)!)"]}],
             "services": []}
            """)
    }

    /// `v6ready lan IFACE --json` from the lab's client namespace; the verdict object and the exit status.
    static func lan(_ box: Sandbox, _ lab: LabLAN, inventory: String = "inv", segment: String? = nil) throws -> (Int32, JSONValue) {
        let run = try runV6ready(["lan", lab.interface(.client), "--netns", lab.namespace(.client), "--inventory", inventory,
                                  "--listen", "2", "--json"] + (segment.map { ["--segment", $0] } ?? []), in: box.directory)
        let value = try JSONParser.parse(run.out.trimmingCharacters(in: .whitespacesAndNewlines)).value
        return (run.status, value)
    }

    static func codes(_ value: JSONValue) -> [String] {
        (value["findings"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }.filter { $0 != "unknown-neighbour" }
    }

    static func goodRouter(_ lab: LabLAN) -> LabLANRouter {
        LabLANRouter(prefixes: [lab.prefix], otherConfiguration: true, mtu: 1500, dnsServers: [IPAddress("2001:db8:a10:1::53")!],
                     searchDomains: ["p.vidu.example"])
    }

    @Test("usage errors: no interface, a bad name, an unknown segment, LAN options without --lan")
    func usage() throws {
        let box = try Sandbox()
        #expect(box.run("lan").code == .usage)
        #expect(box.run("lan", "eth0;rm").code == .usage)
        _ = box.run("init", "inv", "--agency-id", "p")
        let unknown = box.run("lan", "eth0", "--inventory", "inv", "--segment", "nope")
        #expect(unknown.code == .usage)
        #expect(unknown.err.contains("--segment 'nope' is not a segment of this inventory"), "\(unknown.err)")
        let stray = box.run("scan", "--inventory", "inv", "--segment", "p-lan")
        #expect(stray.code == .usage && stray.err.contains("--segment applies to the LAN audit: add --lan IFACE"), "\(stray.err)")
        #expect(box.run("lan", "--help").out.contains("rogue-ra"))
    }

    @Test("every finding code from real radvd and dnsmasq, through v6ready lan --json", .enabled(if: gate.0))
    func everyFindingCode() throws {
        try LabLAN.with { lab in
            let box = try Sandbox()
            try Self.writeInventory(box, "inv", lab: lab)
            try Self.writeInventory(box, "inv-no-dhcpv6", lab: lab, dhcpv6: false)

            try lab.startRadvd(in: .router, Self.goodRouter(lab))
            try lab.startDHCPv6(in: .router, LabLANDHCPv6(range: nil, dnsServers: [IPAddress("2001:db8:a10:1::53")!]))
            let (status, green) = try Self.lan(box, lab)
            #expect(status == 0 && green["verdict"]?.stringValue == "green", "\(JSONWriter.compact(green))")
            #expect(green["segment"]?.stringValue == "p-lan", "the segment is found from the prefix the router announces")
            #expect(green["routers"]?.arrayValue?.first?["device"]?.stringValue == "p-rtr1")
            #expect(green["dhcpv6"]?["servers"]?.arrayValue?.first?["dns"]?.arrayValue?.first?.stringValue == "2001:db8:a10:1::53")
            let unknown = (green["findings"]?.arrayValue ?? []).filter { $0["code"]?.stringValue == "unknown-neighbour" }
            #expect(unknown.count == 2, "the stranger and the rogue box: \(unknown.map(JSONWriter.compact))")

            try lab.startRadvd(in: .rogue, LabLANRouter(prefixes: [lab.roguePrefix]))
            let (rogueStatus, rogue) = try Self.lan(box, lab)
            #expect(rogueStatus == 1 && Self.codes(rogue) == ["rogue-ra"], "\(JSONWriter.compact(rogue))")
            lab.stop(.radvd, in: .rogue)

            var small = Self.goodRouter(lab)
            small.mtu = 1400
            try lab.startRadvd(in: .router, small)
            #expect(Self.codes(try Self.lan(box, lab).1) == ["mtu-mismatch"])

            var managed = Self.goodRouter(lab)
            managed.managed = true
            try lab.startRadvd(in: .router, managed)
            #expect(Self.codes(try Self.lan(box, lab).1) == ["managed-without-dhcpv6"])

            lab.stop(.dnsmasq, in: .router)
            try lab.startRadvd(in: .router, Self.goodRouter(lab))
            try lab.startDHCPv6(in: .rogue, LabLANDHCPv6(range: (IPAddress("2001:db8:a10:1::1000")!, IPAddress("2001:db8:a10:1::10ff")!)))
            #expect(Self.codes(try Self.lan(box, lab, inventory: "inv-no-dhcpv6").1) == ["dhcpv6-rogue"])
            lab.stop(.dnsmasq, in: .rogue)

            try lab.startPREF64Announcer()
            let (pref64Status, pref64) = try Self.lan(box, lab)
            #expect(pref64Status == 0 && Self.codes(pref64) == ["pref64"], "\(JSONWriter.compact(pref64))")
            lab.stopPREF64Announcer()

            try lab.startRadvd(in: .router, LabLANRouter(prefixes: [lab.prefix, IPPrefix("2001:db8:a10:2::/64")!], lifetime: 0))
            #expect(Self.codes(try Self.lan(box, lab).1) == ["zero-lifetime", "no-dns", "ra-prefix-outside-segment"])
            // Only another segment's prefix: no segment to infer, so it is named.
            try lab.startRadvd(in: .router, LabLANRouter(prefixes: [IPPrefix("2001:db8:a10:2::/64")!]))
            #expect(Self.codes(try Self.lan(box, lab, segment: "p-lan").1) == ["no-address", "no-dns", "ra-prefix-outside-segment"])

            lab.stop(.radvd, in: .router)
            #expect(Self.codes(try Self.lan(box, lab, segment: "p-lan").1) == ["no-ra"])
        }
    }

    @Test("a rogue radvd started between two scans is the first regression of drift, and check fails no-rogue-ra", .enabled(if: gate.0))
    func rogueBetweenScans() throws {
        try LabLAN.with { lab in
            let box = try Sandbox()
            try Self.writeInventory(box, "inv", lab: lab)
            try box.write("policy.json", "{\"schema\": 1, \"rules\": [{\"rule\": \"no-rogue-ra\"}, {\"rule\": \"lan-ipv6-dns\"}]}")
            try lab.startRadvd(in: .router, Self.goodRouter(lab))
            let scan = ["scan", "--inventory", "inv", "--netns", lab.namespace(.client), "--lan", lab.interface(.client),
                        "--listen", "2", "--timeout", "300", "--retries", "1", "--no-services"]
            let first = try runV6ready(scan, in: box.directory)
            #expect(first.status == 0, "\(first.out)\(first.err)")
            #expect(first.out.contains("LAN \(lab.interface(.client)) (segment p-lan): GREEN"), "\(first.out)")
            let clean = box.run("check", "--inventory", "inv", "--policy", "policy.json", "--date", "2024-06-30")
            #expect(clean.out.contains("PASS no-rogue-ra"), "\(clean.out)")

            try lab.startRadvd(in: .rogue, LabLANRouter(prefixes: [lab.roguePrefix], dnsServers: [IPAddress("2001:db8:66:1::53")!]))
            Thread.sleep(forTimeInterval: 1.1)  // scans are named by the second they start
            let second = try runV6ready(scan, in: box.directory)
            #expect(second.status == 0, "\(second.err)")
            let drift = box.run("drift", "--inventory", "inv")
            #expect(drift.code == .findings, "\(drift.out)\(drift.err)")
            let lines = drift.out.split(separator: "\n").map(String.init)
            #expect(lines.count > 2 && lines[1].hasPrefix("  REGRESSION: new rogue router advertisement on p-lan (\(lab.interface(.client))): rogue router advertisement from fe80::"), "\(drift.out)")
            #expect(lines[1].contains(lab.roguePrefix.description))
            let check = box.run("check", "--inventory", "inv", "--policy", "policy.json", "--date", "2024-06-30")
            #expect(check.code == .findings)
            #expect(check.out.contains("FAIL no-rogue-ra: 1 rogue router advertisement on the LANs audited"), "\(check.out)")
            #expect(check.out.contains("PASS lan-ipv6-dns"), "\(check.out)")
        }
    }
}
