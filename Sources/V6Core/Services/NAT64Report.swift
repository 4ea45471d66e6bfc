/// What an IPv6-only vantage learnt about its network's translator: the NAT64 prefixes from DNS64 (RFC 7050) and
/// from router advertisements (RFC 8781), and the findings between them. The `{"type":"nat64",...}` scan line.
public struct NAT64Report: Sendable, Equatable {
    public var vantage: ScanVantage
    /// The resolver asked for `ipv4only.arpa` (text as given).
    public var resolvers: [String]
    /// From DNS64; nil when it was not asked (no resolver).
    public var dns64: [NAT64Prefix]?
    /// Why DNS64 gave nothing (NODATA, timeout), when it did.
    public var dns64Note: String?
    /// From PREF64 options; nil when no link was listened on.
    public var pref64: [NAT64Prefix]?
    /// The interface listened on for PREF64.
    public var interface: String?

    public init(vantage: ScanVantage, resolvers: [String], dns64: [NAT64Prefix]?, dns64Note: String? = nil,
                pref64: [NAT64Prefix]? = nil, interface: String? = nil) {
        self.vantage = vantage; self.resolvers = resolvers; self.dns64 = dns64; self.dns64Note = dns64Note
        self.pref64 = pref64; self.interface = interface
    }

    /// Every prefix known, each with its source, DNS64 first.
    public var discovered: [DiscoveredNAT64Prefix] {
        (dns64 ?? []).map { DiscoveredNAT64Prefix($0, source: .dns64) }
            + (pref64 ?? []).map { DiscoveredNAT64Prefix($0, source: .pref64) }
    }

    /// The prefixes an address is judged "translated" by: both sources (a synthesized AAAA uses DNS64's; a client
    /// doing its own synthesis, RFC 8781's).
    public var prefixes: [NAT64Prefix] {
        var seen: [NAT64Prefix] = []
        for p in discovered.map(\.prefix) where !seen.contains(p) { seen.append(p) }
        return seen
    }

    /// Stable finding codes: `pref64-dns64-mismatch` when both sources answered and disagree, `no-dns64` when
    /// the resolver synthesizes nothing (IPv4-only services are then broken for these clients).
    public var findings: [(code: String, message: String)] {
        var result: [(String, String)] = []
        if let dns64, let pref64, !dns64.isEmpty, !pref64.isEmpty, Set(dns64) != Set(pref64) {
            result.append(("pref64-dns64-mismatch", "router advertisements announce NAT64 prefix "
                + pref64.map(\.description).joined(separator: ", ") + " but DNS64 synthesizes with "
                + dns64.map(\.description).joined(separator: ", ")
                + ": clients that synthesize themselves (RFC 8781) and clients that trust DNS64 use different translators"))
        }
        if let dns64, dns64.isEmpty {
            result.append(("no-dns64", "the resolver synthesizes no AAAA for ipv4only.arpa"
                + (dns64Note.map { " (\($0))" } ?? "") + ": IPv4-only services are unreachable by name from IPv6-only clients"))
        }
        return result
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("type", "nat64")
        o.add("resolvers", strings: resolvers)
        if let dns64 { o.add("dns64", .array(dns64.map(Self.json))) }
        o.addIfPresent("dns64_note", dns64Note)
        o.addIfPresent("interface", interface)
        if let pref64 { o.add("pref64", .array(pref64.map(Self.json))) }
        o.add("findings", .array(findings.map { .object([("code", .string($0.code)), ("message", .string($0.message))]) }))
        o.add("vantage", vantage.rawValue)
        return o.value
    }

    static func json(_ prefix: NAT64Prefix) -> JSONValue {
        .object([("prefix", .string(prefix.description)), ("length", .number(Double(prefix.length))), ("kind", .string(prefix.kind))])
    }

    public var jsonLine: String { JSONWriter.compact(json) }

    /// `NAT64 64:ff9b::/96 (well-known, from DNS64)` lines for people.
    public var text: String {
        var lines = discovered.map { "NAT64 prefix \($0.prefix) (\($0.prefix.kind), /\($0.prefix.length), from \($0.source == .dns64 ? "DNS64, RFC 7050" : "router advertisement PREF64, RFC 8781"))" }
        if discovered.isEmpty { lines.append("no NAT64 prefix found" + (dns64Note.map { ": \($0)" } ?? "")) }
        lines += findings.map { "finding \($0.code): \($0.message)" }
        return lines.joined(separator: "\n")
    }
}
