/// The forward schedule and the predecessor's close-out in `plan.json`: per quarter what is booked, and how the
/// ended program's targets closed.
enum ScheduleJSON {
    static func schedule(_ plan: MigrationPlan) -> JSONValue {
        var o = JSONObjectBuilder()
        if let c = plan.program.capacity {
            var x = JSONObjectBuilder()
            x.add("items_per_quarter", c.itemsPerQuarter)
            x.addIfPresent("items_per_agency_per_quarter", c.itemsPerAgencyPerQuarter)
            x.addIfPresent("budget_per_quarter", c.budgetPerQuarter)
            o.add("capacity", x.value)
        } else {
            o.add("capacity", .null)
        }
        o.add("over_capacity", plan.overCapacity)
        o.add("quarters", .array(ScheduleSummary.quarters(plan).map { q in
            var x = JSONObjectBuilder()
            x.add("quarter", q.quarter.description)
            x.add("due", q.quarter.last.description)
            x.add("items", q.items)
            x.add("carried_over", q.carriedOver)
            x.add("cost", .number(q.cost))
            return x.value
        }))
        return o.value
    }

    static func closeOut(_ c: ProgramCloseOut) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("program", c.program.id)
        o.add("end", c.end.description)
        o.add("items", c.total)
        o.add("done", c.done)
        o.add("carried_over", c.carriedOver)
        o.add("targets", .array(c.targets.map { t in
            var x = JSONObjectBuilder()
            x.add("category", t.category)
            x.add("year", t.year)
            x.add("target", ReportJSON.rounded(t.target))
            x.add("reached", ReportJSON.rounded(t.reached))
            x.add("met", .bool(t.met))
            x.add("missed_by_points", .number(t.missedBy))
            return x.value
        }))
        return o.value
    }
}
