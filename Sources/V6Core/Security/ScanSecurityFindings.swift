extension ScanData {
    /// Every security finding of the scan as the reports' "Security" section lists them: the security lines'
    /// findings (parity, ICMPv6, TLS, management), then each service whose zone's DNSSEC chain is bogus — a signed
    /// zone that validating resolvers refuse, which the portal rules (signed zones) count as a failure.
    public var securityFindingLines: [(record: String, code: String, message: String)] {
        var lines = security.findingLines
        for report in serviceReports {
            guard let dnssec = report.dnssec, dnssec.status == .bogus else { continue }
            let code = "dnssec-bogus" + (dnssec.reason.map { ":" + $0.rawValue } ?? "")
            lines.append((report.record ?? report.target, code, (dnssec.zone.map { $0 + ": " } ?? "") + dnssec.detail))
        }
        return lines
    }
}
