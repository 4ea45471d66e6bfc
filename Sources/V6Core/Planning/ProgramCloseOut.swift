/// How an ended program closed: each category's final target against what was reached, and what was still open
/// (carried over into the program that follows). A province still reports how its 2022–2025 plan ended.
public struct ProgramCloseOut: Sendable {
    public var program: Program
    /// The program's last day.
    public var end: CalendarDate
    public var targets: [ClosedTarget]
    /// Items still open at its end: carried over.
    public var carriedOver: Int
    /// Items done, of all it planned.
    public var done: Int
    public var total: Int

    /// One category at the program's end.
    public struct ClosedTarget: Sendable, Equatable {
        public var category: String
        public var year: Int
        public var target: Double
        /// The share working over IPv6 on the latest evidence (the program has ended: nothing more was planned in it).
        public var reached: Double
        public var met: Bool { reached + 1e-9 >= target }
        /// Percentage points short of the target, to a tenth; 0 when met.
        public var missedBy: Double { met ? 0 : ((target - reached) * 10).rounded() / 10 }
    }

    /// From the plan made under the ended program.
    init(_ plan: MigrationPlan) {
        let program = plan.program
        let end = program.period.upperBound
        self.program = program
        self.end = end
        targets = plan.targets.compactMap { t in
            guard let target = program.target(category: t.category, year: end.year) else { return nil }
            return ClosedTarget(category: t.category, year: end.year, target: target, reached: t.currentPercent)
        }
        carriedOver = plan.items.filter { !$0.done }.count
        done = plan.items.filter(\.done).count
        total = plan.items.count
    }
}
