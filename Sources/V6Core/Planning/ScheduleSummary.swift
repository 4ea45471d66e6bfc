/// The schedule folded per quarter, for reports and charts: how many items are due, how many of them were
/// carried over, and what they cost.
public struct ScheduleSummary: Sendable, Equatable {
    public var quarter: Quarter
    public var items: Int
    public var carriedOver: Int
    public var cost: Double

    /// Every quarter that has something due, in order.
    public static func quarters(_ plan: MigrationPlan) -> [ScheduleSummary] {
        var byQuarter: [Quarter: ScheduleSummary] = [:]
        for item in plan.items where !item.done {
            guard let q = item.quarter else { continue }
            var s = byQuarter[q] ?? ScheduleSummary(quarter: q, items: 0, carriedOver: 0, cost: 0)
            s.items += 1
            if item.carriedFrom != nil { s.carriedOver += 1 }
            s.cost += item.cost
            byQuarter[q] = s
        }
        return byQuarter.values.sorted { $0.quarter < $1.quarter }
    }
}
