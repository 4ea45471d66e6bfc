/// Where a scan looked from: a host with both families, or a client that has no IPv4 at all — the question of the
/// 2026–2030 program ("does it still work without IPv4?"), which a dual-stack scanner cannot answer.
/// Written as `"vantage"` on every probe, service and summary line (docs/scan-format.md).
public enum ScanVantage: String, Sendable, CaseIterable, CustomStringConvertible {
    /// IPv4 and IPv6 both available: the default, and what lines written before the field existed mean.
    case dualStack = "dual-stack"
    /// No IPv4 address or route: nothing is sent over IPv4, names resolve through an IPv6-reachable resolver.
    case ipv6Only = "ipv6-only"

    public var description: String { rawValue }

    /// The `detail` of an IPv4 target's line from an IPv6-only vantage, and the reason its checks give.
    public static let ipv4NotSent = "not sent: IPv6-only vantage (no IPv4 from here)"

    /// The value of a line's `vantage` member; absent (old lines) is dual-stack, an unknown word is nil.
    public static func reading(_ value: JSONValue?) -> ScanVantage? {
        guard let value else { return .dualStack }
        guard let word = value.stringValue else { return nil }
        return ScanVantage(rawValue: word)
    }
}
