/// Evaluates a policy against one assessment: the heart of `v6ready check`. Pure: the CLI passes today's date and the
/// scan's age (it reads the clock), the assessment, the plan's targets and the drift since the previous scan.
public enum Compliance {
    /// Everything a policy can look at.
    public struct Input: Sendable {
        public var inventory: Inventory
        public var assessment: Assessment
        public var targets: [TargetProgress]
        public var scan: ScanData?
        public var drift: DriftReport?
        public var today: CalendarDate
        /// Hours since the scan ran; nil when its time is unknown.
        public var scanAgeHours: Double?
        /// Records seen working from an IPv6-only vantage (`IPv6OnlyVantage`).
        public var ipv6OnlyVerified: Set<String> = []

        public init(inventory: Inventory, assessment: Assessment, targets: [TargetProgress], scan: ScanData?,
                    drift: DriftReport?, today: CalendarDate, scanAgeHours: Double?) {
            self.inventory = inventory; self.assessment = assessment; self.targets = targets; self.scan = scan
            self.drift = drift; self.today = today; self.scanAgeHours = scanAgeHours
        }
    }

    /// Evaluates every rule; drift regressions make the report non-compliant unless `ignoreDrift`.
    public static func evaluate(_ policy: Policy, _ input: Input, ignoreDrift: Bool = false) -> ComplianceReport {
        let outcomes = policy.rules.map { evaluate($0, input) }
        return ComplianceReport(policyName: policy.name, outcomes: outcomes, drift: input.drift, driftIgnored: ignoreDrift,
                                today: input.today, scanName: input.scan?.name, scanTime: input.scan?.time)
    }

    static func evaluate(_ rule: PolicyRule, _ input: Input) -> RuleOutcome {
        var outcome = RuleOutcome(rule: rule, status: .passed, summary: "")
        switch rule.kind {
        case .programTargets:
            programTargets(rule, input, &outcome)
        case let .servicesGreen(audience, kinds, accept):
            servicesGreen(rule, input, audience: audience, kinds: kinds, accept: accept, &outcome)
        case let .dualStackPercent(percent, by, records):
            share(rule, input, percent: percent, by: by, records: records, works: "work over IPv6", &outcome) { $0.status.isReady }
        case let .ipv6OnlyPercent(percent, by, records):
            share(rule, input, percent: percent, by: by, records: records, works: "work IPv6-only", &outcome) {
                $0.status == .ipv6Only || input.ipv6OnlyVerified.contains($0.id)
            }
        case let .noNewDeviceWithoutIPv6(from):
            noNewDeviceWithoutIPv6(rule, input, from: from, &outcome)
        case let .noIPv6Broken(records):
            let items = scoped(input.assessment.items.filter { records.contains($0.kind) }, rule.scope, input.inventory)
            let broken = items.filter { $0.status == .ipv6Broken }
            outcome.measured = Double(broken.count)
            if broken.isEmpty {
                outcome.summary = "no IPv6-broken record among \(items.count)"
            } else {
                outcome.status = .failed
                outcome.summary = "\(broken.count) record\(broken.count == 1 ? " is" : "s are") IPv6-broken (IPv6 published but unreachable)"
                outcome.details = broken.map { "\($0.kind.rawValue) \($0.id) (\($0.name))" }
            }
        case .noUnknownHosts:
            let unknown = unknownHosts(input)
            outcome.measured = Double(unknown.count)
            if unknown.isEmpty {
                outcome.summary = "every answering host is in the inventory"
            } else {
                outcome.status = .failed
                outcome.summary = "\(unknown.count) answering host\(unknown.count == 1 ? " is" : "s are") not in the inventory"
                outcome.details = unknown.map(\.description)
            }
        case let .ipv6AndDNSSEC(audience, kinds):
            ipv6AndDNSSEC(rule, input, audience: audience, kinds: kinds, &outcome)
        case .noRogueRA:
            noRogueRA(rule, input, &outcome)
        case .lanIPv6DNS:
            lanIPv6DNS(rule, input, &outcome)
        case .noIPv6Exposure:
            noIPv6Exposure(rule, input, &outcome)
        case .noIPv6OnlyBroken:
            noIPv6OnlyBroken(rule, input, &outcome)
        case let .maxScanAge(hours):
            outcome.required = hours
            if let age = input.scanAgeHours {
                outcome.measured = age
                outcome.status = age <= hours ? .passed : .failed
                outcome.summary = "the scan is \(format(age)) hours old (at most \(format(hours)))"
            } else {
                outcome.status = .failed
                outcome.summary = "the scan's time is unknown (its file name is not a UTC timestamp), so its age cannot be checked"
            }
        }
        return outcome
    }

    static func programTargets(_ rule: PolicyRule, _ input: Input, _ outcome: inout RuleOutcome) {
        let targets = input.targets.filter { rule.scope.categories?.contains($0.category) ?? true }
        let due = targets.filter { $0.dueTarget != nil }
        let behind = due.filter(\.behind)
        if due.isEmpty {
            let next = targets.compactMap { t in t.years.first { $0.target != nil }.map { (t.category, $0) } }.min { $0.1.year < $1.1.year }
            outcome.summary = "no target is due yet on \(input.today)"
                + (next.map { " (the first: \($0.0) \(format($0.1.target!))% by the end of \($0.1.year))" } ?? "")
            return
        }
        if behind.isEmpty {
            outcome.summary = "every category meets its target (\(due.count) checked)"
        } else {
            outcome.status = .failed
            outcome.summary = "\(behind.count) of \(due.count) categories are behind their target"
        }
        outcome.details = due.map { t in
            "\(t.category): \(format(t.currentPercent))% ready (\(t.ready)/\(t.total)), target \(format(t.dueTarget!))% by the end of \(t.dueYear!)"
                + (t.behind ? " — behind" : "")
        }
    }

    /// The inventory's services a rule looks at (audience, kinds, scope), with their agency.
    static func selectedServices(_ rule: PolicyRule, _ input: Input, audience: Audience?, kinds: [ServiceKind]?) -> [(Service, String)] {
        let itemOf = Dictionary(input.assessment.items.filter { $0.kind == .service }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var services: [(Service, String)] = []
        for file in input.inventory.agencyFiles {
            for s in file.services {
                if let audience, s.audience != audience { continue }
                if let kinds, !kinds.contains(s.kind) { continue }
                guard let item = itemOf[s.id], inScope(item, rule.scope, input.inventory) else { continue }
                services.append((s, file.agency.id))
            }
        }
        return services
    }

    static func servicesGreen(_ rule: PolicyRule, _ input: Input, audience: Audience?, kinds: [ServiceKind]?, accept: [ServiceColour],
                              _ outcome: inout RuleOutcome) {
        let services = selectedServices(rule, input, audience: audience, kinds: kinds)
        let verdicts = input.scan?.serviceVerdicts ?? [:]
        var failing: [String] = []
        var missing = 0
        for (s, _) in services {
            if let v = verdicts[s.id] {
                if !accept.contains(v.verdict) { failing.append("\(s.id) (\(s.name)): \(v.verdict)") }
            } else {
                missing += 1
                failing.append("\(s.id) (\(s.name)): no verdict in the scan — counted as not green")
            }
        }
        let green = services.count - failing.count
        outcome.measured = services.isEmpty ? 100 : 100 * Double(green) / Double(services.count)
        let what = (audience.map { "\($0.rawValue) " } ?? "") + "services"
        if services.isEmpty {
            outcome.summary = "no \(what) match this rule"
        } else if failing.isEmpty {
            outcome.summary = services.count == 1 ? "the one \(what.dropLast()) is \(accept.map(\.rawValue).joined(separator: " or "))"
                : "all \(services.count) \(what) are \(accept.map(\.rawValue).joined(separator: " or "))"
        } else {
            outcome.status = .failed
            outcome.summary = "\(failing.count) of \(services.count) \(what) are not \(accept.map(\.rawValue).joined(separator: " or "))"
            outcome.details = failing
        }
        if missing > 0 && verdicts.isEmpty {
            outcome.notes.append("the scan has no service verdict lines ({\"type\":\"service\",...}; docs/scan-format.md): it predates the service checks, so no service counts as green")
        } else if missing > 0 {
            outcome.notes.append("\(missing) service\(missing == 1 ? " has" : "s have") no verdict line in the scan and count\(missing == 1 ? "s" : "") as not green")
        }
    }

    /// Addresses that answered in the scan without a record and that no inventory record has.
    static func unknownHosts(_ input: Input) -> [IPAddress] {
        guard let scan = input.scan else { return [] }
        var known = Set<IPAddress>()
        for d in input.inventory.devices { known.formUnion(d.ipv4); known.formUnion(d.ipv6) }
        for s in input.inventory.services { known.formUnion(s.ipv4); known.formUnion(s.ipv6) }
        return Set(scan.probes.filter { $0.result.record == nil && $0.hostAnswered && !known.contains($0.result.address) }
            .map(\.result.address)).sorted()
    }

    static func scoped(_ items: [AssessedItem], _ scope: PolicyScope, _ inventory: Inventory) -> [AssessedItem] {
        guard !scope.isEmpty else { return items }
        let parents = agencyParents(inventory)
        return items.filter { inScope($0, scope, inventory, parents: parents) }
    }

    static func agencyParents(_ inventory: Inventory) -> [String: String] {
        var parents: [String: String] = [:]
        for a in inventory.agencies { if let p = a.parent { parents[a.id] = p } }
        return parents
    }

    /// `parents`: `agencyParents(inventory)`, when the caller checks many items.
    static func inScope(_ item: AssessedItem, _ scope: PolicyScope, _ inventory: Inventory, parents known: [String: String]? = nil) -> Bool {
        if let categories = scope.categories, !categories.contains(item.category) { return false }
        if let sites = scope.sites, !(item.site.map(sites.contains) ?? false) { return false }
        if let agencies = scope.agencies {
            // An agency and the agencies below it.
            let parents = known ?? agencyParents(inventory)
            var current: String? = item.agency
            var steps = 0
            while let id = current, steps <= parents.count {
                if agencies.contains(id) { return true }
                current = parents[id]
                steps += 1
            }
            return false
        }
        return true
    }

    static func format(_ n: Double) -> String {
        let rounded = (n * 10).rounded() / 10
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }
}

/// How one rule came out.
public struct RuleOutcome: Sendable, Equatable {
    public enum Status: String, Sendable {
        case passed
        case failed
        /// Not met yet, but not due yet either (`by` is in the future): not a failure.
        case pending
    }
    public var rule: PolicyRule
    public var status: Status
    public var summary: String
    /// The records behind a failure (or, for targets, every category checked).
    public var details: [String] = []
    public var notes: [String] = []
    public var measured: Double?
    public var required: Double?

    public var passed: Bool { status != .failed }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("rule", rule.name)
        o.add("index", rule.index)
        o.addIfPresent("line", rule.line)
        o.add("status", status.rawValue)
        o.add("summary", summary)
        o.addIfPresent("measured", measured.map { ($0 * 1000).rounded() / 1000 })
        o.addIfPresent("required", required)
        o.add("details", strings: details)
        if !notes.isEmpty { o.add("notes", strings: notes) }
        return o.value
    }
}

/// The result of a check: every rule's outcome and the drift since the previous scan.
public struct ComplianceReport: Sendable, Equatable {
    public var policyName: String?
    public var outcomes: [RuleOutcome]
    public var drift: DriftReport?
    public var driftIgnored: Bool
    public var today: CalendarDate
    public var scanName: String?
    public var scanTime: String?

    public var rulesPassed: Bool { outcomes.allSatisfy(\.passed) }
    public var driftRegressions: Int { drift?.regressions.count ?? 0 }
    /// Compliant: every rule passes and, unless ignored, no regression since the previous scan.
    public var compliant: Bool { rulesPassed && (driftIgnored || driftRegressions == 0) }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("compliant", .bool(compliant))
        o.add("date", today.description)
        o.add("policy", policyName.map(JSONValue.string) ?? .null)
        o.add("scan", scanName.map(JSONValue.string) ?? .null)
        o.add("scan_time", scanTime.map(JSONValue.string) ?? .null)
        o.add("rules", .array(outcomes.map(\.json)))
        o.add("drift", drift?.json ?? .null)
        o.add("drift_ignored", .bool(driftIgnored))
        return o.value
    }

    /// The text `check` prints: one line per rule, its details indented, then the drift and the verdict.
    public func textLines() -> [String] {
        var lines: [String] = []
        lines.append("Compliance check \(today)" + (policyName.map { " — \($0)" } ?? "") + (scanName.map { " — scan \($0)" + (scanTime.map { " (\($0))" } ?? "") } ?? ""))
        for o in outcomes {
            let mark: String
            switch o.status {
            case .passed: mark = "PASS"
            case .failed: mark = "FAIL"
            case .pending: mark = "PENDING"
            }
            lines.append("  \(mark) \(o.rule.name): \(o.summary)")
            for d in o.details.prefix(30) { lines.append("      \(d)") }
            if o.details.count > 30 { lines.append("      … and \(o.details.count - 30) more (--json lists all)") }
            for n in o.notes { lines.append("      note: \(n)") }
        }
        if let drift {
            let marker = drift.regressions.isEmpty ? "PASS" : (driftIgnored ? "IGNORED" : "FAIL")
            lines.append("  \(marker) drift: \(drift.regressions.count) regression\(drift.regressions.count == 1 ? "" : "s") since \(drift.from)")
            for f in drift.findings where f.severity != .improvement {
                lines.append("      \(f.severity.rawValue): \(f.message)")
                for c in f.changes { lines.append("          \(c)") }
            }
        } else {
            lines.append("  drift: no earlier scan to compare with")
        }
        lines.append(compliant ? "COMPLIANT" : "NOT COMPLIANT")
        return lines
    }
}
