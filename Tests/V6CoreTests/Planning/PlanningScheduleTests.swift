import Testing
@testable import V6Core

@Suite("Planning: the forward schedule — dependency order, capacity, period, carry-over")
struct PlanningScheduleTests {
    static func plan(_ date: String, program: Program) throws -> MigrationPlan {
        try PlanningTests.plan(date: date, program: program)
    }

    static func ipv6Only(capacity: ProgramCapacity?) -> Program {
        var p = ProgramCodec.ipv6Only
        p.capacity = capacity
        return p
    }

    static func expectDependencyOrder(_ plan: MigrationPlan) {
        let due = Dictionary(uniqueKeysWithValues: plan.items.compactMap { i in i.due.map { (i.id, $0) } })
        for item in plan.items where !item.done {
            for dep in item.dependsOn {
                if let d = due[dep], let mine = item.due { #expect(d <= mine, "\(item.id) is due \(mine), before \(dep) (\(d))") }
            }
        }
    }

    @Test("quarters: containing a date, last day, next, text")
    func quarters() {
        #expect(Quarter(containing: CalendarDate("2026-12-03")!).description == "2026-Q4")
        #expect(Quarter(containing: CalendarDate("2026-12-03")!).next.description == "2027-Q1")
        #expect(Quarter("2028-Q1")!.last == CalendarDate("2028-03-31"))
        #expect(Quarter("2024-Q1")!.first == CalendarDate("2024-01-01"))
        #expect(Quarter("2027-Q5") == nil && Quarter("27-Q1") == nil)
        #expect(Quarter("2026-Q3")!.distance(to: Quarter("2027-Q2")!) == 3)
    }

    @Test("every open item is due on or after the plan date, after what it depends on, inside the period")
    func dueAfterToday() throws {
        let plan = try Self.plan("2026-12-03", program: Self.ipv6Only(capacity: ProgramCapacity(itemsPerQuarter: 3)))
        let open = plan.items.filter { !$0.done }
        #expect(!open.isEmpty)
        for item in open {
            let due = try #require(item.due, "\(item.id) has no due date")
            #expect(due >= plan.today && due <= plan.program.period.upperBound, "\(item.id) due \(due)")
            #expect(item.quarter?.last == due && item.year == due.year)
        }
        #expect(plan.items.filter(\.done).allSatisfy { $0.due == nil && $0.quarter == nil })
        Self.expectDependencyOrder(plan)
    }

    @Test("capacity: no quarter holds more than the items, per-agency and budget limits allow")
    func capacityRespected() throws {
        let limits = ProgramCapacity(itemsPerQuarter: 4, itemsPerAgencyPerQuarter: 2, budgetPerQuarter: 20_000_000)
        let plan = try Self.plan("2026-12-03", program: Self.ipv6Only(capacity: limits))
        #expect(plan.overCapacity == 0)
        let byQuarter = Dictionary(grouping: plan.items.filter { !$0.done }, by: { $0.quarter! })
        #expect(byQuarter.count > 1, "the work is levelled over several quarters")
        for (quarter, items) in byQuarter {
            #expect(items.count <= 4, "\(quarter): \(items.count) items")
            for (agency, n) in Dictionary(grouping: items.compactMap(\.agency), by: { $0 }).mapValues(\.count) {
                #expect(n <= 2, "\(quarter): \(n) items of \(agency)")
            }
            let cost = items.map(\.cost).reduce(0, +)
            #expect(cost <= 20_000_000 || items.count == 1, "\(quarter) costs \(cost)")
        }
        Self.expectDependencyOrder(plan)
        // The budget follows the due dates.
        for b in plan.budget {
            let items = plan.items.filter { !$0.done && $0.due?.year == b.year }
            #expect(abs(items.map(\.cost).reduce(0, +) - b.total) < 1, "\(b.year)")
        }
    }

    @Test("a capacity too small for the period books the rest in the last quarter and counts it")
    func overflow() throws {
        let plan = try Self.plan("2030-11-01", program: Self.ipv6Only(capacity: ProgramCapacity(itemsPerQuarter: 1)))
        let open = plan.items.filter { !$0.done }
        #expect(open.allSatisfy { $0.quarter == Quarter("2030-Q4") })
        #expect(plan.overCapacity == open.count - 1)
    }

    @Test("items the ended 2022–2025 program left open are carried over with the day they became late")
    func carryOver() throws {
        let plan = try Self.plan("2026-12-03", program: Self.ipv6Only(capacity: nil))
        let old = try Self.plan("2026-12-03", program: ProgramCodec.shipped)
        let open = plan.items.filter { !$0.done }
        #expect(!open.isEmpty)
        for item in open {
            let before = try #require(old.item(item.id))
            #expect(item.carriedFrom == "ipv6-for-gov-2022-2025", "\(item.id)")
            #expect(item.lateSince == ProgramCodec.shipped.phases[before.phase].end, "\(item.id)")
            #expect(item.quarter == Quarter("2026-Q4"), "overdue work is due this quarter without a capacity")
        }
        let closeOut = try #require(plan.closeOut)
        #expect(closeOut.program.id == "ipv6-for-gov-2022-2025" && closeOut.carriedOver == open.count)
        for t in closeOut.targets {
            let reached = try #require(old.targets.first { $0.category == t.category }).currentPercent
            #expect(t.reached == reached && t.year == 2025)
            #expect(t.met == (reached >= t.target) && (t.met ? t.missedBy == 0 : t.missedBy > 0))
        }
        // Inside its own period a program has nothing to carry and no close-out.
        let inside = try Self.plan("2024-06-30", program: ProgramCodec.shipped)
        #expect(inside.closeOut == nil && inside.items.allSatisfy { $0.carriedFrom == nil })
    }

    @Test("without a capacity an item is due at its phase's end, late ones this quarter: the year of the old plan")
    func noCapacity() throws {
        let plan = try Self.plan("2023-06-30", program: ProgramCodec.shipped)
        for item in plan.items where !item.done {
            let phase = plan.program.phases[item.phase]
            let expected = item.late ? Quarter(containing: plan.today) : Quarter(containing: phase.end)
            #expect(item.quarter! >= expected, "\(item.id)")
            #expect(item.year == (item.late ? 2023 : max(phase.end.year, 2023)), "\(item.id)")
        }
        Self.expectDependencyOrder(plan)
    }
}
