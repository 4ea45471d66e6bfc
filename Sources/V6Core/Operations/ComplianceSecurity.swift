/// The security rule of a policy: `no-ipv6-exposure`, judged from the scan's `{"type":"parity",...}` lines.
extension Compliance {
    static func noIPv6Exposure(_ rule: PolicyRule, _ input: Input, _ outcome: inout RuleOutcome) {
        let security = input.scan?.security ?? ScanSecurity()
        let items = Dictionary(input.assessment.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let exposures = security.exposures.filter { line in
            guard !rule.scope.isEmpty else { return true }
            return line.record.flatMap { items[$0] }.map { inScope($0, rule.scope, input.inventory) } ?? false
        }
        outcome.measured = Double(exposures.count)
        if security.isEmpty {
            outcome.status = .failed
            outcome.summary = "the scan has no security audit, so IPv6 exposures were not looked for (scan without --no-parity)"
        } else if exposures.isEmpty {
            outcome.summary = "no port answers over IPv6 that IPv4 filters (\(security.parity.count) parity difference\(security.parity.count == 1 ? "" : "s") in all)"
        } else {
            outcome.status = .failed
            outcome.summary = "\(exposures.count) port\(exposures.count == 1 ? " answers" : "s answer") over IPv6 while IPv4 filters or refuses \(exposures.count == 1 ? "it" : "them")"
            outcome.details = exposures.map { "\($0.record ?? $0.target): \($0.message)" }
        }
    }
}
