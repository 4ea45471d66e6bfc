/// Several scans read as one: each district or site scans its own LAN (`scan --site NAME`), and the province
/// assesses the union. For every (record, address, method, port) the newest scan's line wins, so a fresh scan of one
/// site replaces that site's old results without hiding the other sites' results.
public enum ScanMerge {
    /// Merges `scans`. Newer means a later time in the file name (`20240515T020000Z.jsonl`); scans without one, and
    /// scans with the same time, count in the order given (later wins). Service verdicts follow the same rule.
    /// One scan comes back unchanged. The merged scan's name lists the files, oldest first, and its time is the
    /// newest; its line numbers are those of the file each line came from.
    public static func merge(_ scans: [ScanData]) -> ScanData {
        guard scans.count > 1 else { return scans.first ?? ScanData(name: "(no scan)", time: nil, probes: []) }
        let ordered = scans.enumerated().sorted { a, b in
            (a.element.time ?? "", a.offset) < (b.element.time ?? "", b.offset)
        }.map(\.element)

        var winner: [ResultKey: (scan: Int, line: Int)] = [:]
        for (index, scan) in ordered.enumerated() {
            for probe in scan.probes { winner[ResultKey(probe.result)] = (index, probe.line) }
        }
        var probes: [ScanProbe] = []
        for (index, scan) in ordered.enumerated() {
            for probe in scan.probes {
                if let w = winner[ResultKey(probe.result)], w.scan == index, w.line == probe.line { probes.append(probe) }
            }
        }
        // A service's colour is what dual-stack clients see: a newer scan from an IPv6-only vantage (where an
        // IPv4-only service may look fine through NAT64) adds its IPv6-only verdict but does not replace the
        // colour or the report of a dual-stack scan.
        var verdicts: [String: ScanServiceVerdict] = [:]
        var reports: [String: ServiceReport] = [:]
        var unrecorded: [ServiceReport] = []
        var ipv6Only: [String: ScanIPv6OnlyVerdict] = [:]
        for scan in ordered {
            for (record, verdict) in scan.serviceVerdicts
            where verdict.vantage == .dualStack || verdicts[record].map({ $0.vantage == .ipv6Only }) ?? true {
                verdicts[record] = verdict
            }
            for report in scan.serviceReports {
                guard let record = report.record else { unrecorded.append(report); continue }
                if report.vantage == .dualStack || reports[record].map({ $0.vantage == .ipv6Only }) ?? true {
                    reports[record] = report
                }
            }
            for (record, verdict) in scan.ipv6OnlyVerdicts { ipv6Only[record] = verdict }
        }
        let name = ordered.map(\.name).joined(separator: " + ")
        let time = ordered.compactMap(\.time).max()
        let vantage: ScanVantage = ordered.contains { $0.vantage == .ipv6Only } ? .ipv6Only : .dualStack
        var merged = ScanData(name: name, time: time, probes: probes, serviceVerdicts: verdicts,
                              serviceReports: reports.values.sorted { ($0.record ?? "") < ($1.record ?? "") } + unrecorded,
                              vantage: vantage, ipv6OnlyVerdicts: ipv6Only)
        // The security audit is one picture of the firewall: the newest dual-stack scan that ran it (an IPv6-only
        // vantage cannot compare the families), else the newest that did.
        merged.security = (ordered.last { !$0.security.isEmpty && $0.vantage == .dualStack }
            ?? ordered.last { !$0.security.isEmpty })?.security ?? ScanSecurity()
        return merged
    }

    /// What identifies one result across scans.
    struct ResultKey: Hashable {
        var record: String
        var address: IPAddress
        var method: ProbeMethod
        var port: Int

        init(_ r: ProbeResult) {
            record = r.record ?? ""
            address = r.address
            method = r.method
            port = r.port ?? 0
        }
    }
}
