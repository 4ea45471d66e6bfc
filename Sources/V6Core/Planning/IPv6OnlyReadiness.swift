/// Readiness beyond dual stack, for the 2026–2030 IPv6-only program: per item whether it can run with no IPv4
/// (the catalog's `ipv6_only`, or its host's for a service) and whether a scan from an IPv6-only vantage saw it
/// working; per agency and category the share of each, and per year the share capable if the plan is carried out
/// (a replacement bought under the equipment rule is IPv6-only capable) against the program's IPv6-only targets.
public struct IPv6OnlyReadiness: Sendable {
    public enum State: String, Sendable, CaseIterable {
        /// Seen working from an IPv6-only vantage (or it has no IPv4 at all and answers over IPv6).
        case verified
        /// The catalog says it runs IPv6-only; not yet seen doing so.
        case capable
        /// The catalog says it cannot: it must be replaced before IPv4 goes.
        case notCapable = "not-capable"
        case unknown
        public var isCapable: Bool { self == .verified || self == .capable }
    }

    /// One group (an agency or a category): records, capable (verified included), verified, and per year planned.
    public struct Score: Sendable, Equatable {
        public var key: String
        public var total: Int
        public var capable: Int
        public var verified: Int
        public var capablePercent: Double { total == 0 ? 0 : 100 * Double(capable) / Double(total) }
        public var verifiedPercent: Double { total == 0 ? 0 : 100 * Double(verified) / Double(total) }
        /// Year → (the program's IPv6-only target, the share capable by that year's end if the plan is carried out).
        public var years: [(year: Int, target: Double?, planned: Double)] = []
        public static func == (a: Score, b: Score) -> Bool {
            a.key == b.key && a.total == b.total && a.capable == b.capable && a.verified == b.verified
        }
    }

    public var states: [String: State]
    public var agencies: [Score]
    public var categories: [Score]
    /// Replacements the equipment rule requires to be IPv6-only capable.
    public var ruledReplacements: Int

    /// - Parameter verified: record ids seen working from an IPv6-only vantage (`IPv6OnlyVantage`).
    public static func assess(_ plan: MigrationPlan, inventory: Inventory, verified: Set<String>) -> IPv6OnlyReadiness {
        let assessed = Dictionary(plan.assessment.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var hostOf: [String: String] = [:]
        for s in inventory.services { if let d = s.device { hostOf[s.id] = d } }
        let devicesBySegment = Dictionary(grouping: inventory.devices, by: \.segment)
        func deviceState(_ id: String) -> State {
            guard let a = assessed[id] else { return .unknown }
            if verified.contains(id) || a.status == .ipv6Only { return .verified }
            switch a.catalog?.ipv6Only {
            case .yes?: return a.status == .needsReplacement ? .notCapable : .capable
            case .no?: return .notCapable
            default: return a.status == .needsReplacement ? .notCapable : .unknown
            }
        }
        func state(_ item: PlanItem) -> State {
            switch item.kind {
            case .addressPlan: return .unknown
            case .device: return deviceState(item.id)
            case .service:
                if verified.contains(item.id) || assessed[item.id]?.status == .ipv6Only { return .verified }
                guard let host = hostOf[item.id] else { return .unknown }
                let h = deviceState(host)
                return h == .verified ? .capable : h
            case .segment:
                let members = (devicesBySegment[item.id] ?? []).map { deviceState($0.id) }
                if members.isEmpty { return .unknown }
                if members.allSatisfy({ $0 == .verified }) { return .verified }
                if members.contains(.notCapable) { return .notCapable }
                return members.allSatisfy(\.isCapable) ? .capable : .unknown
            }
        }
        var states: [String: State] = [:]
        let records = plan.items.filter { $0.kind != .addressPlan }
        for item in records { states[item.id] = state(item) }
        let rule = plan.program.equipmentRule
        let replacedBy: [String: Int] = Dictionary(records.compactMap { item -> (String, Int)? in
            guard item.actions.contains(where: { $0.kind == .replaceDevice }), let year = item.year,
                  let rule, year >= rule.from.year else { return nil }
            return (item.id, year)
        }, uniquingKeysWith: min)
        /// The year from which the item is IPv6-only capable if the plan is carried out (nil: not by the plan).
        func capableFrom(_ item: PlanItem) -> Int? {
            if states[item.id]?.isCapable == true { return Int.min }
            if let y = replacedBy[item.id] { return y }
            if item.kind == .service, let host = hostOf[item.id], let y = replacedBy[host] { return y }
            return nil
        }
        let years = plan.program.years.filter { $0 >= plan.today.year }
        func score(_ key: String, _ members: [PlanItem], category: String? = nil) -> Score {
            var s = Score(key: key, total: members.count, capable: members.filter { states[$0.id]?.isCapable == true }.count,
                          verified: members.filter { states[$0.id] == .verified }.count)
            s.years = years.map { year in
                let n = members.filter { (capableFrom($0) ?? Int.max) <= year }.count
                let target = category.flatMap { plan.program.ipv6OnlyTarget(category: $0, year: year) }
                return (year, target, members.isEmpty ? 0 : 100 * Double(n) / Double(members.count))
            }
            return s
        }
        let byAgency = Dictionary(grouping: records, by: { $0.agency ?? "" })
        let byCategory = Dictionary(grouping: records, by: { $0.category ?? "" })
        return IPv6OnlyReadiness(states: states,
                                 agencies: byAgency.keys.sorted().map { score($0, byAgency[$0]!) },
                                 categories: plan.program.categories.map(\.id).filter { byCategory[$0] != nil }.map { score($0, byCategory[$0]!, category: $0) },
                                 ruledReplacements: replacedBy.count)
    }
}
