@testable import V6Core

/// A small agency with one of each case the assessment and the planner must handle, and a scan of it.
enum ReadinessFixture {
    static func a(_ s: String) -> IPAddress { IPAddress(s)! }
    static func p(_ s: String) -> IPPrefix { IPPrefix(s)! }

    static let catalog = CapabilityCatalog(entries: [
        CatalogEntry(vendor: "Cisco", model: "ISR 4*", ipv6: .yes, replacementCost: 150_000_000),
        CatalogEntry(vendor: "Fortinet", model: "FortiGate*", ipv6: .yes),
        CatalogEntry(vendor: "Cisco", model: "Catalyst 9300*", ipv6: .yes),
        CatalogEntry(vendor: "Dell", model: "OptiPlex*", ipv6: .yes),
        CatalogEntry(vendor: "Cisco", model: "Catalyst 2960-*", ipv6: .upgrade, minVersion: "15.0.2", replacementCost: 35_000_000),
        CatalogEntry(vendor: "Cisco", model: "Catalyst 2950*", ipv6: .no, replacementCost: 15_000_000),
        CatalogEntry(vendor: "Canonical", model: "Ubuntu Server", ipv6: .yes),
    ])

    static func agency(id: String = "so-a", extraSegments: [Segment] = [], extraDevices: [Device] = [], extraServices: [Service] = []) -> AgencyFile {
        AgencyFile(
            agency: Agency(id: id, name: "Sở \"A\" & Co", kind: .department, parent: nil),
            sites: [Site(id: "a-hq", name: "Trụ sở")],
            segments: [
                Segment(id: "a-edge", name: "Biên Internet", site: "a-hq", kind: .internetEdge, ipv4: [p("198.51.100.0/28")], ipv6: [p("2001:db8:a00:100::/64")]),
                Segment(id: "a-lan", name: "LAN", site: "a-hq", kind: .lan, ipv4: [p("192.0.2.0/25")], ipv6: [p("2001:db8:a00:101::/64")]),
                Segment(id: "a-dmz", name: "DMZ", site: "a-hq", kind: .dmz, ipv4: [p("203.0.113.0/28")], ipv6: []),
            ] + extraSegments,
            devices: [
                Device(id: "a-rt", name: "Router", role: .router, vendor: "Cisco", model: "ISR 4431", segment: "a-edge",
                       ipv4: [a("198.51.100.1")], ipv6: [a("2001:db8:a00:100::1")]),
                Device(id: "a-fw", name: "Firewall", role: .firewall, vendor: "Fortinet", model: "FortiGate 100F", segment: "a-edge",
                       ipv4: [a("198.51.100.2")], ipv6: [a("2001:db8:a00:100::2")]),
                Device(id: "a-core", name: "Core", role: .l3Switch, vendor: "Cisco", model: "Catalyst 9300-48P", segment: "a-lan",
                       ipv4: [a("192.0.2.1")], ipv6: [a("2001:db8:a00:101::1")]),
                Device(id: "a-pc1", name: "PC 1", role: .workstation, vendor: "Dell", model: "OptiPlex 7090", segment: "a-lan",
                       ipv4: [a("192.0.2.10")], ipv6: [a("2001:db8:a00:101::10")]),
                Device(id: "a-pc2", name: "PC 2", role: .workstation, vendor: "Dell", model: "OptiPlex 7090", segment: "a-lan",
                       ipv4: [a("192.0.2.11")], ipv6: [a("2001:db8:a00:101::11")]),
                Device(id: "a-sw-old", name: "Old switch", role: .switch, vendor: "Cisco", model: "Catalyst 2960-24TT-L", version: "12.2(55)SE",
                       segment: "a-lan", ipv4: [a("192.0.2.20")]),
                Device(id: "a-sw-ancient", name: "Ancient switch", role: .switch, vendor: "Cisco", model: "Catalyst 2950-24",
                       segment: "a-lan", ipv4: [a("192.0.2.21")]),
                Device(id: "a-printer", name: "Printer", role: .printer, vendor: "Acme", model: "Mystery 1", segment: "a-lan",
                       ipv4: [a("192.0.2.30")]),
                Device(id: "a-web", name: "Web server", role: .server, vendor: "Canonical", model: "Ubuntu Server", segment: "a-lan",
                       ipv4: [a("192.0.2.40")]),
                Device(id: "a-dns", name: "DNS server", role: .server, vendor: "Canonical", model: "Ubuntu Server", segment: "a-dmz",
                       ipv4: [a("203.0.113.4")]),
            ] + extraDevices,
            services: [
                Service(id: "a-ns1", name: "ns1", kind: .dns, category: "dns", hostname: "ns1.a.example", ports: [53],
                        ipv4: [a("203.0.113.4")], audience: .public, device: "a-dns"),
                Service(id: "a-portal", name: "Cổng thông tin <điện tử>", kind: .web, category: "e-portal", hostname: "www.a.example", ports: [443],
                        ipv4: [a("203.0.113.5")], audience: .public, device: "a-web"),
                Service(id: "a-app", name: "App", kind: .app, hostname: "app.a.example", ports: [443],
                        ipv4: [a("192.0.2.10")], ipv6: [a("2001:db8:a00:101::10")], audience: .internal, device: "a-pc1"),
            ] + extraServices)
    }

    static func inventory(_ files: [AgencyFile]? = nil) -> Inventory {
        Inventory(manifest: InventoryManifest(name: "Tỉnh Thử", scope: Scope(ipv4: [p("192.0.2.0/24"), p("198.51.100.0/24"), p("203.0.113.0/24")],
                                                                             ipv6: [p("2001:db8::/32")]),
                                              ipv6Allocation: p("2001:db8:a00::/48")),
                  agencyFiles: files ?? [agency()])
    }

    static func probe(_ record: String, _ address: String, _ method: String, _ status: String, port: Int? = nil) -> String {
        let fam = address.contains(":") ? 6 : 4
        let portText = port.map { ",\"port\":\($0)" } ?? ""
        return "{\"target\":\"\(record)\",\"address\":\"\(address)\",\"family\":\(fam),\"method\":\"\(method)\"\(portText),\"status\":\"\(status)\",\"sent\":1,\"received\":1,\"record\":\"\(record)\"}"
    }

    /// a-pc2's IPv6 times out while IPv4 answers; a-app's ICMPv6 is dropped while TCP over IPv6 works.
    static let scanLines = [
        probe("a-rt", "198.51.100.1", "icmp", "reachable"),
        probe("a-rt", "2001:db8:a00:100::1", "icmp", "reachable"),
        probe("a-fw", "198.51.100.2", "icmp", "reachable"),
        probe("a-fw", "2001:db8:a00:100::2", "icmp", "reachable"),
        probe("a-core", "192.0.2.1", "icmp", "reachable"),
        probe("a-core", "2001:db8:a00:101::1", "icmp", "reachable"),
        probe("a-pc1", "192.0.2.10", "icmp", "reachable"),
        probe("a-pc1", "2001:db8:a00:101::10", "icmp", "reachable"),
        probe("a-pc2", "192.0.2.11", "icmp", "reachable"),
        probe("a-pc2", "2001:db8:a00:101::11", "icmp", "timeout"),
        probe("a-sw-old", "192.0.2.20", "icmp", "reachable"),
        probe("a-sw-ancient", "192.0.2.21", "icmp", "timeout"),
        probe("a-web", "192.0.2.40", "icmp", "reachable"),
        probe("a-dns", "203.0.113.4", "icmp", "reachable"),
        probe("a-app", "2001:db8:a00:101::10", "icmp", "timeout"),
        probe("a-app", "192.0.2.10", "tcp", "reachable", port: 443),
        probe("a-app", "2001:db8:a00:101::10", "tcp", "reachable", port: 443),
        probe("a-portal", "203.0.113.5", "tcp", "reachable", port: 443),
        "{\"type\":\"service\",\"record\":\"a-portal\",\"verdict\":\"red\",\"checks\":[]}",
    ]

    static func scan() throws -> ScanData {
        try ScanData.parse(Array((scanLines.joined(separator: "\n") + "\n").utf8), name: "20230515T020000Z.jsonl").get()
    }

    static func assessment(scan: ScanData? = nil, inventory: Inventory = inventory()) -> Assessment {
        Assessor.assess(inventory, catalog: catalog, scan: scan, program: ProgramCodec.shipped)
    }
}
