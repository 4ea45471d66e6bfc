import Foundation
import V6Core

/// The nftables rules of one lab namespace: one `inet` table named `v6lab` with up to three base chains. Rendered
/// from typed values only (addresses, ports, percentages), fed to `nft -f` and gone with the namespace.
public struct LabFirewall: Hashable, Sendable {
    /// Rules on packets addressed to the namespace itself.
    var input: [String] = []
    /// Rules on packets the namespace routes (the router).
    var forward: [String] = []
    /// Rules on packets the namespace sends, including the ICMP errors the kernel generates.
    var output: [String] = []

    var isEmpty: Bool { input.isEmpty && forward.isEmpty && output.isEmpty }

    /// The table as `nft -f` reads it.
    func render() -> String {
        var text = "table inet v6lab {\n"
        for (name, rules) in [("input", input), ("forward", forward), ("output", output)] where !rules.isEmpty {
            text += "    chain \(name) {\n"
            text += "        type filter hook \(name) priority 0; policy accept;\n"
            for rule in rules { text += "        \(rule)\n" }
            text += "    }\n"
        }
        return text + "}\n"
    }

    // MARK: - Rule builders

    /// Drops echo requests of `family` (echo-filtered hosts).
    static func dropEchoRequests(_ family: AddressFamily) -> String {
        family == .v4 ? "icmp type echo-request drop" : "icmpv6 type echo-request drop"
    }

    /// Drops TCP segments to `ports` without answering (filtered ports).
    static func dropTCP(ports: [Int]) -> String {
        "tcp dport \(set(ports.map(String.init))) drop"
    }

    /// Drops TCP segments to `ports` over one family only: the firewall rule that was not mirrored (issue 19).
    public static func dropTCP(ports: [Int], family: AddressFamily) -> String {
        "meta nfproto \(family == .v4 ? "ipv4" : "ipv6") tcp dport \(set(ports.map(String.init))) drop"
    }

    /// Drops TCP segments to `ports` of one address only (its other family still answers).
    public static func dropTCP(ports: [Int], to address: IPAddress) -> String {
        "\(address.family == .v4 ? "ip" : "ip6") daddr \(address) tcp dport \(set(ports.map(String.init))) drop"
    }

    /// Loads `rules` as the input chain of a table of their own (`v6lab_<table>`) in lab namespace `namespace`; the
    /// table goes with the namespace.
    public static func apply(input rules: [String], table: String, in namespace: String) throws {
        guard table.utf8.allSatisfy({ LabNames.isLowerAlphanumeric($0) || $0 == UInt8(ascii: "_") }) else {
            throw LabError.invalidSpec("nftables table name \(String(reflecting: table)) must be lower-case letters, digits and _")
        }
        let text = LabFirewall(input: rules).render().replacingOccurrences(of: "table inet v6lab {", with: "table inet v6lab_\(table) {")
        try LabCommand.check(inNamespace: namespace, .nft, ["-f", "-"], input: text)
    }

    /// Rejects everything to `addresses` with admin-prohibited (ICMP type 3 code 13, ICMPv6 type 1 code 1).
    static func rejectAdminProhibited(_ addresses: [IPAddress], _ family: AddressFamily) -> String {
        family == .v4
            ? "ip daddr \(set(addresses)) reject with icmp type admin-prohibited"
            : "ip6 daddr \(set(addresses)) reject with icmpv6 type admin-prohibited"
    }

    /// Drops `percent` % of packets from (`source` true) or to `addresses`, at random.
    static func randomLoss(_ addresses: [IPAddress], _ family: AddressFamily, percent: Int, source: Bool) -> String {
        let selector = (family == .v4 ? "ip " : "ip6 ") + (source ? "saddr" : "daddr")
        return "\(selector) \(set(addresses)) numgen random mod 100 < \(percent) drop"
    }

    /// Drops `percent` % of all packets at random (bulk namespace, both hooks).
    static func randomLoss(percent: Int) -> String {
        "numgen random mod 100 < \(percent) drop"
    }

    /// The PMTU black hole: the router's own Packet Too Big and fragmentation-needed messages never leave it.
    static let dropPacketTooBig = [
        "icmp type destination-unreachable icmp code frag-needed drop",
        "icmpv6 type packet-too-big drop",
    ]

    private static func set(_ items: [some CustomStringConvertible]) -> String {
        "{ " + items.map(\.description).joined(separator: ", ") + " }"
    }
}
