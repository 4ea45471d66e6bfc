/// The numbers and picks a summarised report shows instead of item lists.
public enum ReportSummary {
    /// How many of the worst items a summary lists.
    public static let worstCount = 20

    /// One agency's share of a set of plan items.
    public struct AgencyLine: Sendable, Equatable {
        public var agency: String
        public var items: Int
        public var done: Int
        public var late: Int
        public var cost: Double
    }

    /// Counts per agency (items without one, the address plan, under ""), in agency id order.
    public static func byAgency(_ items: [PlanItem]) -> [AgencyLine] {
        var lines: [String: AgencyLine] = [:]
        for item in items {
            let key = item.agency ?? ""
            var line = lines[key] ?? AgencyLine(agency: key, items: 0, done: 0, late: 0, cost: 0)
            line.items += 1
            if item.done { line.done += 1 }
            if item.late { line.late += 1 }
            line.cost += item.cost
            lines[key] = line
        }
        return lines.values.sorted { $0.agency < $1.agency }
    }

    /// The items most in need of attention: late first, then broken IPv6, replacements, upgrades, unknowns; the
    /// costliest first; then in plan order. Done items never appear.
    public static func worst(_ items: [PlanItem], limit: Int = worstCount) -> [PlanItem] {
        func severity(_ s: ReadinessStatus?) -> Int {
            switch s {
            case .ipv6Broken: return 0
            case .needsReplacement: return 1
            case .needsUpgrade: return 2
            case .unknown: return 3
            case .capable: return 4
            default: return 5
            }
        }
        return Array(items.filter { !$0.done }.sorted { x, y in (x.late ? 0 : 1, severity(x.status), -x.cost, x.order) < (y.late ? 0 : 1, severity(y.status), -y.cost, y.order)
        }.prefix(limit))
    }

    /// Broken or filtered records: all of them when listing items, else the first `worstCount` (broken before
    /// filtered-only), with how many were left out.
    public static func brokenItems(_ assessment: Assessment, detail: ReportDetail) -> (shown: [AssessedItem], more: Int) {
        let broken = assessment.items.filter { $0.status == .ipv6Broken || $0.icmpv6Filtered }
        guard detail == .summary, broken.count > worstCount else { return (broken, 0) }
        let first = broken.filter { $0.status == .ipv6Broken } + broken.filter { $0.status != .ipv6Broken }
        return (Array(first.prefix(worstCount)), broken.count - worstCount)
    }
}
