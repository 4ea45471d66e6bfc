@testable import V6Core

/// Two scans of `ReadinessFixture`'s agency, a day apart, between which things break: the shape of every drift and
/// check test.
enum OperationsFixture {
    static func probe(_ record: String, _ address: String, _ method: String, _ status: String, port: Int? = nil) -> String {
        ReadinessFixture.probe(record, address, method, status, port: port)
    }

    /// The day before: everything with IPv6 answers over IPv6, the app's port too, and the portal is green.
    static let before = [
        probe("a-rt", "198.51.100.1", "icmp", "reachable"),
        probe("a-rt", "2001:db8:a00:100::1", "icmp", "reachable"),
        probe("a-core", "192.0.2.1", "icmp", "reachable"),
        probe("a-core", "2001:db8:a00:101::1", "icmp", "reachable"),
        probe("a-pc1", "192.0.2.10", "icmp", "reachable"),
        probe("a-pc1", "2001:db8:a00:101::10", "icmp", "reachable"),
        probe("a-pc2", "192.0.2.11", "icmp", "timeout"),
        probe("a-pc2", "2001:db8:a00:101::11", "icmp", "timeout"),
        probe("a-app", "192.0.2.10", "tcp", "reachable", port: 443),
        probe("a-app", "2001:db8:a00:101::10", "tcp", "reachable", port: 443),
        probe("a-portal", "203.0.113.5", "tcp", "reachable", port: 443),
        "{\"target\":\"198.51.100.9\",\"address\":\"198.51.100.9\",\"family\":4,\"method\":\"icmp\",\"status\":\"reachable\",\"sent\":1,\"received\":1}",
        "{\"type\":\"service\",\"record\":\"a-app\",\"verdict\":\"green\",\"checks\":[]}",
        "{\"type\":\"service\",\"record\":\"a-portal\",\"verdict\":\"green\",\"checks\":[]}",
    ]

    /// The day after: a firewall change drops IPv6 to the app's port and to the core switch; a-pc2 came back on
    /// IPv4; the portal's verdict fell to yellow; a new host answers; a-rt was not scanned (a site scan).
    static let after = [
        probe("a-core", "192.0.2.1", "icmp", "reachable"),
        probe("a-core", "2001:db8:a00:101::1", "icmp", "timeout"),
        probe("a-pc1", "192.0.2.10", "icmp", "reachable"),
        probe("a-pc1", "2001:db8:a00:101::10", "icmp", "reachable"),
        probe("a-pc2", "192.0.2.11", "icmp", "reachable"),
        probe("a-pc2", "2001:db8:a00:101::11", "icmp", "timeout"),
        probe("a-app", "192.0.2.10", "tcp", "reachable", port: 443),
        "{\"target\":\"a-app\",\"address\":\"2001:db8:a00:101::10\",\"family\":6,\"method\":\"tcp\",\"port\":443,\"status\":\"timeout\",\"detail\":\"no answer\",\"sent\":3,\"received\":0,\"record\":\"a-app\"}",
        probe("a-portal", "203.0.113.5", "tcp", "reachable", port: 443),
        "{\"target\":\"198.51.100.9\",\"address\":\"198.51.100.9\",\"family\":4,\"method\":\"icmp\",\"status\":\"reachable\",\"sent\":1,\"received\":1}",
        "{\"target\":\"rogue.a.example\",\"address\":\"2001:db8:a00:101::99\",\"family\":6,\"method\":\"icmp\",\"status\":\"reachable\",\"sent\":1,\"received\":1}",
        "{\"type\":\"service\",\"record\":\"a-app\",\"verdict\":\"yellow\",\"checks\":[]}",
        "{\"type\":\"service\",\"record\":\"a-portal\",\"verdict\":\"yellow\",\"checks\":[]}",
    ]

    /// `ReadinessFixture`'s inventory made valid: the portal's address (203.0.113.5, in the DMZ) is published by the
    /// DNS server in the DMZ, as a second address that is not the server's own (a VIP).
    static func inventory() -> Inventory {
        var inventory = ReadinessFixture.inventory()
        let i = inventory.agencyFiles[0].services.firstIndex { $0.id == "a-portal" }!
        inventory.agencyFiles[0].services[i].device = "a-dns"
        return inventory
    }

    static func scan(_ lines: [String], name: String) throws -> ScanData {
        try ScanData.parse(Array((lines.joined(separator: "\n") + "\n").utf8), name: name).get()
    }

    static func beforeScan() throws -> ScanData { try scan(before, name: "20240514T020000Z.jsonl") }
    static func afterScan() throws -> ScanData { try scan(after, name: "20240515T020000Z.jsonl") }
}
