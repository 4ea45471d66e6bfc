/// Which records a scan taken from an IPv6-only vantage (no IPv4 route, names through DNS64) saw working: probe
/// lines with `"vantage":"ipv6-only"` that answered, and services whose IPv6-only verdict is `native` (through
/// NAT64 a service still works, but it is not IPv6-only itself). The plan's "IPv6-only working" and the policy
/// rule `ipv6-only-percent` count these.
public enum IPv6OnlyVantage {
    public static let word = ScanVantage.ipv6Only.rawValue

    /// Record id → the first line of `scan` that shows it working from an IPv6-only vantage.
    public static func verifiedRecords(in scan: ScanData) -> [String: Int] {
        var found: [String: Int] = [:]
        for probe in scan.probes where probe.result.vantage == .ipv6Only && probe.hostAnswered {
            guard let record = probe.result.record else { continue }
            found[record] = min(found[record] ?? Int.max, probe.line)
        }
        for (record, verdict) in scan.ipv6OnlyVerdicts where verdict.verdict == .native {
            found[record] = min(found[record] ?? Int.max, verdict.line)
        }
        return found
    }

    /// The records any of `scans` saw working IPv6-only (each scan on its own: a merge keeps one result per key).
    public static func verifiedRecords(in scans: [ScanData]) -> Set<String> {
        Set(scans.flatMap { verifiedRecords(in: $0).keys })
    }
}
