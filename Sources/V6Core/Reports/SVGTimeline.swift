/// The Gantt-like timeline: one bar per phase (the done share darker, late phases red), a row of quarters with
/// what the forward schedule books in each, and a line at the plan's date whose label is never cut.
enum SVGTimeline {
    static func render(_ input: ReportInput) -> String {
        let plan = input.plan, phases = input.program.phases, f = SVGCharts.f
        guard let start = phases.map(\.start).min(), let end = phases.map(\.end).max() else { return "" }
        let quarters = ScheduleSummary.quarters(plan)
        let lastYear = max(end.year, plan.today.year, quarters.last?.quarter.year ?? end.year)
        let axis = SVGTimeAxis(firstYear: min(start.year, plan.today.year), lastYear: lastYear, left: 10, width: 960)
        let width = 1000.0, rowH = 46.0, top = 30.0, scheduleH = quarters.isEmpty ? 0.0 : 64.0
        let height = top + rowH * Double(phases.count) + scheduleH + 24
        var body = axis.ticks(top: top - 8, bottom: height - 20, labelY: top - 12)
        for (i, phase) in phases.enumerated() {
            let y = top + rowH * Double(i)
            let items = plan.items(inPhase: i)
            let done = items.filter(\.done).count, late = items.filter(\.late).count
            let x0 = axis.x(phase.start), x1 = axis.xAfter(phase.end)
            let share = items.isEmpty ? 1 : Double(done) / Double(items.count)
            let base = late > 0 ? "#ef9a9a" : "#90caf9", strong = late > 0 ? "#c62828" : "#1565c0"
            let title = "\(input.phaseLabel(i)): \(phase.name.text(input.language))"
            let titleRight = x0 + Double(title.count) * 7.2 <= width
            body += SVGCharts.text(titleRight ? x0 : x1, y + 14, title, size: 12, anchor: titleRight ? "start" : "end", weight: "bold")
            body += "<rect x=\"\(f(x0))\" y=\"\(f(y + 20))\" width=\"\(f(x1 - x0))\" height=\"16\" rx=\"3\" fill=\"\(base)\"><title>\(HTMLReport.escape("\(phase.name.text(input.language)): \(input.text.date(phase.start)) – \(input.text.date(phase.end))"))</title></rect>"
            body += "<rect x=\"\(f(x0))\" y=\"\(f(y + 20))\" width=\"\(f((x1 - x0) * share))\" height=\"16\" rx=\"3\" fill=\"\(strong)\"/>"
            let label = "\(done)/\(items.count) " + input.t("done", "hoàn thành") + (late > 0 ? " · \(late) " + input.t("late", "chậm tiến độ") : "")
            let labelX = x1 + 6 + Double(label.count) * 6.4 > width ? x0 - 6 : x1 + 6
            body += SVGCharts.text(labelX, y + 33, label, size: 11, anchor: labelX < x0 ? "end" : "start", fill: late > 0 ? "#c62828" : "#333")
        }
        if !quarters.isEmpty {
            let y = top + rowH * Double(phases.count)
            body += SVGCharts.text(axis.left, y + 14, input.text.scheduleRowTitle, size: 12, weight: "bold")
            let most = Double(quarters.map(\.items).max() ?? 1)
            for q in quarters {
                let x0 = axis.x(q.quarter.first), x1 = axis.xAfter(q.quarter.last)
                let h = max(2, 36 * Double(q.items) / most)
                body += "<rect x=\"\(f(x0 + 1))\" y=\"\(f(y + 58 - h))\" width=\"\(f(max(1, x1 - x0 - 2)))\" height=\"\(f(h))\" fill=\"\(q.carriedOver > 0 ? "#ef6c00" : "#1565c0")\"><title>\(HTMLReport.escape(input.text.quarterTooltip(q, money: input.money)))</title></rect>"
                body += SVGCharts.text((x0 + x1) / 2, y + 56 - h, "\(q.items)", size: 9, anchor: "middle", fill: "#333")
            }
        }
        body += axis.todayLine(plan.today, label: input.t("today", "hôm nay") + " " + input.text.date(plan.today),
                               top: top - 8, bottom: height - 20, labelY: height - 6, canvasWidth: width)
        return "<svg class=\"chart\" role=\"img\" aria-label=\"\(HTMLReport.escape(input.t("Phase timeline", "Tiến độ các giai đoạn")))\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" font-family=\"DejaVu Sans, Noto Sans, Segoe UI, Arial, sans-serif\">\(body)</svg>"
    }
}
