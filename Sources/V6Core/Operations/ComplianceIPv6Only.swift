/// The IPv6-only rule of a policy: `no-ipv6-only-broken`, judged from the `ipv6_only` verdicts of a scan made from
/// an IPv6-only vantage. A public service without such a verdict fails: "works without IPv4" is never assumed.
extension Compliance {
    static func noIPv6OnlyBroken(_ rule: PolicyRule, _ input: Input, _ outcome: inout RuleOutcome) {
        let itemOf = Dictionary(input.assessment.items.filter { $0.kind == .service }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let services = input.inventory.agencyFiles.flatMap(\.services).filter { s in
            guard s.audience == .public, let item = itemOf[s.id] else { return false }
            return inScope(item, rule.scope, input.inventory)
        }
        let verdicts = input.scan?.ipv6OnlyVerdicts ?? [:]
        var failing: [String] = []
        var translated = 0
        for s in services {
            guard let v = verdicts[s.id] else {
                failing.append("\(s.id) (\(s.name)): no IPv6-only verdict in the scan (scan --vantage ipv6-only) — counted as broken")
                continue
            }
            switch v.verdict {
            case .broken: failing.append("\(s.id) (\(s.name)): broken from IPv6-only clients — \(v.assessment.reason)")
            case .nat64: translated += 1
            case .native: break
            }
        }
        outcome.measured = Double(failing.count)
        outcome.required = 0
        if services.isEmpty {
            outcome.summary = "no public service matches this rule"
        } else if failing.isEmpty {
            outcome.summary = "no public service is broken from IPv6-only clients (\(services.count) checked"
                + (translated > 0 ? ", \(translated) only through NAT64" : "") + ")"
        } else {
            outcome.status = .failed
            outcome.summary = "\(failing.count) of \(services.count) public services are broken from IPv6-only clients"
            outcome.details = failing
        }
        if translated > 0 { outcome.notes.append("\(translated) public service\(translated == 1 ? " works" : "s work") only through NAT64: publish AAAA / move to IPv6") }
    }
}
