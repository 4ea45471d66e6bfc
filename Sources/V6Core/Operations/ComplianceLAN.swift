/// The LAN rules of a policy: `no-rogue-ra` and `lan-ipv6-dns`, judged from the scan's `{"type":"lan",...}` lines.
/// A rule with nothing to judge fails and says why: compliance is never claimed without an audit behind it.
extension Compliance {
    /// The LAN segments (kind `lan`) the rule's scope selects, with their segment item for scoping.
    static func lanSegments(_ rule: PolicyRule, _ input: Input) -> [Segment] {
        let items = Dictionary(input.assessment.items.filter { $0.kind == .segment }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return input.inventory.segments.filter { segment in
            guard segment.kind == .lan else { return false }
            guard !rule.scope.isEmpty else { return true }
            return items[segment.id].map { inScope($0, rule.scope, input.inventory) } ?? false
        }
    }

    static func noRogueRA(_ rule: PolicyRule, _ input: Input, _ outcome: inout RuleOutcome) {
        let audits = input.scan?.lanVerdictsBySegment ?? [:]
        let selected = Set(lanSegments(rule, input).map(\.id))
        let judged = audits.values.filter { entry in
            rule.scope.isEmpty ? true : entry.verdict.segment.map(selected.contains) ?? false
        }.sorted { $0.key < $1.key }
        let rogues = judged.flatMap { entry in entry.verdict.findings(.rogueRA).map { "\(entry.key): \($0.message)" } }
        outcome.measured = Double(rogues.count)
        if judged.isEmpty {
            outcome.status = .failed
            outcome.summary = "the scan has no LAN audit, so rogue router advertisements were not looked for (scan --lan IFACE)"
        } else if rogues.isEmpty {
            outcome.summary = "no rogue router advertisement on \(judged.count) LAN\(judged.count == 1 ? "" : "s") audited"
        } else {
            outcome.status = .failed
            outcome.summary = "\(rogues.count) rogue router advertisement\(rogues.count == 1 ? "" : "s") on the LANs audited"
            outcome.details = rogues
        }
    }

    static func lanIPv6DNS(_ rule: PolicyRule, _ input: Input, _ outcome: inout RuleOutcome) {
        let audits = input.scan?.lanVerdictsBySegment ?? [:]
        let segments = lanSegments(rule, input)
        var failing: [String] = []
        var missing = 0
        for segment in segments {
            guard let verdict = audits[segment.id]?.verdict else {
                missing += 1
                failing.append("\(segment.id) (\(segment.name)): no LAN audit in the scan — counted as not giving DNS over IPv6")
                continue
            }
            if !verdict.givesIPv6DNS {
                let what = !verdict.addressAvailable ? "hosts get no IPv6 address" : "hosts get no DNS over IPv6"
                failing.append("\(segment.id) (\(segment.name)): \(what) — \(verdict.reason)")
            }
        }
        let good = segments.count - failing.count
        outcome.measured = segments.isEmpty ? 100 : 100 * Double(good) / Double(segments.count)
        if segments.isEmpty {
            outcome.summary = "no LAN segment matches this rule"
        } else if failing.isEmpty {
            outcome.summary = "all \(segments.count) LAN segment\(segments.count == 1 ? "" : "s") give hosts an IPv6 address and DNS over IPv6"
        } else {
            outcome.status = .failed
            outcome.summary = "\(failing.count) of \(segments.count) LAN segments do not give hosts an IPv6 address and DNS over IPv6"
            outcome.details = failing
        }
        if missing > 0 {
            outcome.notes.append("\(missing) LAN segment\(missing == 1 ? " was" : "s were") not audited: run scan --lan IFACE --segment ID on each")
        }
    }
}
