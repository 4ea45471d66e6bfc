/// The machine-readable forms of the assessment and the plan (`assess --json`, `plan.json`). Language-neutral:
/// codes, ids and numbers only, so the same input gives the same bytes whatever `--lang` says.
public enum ReportJSON {
    static func rounded(_ v: Double) -> JSONValue { .number((v * 10).rounded() / 10) }

    static func counts(_ score: ReadinessScore) -> JSONValue {
        .object(ReadinessStatus.allCases.map { ($0.rawValue, .number(Double(score.count($0)))) })
    }

    static func score(_ score: ReadinessScore, name: String? = nil) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("id", score.key)
        o.addIfPresent("name", name)
        o.add("total", score.total)
        o.add("ready", score.ready)
        o.add("percent", rounded(score.percent))
        o.add("counts", counts(score))
        return o.value
    }

    static func scan(_ a: Assessment) -> JSONValue {
        guard let name = a.scanName else { return .null }
        var o = JSONObjectBuilder()
        o.add("file", name)
        o.addIfPresent("time", a.scanTime)
        return o.value
    }

    public static func evidence(_ fact: EvidenceFact, scanName: String?, scanTime: String?) -> JSONValue {
        var o = JSONObjectBuilder()
        switch fact {
        case let .probe(p):
            o.add("type", "probe")
            o.addIfPresent("scan", scanName)
            o.addIfPresent("time", scanTime)
            o.add("line", p.line)
            o.add("method", p.result.method.rawValue)
            o.add("address", p.result.address.description)
            o.addIfPresent("port", p.result.port)
            o.add("status", p.result.status.rawValue)
            o.addIfPresent("rtt_ms", p.result.rttMilliseconds)
            o.addIfPresent("detail", p.result.detail)
        case let .serviceVerdict(line, verdict):
            o.add("type", "service-verdict"); o.addIfPresent("scan", scanName); o.add("line", line); o.add("verdict", verdict.rawValue)
        case let .ipv6OnlyVerdict(line, verdict, reason):
            o.add("type", "ipv6-only-verdict"); o.addIfPresent("scan", scanName); o.add("line", line); o.add("verdict", verdict.rawValue)
            o.add("reason", reason)
            if let item = verdict.workItem { o.add("work_item", item) }
        case let .catalog(entry, version):
            o.add("type", "catalog"); o.add("vendor", entry.vendor); o.add("model", entry.model); o.add("ipv6", entry.ipv6.rawValue)
            o.addIfPresent("min_version", entry.minVersion); o.addIfPresent("device_version", version)
        case let .notInCatalog(vendor, model):
            o.add("type", "not-in-catalog"); o.add("vendor", vendor); o.add("model", model)
        case let .configured(list): o.add("type", "ipv6-configured"); o.add("ipv6", strings: list)
        case .noIPv6Configured: o.add("type", "no-ipv6-configured")
        case .notInScan: o.add("type", "not-in-scan"); o.addIfPresent("scan", scanName)
        case .noScan: o.add("type", "no-scan")
        case let .segmentDevices(answered, total, broken):
            o.add("type", "segment-devices"); o.add("answered_ipv6", answered); o.add("total", total); o.add("broken", strings: broken)
        case let .host(id, status): o.add("type", "host"); o.add("id", id); o.add("status", status.rawValue)
        case .noHost: o.add("type", "no-host")
        case .icmpv6Filtered: o.add("type", "icmpv6-filtered")
        case .silent: o.add("type", "silent")
        case let .lanAudit(line, colour, address, dns, codes):
            o.add("type", "lan-audit"); o.addIfPresent("scan", scanName); o.add("line", line); o.add("verdict", colour.rawValue)
            o.add("address", .bool(address)); o.add("dns", .bool(dns)); o.add("findings", strings: codes.map(\.rawValue))
        case let .management(line, ipv4, ipv6, checks):
            o.add("type", "management"); o.addIfPresent("scan", scanName); o.add("line", line)
            o.add("ipv4", .bool(ipv4)); o.add("ipv6", .bool(ipv6)); o.add("checks", strings: checks)
        }
        return o.value
    }

    public static func item(_ item: AssessedItem, assessment a: Assessment) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("kind", item.kind.rawValue)
        o.add("id", item.id)
        o.add("name", item.name)
        o.add("agency", item.agency)
        o.addIfPresent("site", item.site)
        if item.kind != .segment { o.addIfPresent("segment", item.segment) }
        o.add("category", item.category)
        o.add("status", item.status.rawValue)
        o.addIfPresent("upgrade_to", item.upgradeTo)
        if item.icmpv6Filtered { o.add("icmpv6_filtered", .bool(true)) }
        if item.silent { o.add("silent", .bool(true)) }
        if item.managementIPv4Only { o.add("managed_only_over_ipv4", .bool(true)) }
        o.add("evidence", .array(item.evidence.map { evidence($0, scanName: a.scanName, scanTime: a.scanTime) }))
        return o.value
    }

    /// `assess --json`: the summary, the scores and every verdict with its evidence.
    public static func assessment(_ a: Assessment, agencyNames: [String: String]) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("schema", 1)
        o.add("inventory", a.inventoryName)
        o.add("scan", scan(a))
        o.add("summary", score(a.overall))
        o.add("agencies", .array(a.agencyScores.map { score($0, name: agencyNames[$0.key]) }))
        o.add("categories", .array(a.categoryScores.map { score($0) }))
        o.add("items", .array(a.items.map { item($0, assessment: a) }))
        return o.value
    }

    static func action(_ a: PlanAction) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("kind", a.kind.rawValue)
        o.addIfPresent("from", a.from)
        o.addIfPresent("to", a.to)
        o.addIfPresent("cost", a.cost)
        return o.value
    }

    /// `plan.json`: phases, every item in dependency order, targets, budget, replacements and pilots.
    public static func plan(_ plan: MigrationPlan, agencyNames: [String: String]) -> JSONValue {
        let program = plan.program
        var o = JSONObjectBuilder()
        o.add("schema", 1)
        o.add("inventory", plan.assessment.inventoryName)
        o.add("date", plan.today.description)
        o.add("program", program.id)
        o.add("currency", program.currency)
        o.add("scan", scan(plan.assessment))
        o.add("summary", score(plan.assessment.overall))
        o.add("agencies", .array(plan.assessment.agencyScores.map { score($0, name: agencyNames[$0.key]) }))
        o.add("categories", .array(plan.assessment.categoryScores.map { score($0) }))
        o.add("phases", .array(program.phases.enumerated().map { index, phase in
            let items = plan.items(inPhase: index)
            var p = JSONObjectBuilder()
            p.add("id", phase.id); p.add("start", phase.start.description); p.add("end", phase.end.description)
            p.add("items", items.count); p.add("done", items.filter(\.done).count); p.add("late", items.filter(\.late).count)
            return p.value
        }))
        o.add("items", .array(plan.items.map { item in
            var i = JSONObjectBuilder()
            i.add("order", item.order)
            i.add("kind", item.kind.rawValue)
            i.add("id", item.id)
            if item.kind != .addressPlan { i.add("name", item.name) }
            i.addIfPresent("agency", item.agency)
            i.addIfPresent("category", item.category)
            i.addIfPresent("status", item.status?.rawValue)
            i.add("phase", program.phases[item.phase].id)
            if item.ruledPhase != item.phase {
                i.add("ruled_phase", program.phases[item.ruledPhase].id)
                i.addIfPresent("pulled_by", item.pulledBy)
            }
            i.add("actions", .array(item.actions.map(action)))
            i.add("depends_on", strings: item.dependsOn)
            i.add("done", .bool(item.done))
            i.add("late", .bool(item.late))
            i.addIfPresent("year", item.year)
            i.addIfPresent("quarter", item.quarter?.description)
            i.addIfPresent("due", item.due?.description)
            i.addIfPresent("carried_from", item.carriedFrom)
            i.addIfPresent("late_since", item.lateSince?.description)
            i.addIfPresent("ipv6_only", plan.ipv6Only?.states[item.id]?.rawValue)
            if !item.done { i.add("cost", .number(item.cost)) }
            if item.unpriced > 0 { i.add("unpriced_actions", item.unpriced) }
            return i.value
        }))
        o.add("targets", .array(plan.targets.map { t in
            var x = JSONObjectBuilder()
            x.add("category", t.category); x.add("total", t.total); x.add("ready", t.ready)
            x.add("current_percent", rounded(t.currentPercent))
            x.addIfPresent("due_year", t.dueYear)
            if let d = t.dueTarget { x.add("due_target", rounded(d)) }
            x.add("behind", .bool(t.behind))
            x.add("years", .array(t.years.map { y in
                var e = JSONObjectBuilder()
                e.add("year", y.year)
                e.add("target", y.target.map(rounded) ?? .null)
                e.add("planned", y.planned.map(rounded) ?? .null)
                return e.value
            }))
            return x.value
        }))
        o.add("budget", .array(plan.budget.map { b in
            var x = JSONObjectBuilder()
            x.add("year", b.year)
            x.add("replacements", b.replacements); x.add("replacement_cost", .number(b.replacementCost))
            x.add("upgrades", b.upgrades); x.add("upgrade_cost", .number(b.upgradeCost))
            x.add("configurations", b.configurations); x.add("configuration_cost", .number(b.configurationCost))
            x.add("fixes", b.fixes); x.add("fix_cost", .number(b.fixCost))
            x.add("unpriced", b.unpriced); x.add("total", .number(b.total))
            return x.value
        }))
        o.add("replacements", .array(plan.replacements.map { item in
            var x = JSONObjectBuilder()
            x.add("id", item.id); x.addIfPresent("agency", item.agency)
            x.addIfPresent("model", item.actions.first { $0.kind == .replaceDevice }?.from)
            x.addIfPresent("year", item.year)
            x.addIfPresent("cost", item.actions.first { $0.kind == .replaceDevice }?.cost)
            return x.value
        }))
        o.add("pilot_candidates", strings: plan.pilotCandidates)
        o.add("schedule", ScheduleJSON.schedule(plan))
        if let r = plan.ipv6Only { o.add("ipv6_only", IPv6OnlyJSON.readiness(r)) }
        if let closeOut = plan.closeOut { o.add("close_out", ScheduleJSON.closeOut(closeOut)) }
        return o.value
    }
}
