/// The forward schedule: after the planner has ordered the items, every open item is booked into a quarter on or
/// after `today`, never before anything it depends on, inside the program's period, and levelled by the program's
/// capacity (items per quarter, per agency, money). Without a capacity an item is due at its phase's end (today's
/// quarter when late), which keeps a plan made inside its program exactly as it was; with one, items are booked
/// as early as they fit from the later of today and their phase's start. Items the ended predecessor program left
/// open are carried over with their history, and the per-year budget and planned shares follow the due dates.
/// A replacement due once the program's equipment rule holds must be IPv6-only capable (its action says so).
public enum ForwardSchedule {
    /// - Parameter predecessor: the plan the same inventory gets under `plan.program.follows`, when there is one.
    public static func apply(_ plan: MigrationPlan, predecessor: MigrationPlan?) -> MigrationPlan {
        var plan = plan
        let program = plan.program, today = plan.today
        let todayQuarter = Quarter(containing: today)
        let lastQuarter = max(Quarter(containing: program.period.upperBound), todayQuarter)
        let ended = predecessor.flatMap { $0.program.period.upperBound < today ? $0 : nil }
        let previous = Dictionary(ended?.items.map { ($0.id, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        var capacity = program.capacity.map(QuarterCapacity.init)
        var booked: [String: Quarter] = [:]
        var overCapacity = 0

        for index in plan.items.indices where !plan.items[index].done {
            var item = plan.items[index]
            if let old = previous[item.id], !old.done, let oldProgram = ended?.program {
                item.carriedFrom = oldProgram.id
                item.lateSince = oldProgram.phases[old.phase].end
            }
            let phase = program.phases[item.phase]
            let afterDependencies = item.dependsOn.compactMap { booked[$0] }.max() ?? todayQuarter
            let overdue = item.late || item.carriedFrom != nil
            var earliest = max(todayQuarter, afterDependencies)
            if !overdue { earliest = max(earliest, min(Quarter(containing: phase.start), lastQuarter)) }
            var quarter: Quarter
            if var c = capacity {
                quarter = earliest
                while quarter < lastQuarter, !c.fits(quarter, agency: item.agency, cost: item.cost) { quarter = quarter.next }
                if !c.fits(quarter, agency: item.agency, cost: item.cost) { overCapacity += 1 }
                c.book(quarter, agency: item.agency, cost: item.cost)
                capacity = c
            } else {
                quarter = overdue ? earliest : max(earliest, Quarter(containing: phase.end))
            }
            booked[item.id] = quarter
            item.quarter = quarter
            item.due = quarter.last
            item.year = quarter.year
            if let rule = program.equipmentRule, rule.from <= quarter.last {
                for a in item.actions.indices where item.actions[a].kind == .replaceDevice { item.actions[a].to = IPv6OnlyVantage.word }
            }
            plan.items[index] = item
        }
        plan.overCapacity = overCapacity
        plan.closeOut = ended.map(ProgramCloseOut.init)
        plan.targets = Planner.targetProgress(plan.items, program: program, today: today)
        plan.budget = Planner.budget(plan.items)
        return plan
    }

    /// The predecessor's plan for the same input, when `program.follows` names a built-in program.
    static func predecessor(of program: Program, plan: (Program) -> MigrationPlan) -> MigrationPlan? {
        guard let id = program.follows, id != program.id, let previous = ProgramCatalog.program(id: id) else { return nil }
        return plan(previous)
    }
}
