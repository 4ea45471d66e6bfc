/// The `ipv6-and-dnssec` rule: what Circular 32/2017/TT-BTTTT art. 15(4) asks of portals and online public
/// services — reachable over IPv6 (the service verdict green) and DNSSEC-signed with a chain that validates.
extension Compliance {
    static func ipv6AndDNSSEC(_ rule: PolicyRule, _ input: Input, audience: Audience?, kinds: [ServiceKind]?,
                              _ outcome: inout RuleOutcome) {
        let reports = Dictionary((input.scan?.serviceReports ?? []).compactMap { r in r.record.map { ($0, r) } },
                                 uniquingKeysWith: { _, last in last })
        var judged = 0
        var failing: [String] = []
        var unvalidated = 0
        for (service, _) in selectedServices(rule, input, audience: audience, kinds: kinds) {
            guard let report = reports[service.id] else {
                judged += 1
                failing.append("\(service.id) (\(service.name)): no verdict in the scan")
                continue
            }
            // DNSSEC belongs to names: web sites and zones. Mail and plain TCP services are not judged here.
            guard [.web, .dnsZone, .dnsServer].contains(report.mode) else { continue }
            judged += 1
            var problems: [String] = []
            if report.verdict != .green { problems.append("IPv6 \(report.verdict)") }
            switch report.dnssec?.status {
            case .secure?: break
            case nil:
                unvalidated += 1
                problems.append("DNSSEC not validated in this scan")
            case let status?:
                problems.append("DNSSEC \(status.rawValue)" + (report.dnssec?.reason.map { " (\($0.rawValue))" } ?? ""))
            }
            if !problems.isEmpty { failing.append("\(service.id) (\(service.name)): " + problems.joined(separator: ", ")) }
        }
        outcome.measured = judged == 0 ? 100 : 100 * Double(judged - failing.count) / Double(judged)
        if judged == 0 {
            outcome.summary = "no web or DNS services match this rule"
        } else if failing.isEmpty {
            outcome.summary = "all \(judged) web and DNS services are green over IPv6 and DNSSEC-secure"
        } else {
            outcome.status = .failed
            outcome.summary = "\(failing.count) of \(judged) web and DNS services are not both green over IPv6 and DNSSEC-secure"
            outcome.details = failing
        }
        if unvalidated > 0 {
            outcome.notes.append("scan with --dnssec (or --trust-anchor FILE) so that service lines carry a DNSSEC state")
        }
    }
}
