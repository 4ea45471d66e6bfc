/// The schedule and close-out sections of `plan.md` and `plan.html`, as rows both renderers lay out.
enum ScheduleSections {
    struct Table {
        var header: [String]
        var rows: [[String]]
    }

    /// One row per quarter with something due.
    static func quarters(_ input: ReportInput) -> Table {
        Table(header: [input.t("Quarter", "Quý"), input.t("Due by", "Hạn"), input.t("Items", "Số hạng mục"),
                       input.t("Carried over", "Chuyển tiếp"), input.t("Cost", "Kinh phí")],
              rows: ScheduleSummary.quarters(input.plan).map { q in
                  [q.quarter.description, input.text.date(q.quarter.last), "\(q.items)", "\(q.carriedOver)", input.money(q.cost)]
              })
    }

    /// The ended program's final targets against what was reached.
    static func closeOut(_ input: ReportInput, _ c: ProgramCloseOut) -> Table {
        Table(header: [input.t("Category", "Hạng mục"), input.t("Target by end of", "Chỉ tiêu đến cuối năm"),
                       input.t("Reached", "Đạt được"), input.t("Result", "Kết quả")],
              rows: c.targets.map { t in
                  [c.program.category(t.category)?.name.text(input.language) ?? t.category,
                   "\(input.text.percent(t.target)) · \(t.year)", input.text.percent(t.reached), input.text.closedResult(t)]
              })
    }

    static func markdown(_ input: ReportInput, table: ([String], [[String]]) -> Void, line: (String) -> Void) {
        if let c = input.plan.closeOut {
            line("## " + input.text.closeOutTitle(c)); line("")
            line(input.text.closeOutSummary(c, next: input.program)); line("")
            let t = closeOut(input, c)
            table(t.header, t.rows)
        }
        line("## " + input.t("Forward schedule", "Lịch thực hiện")); line("")
        line(input.text.capacityLine(input.program.capacity, money: input.money)); line("")
        if input.plan.overCapacity > 0 { line(input.text.overCapacityLine(input.plan.overCapacity)); line("") }
        let q = quarters(input)
        if q.rows.isEmpty { line(input.t("Nothing left to schedule.", "Không còn hạng mục nào cần xếp lịch.")); line("") } else { table(q.header, q.rows) }
    }

    static func htmlTable(_ t: Table, numeric: Set<Int>, line: (String) -> Void) {
        line("<table><thead><tr>" + t.header.map { "<th>\(HTMLReport.escape($0))</th>" }.joined() + "</tr></thead><tbody>")
        for row in t.rows {
            line("<tr>" + row.enumerated().map { i, c in numeric.contains(i) ? "<td class=\"n\">\(HTMLReport.escape(c))</td>" : "<td>\(HTMLReport.escape(c))</td>" }.joined() + "</tr>")
        }
        line("</tbody></table>")
    }

    static func html(_ input: ReportInput, line: (String) -> Void) {
        func table(_ t: Table, numeric: Set<Int>) { htmlTable(t, numeric: numeric, line: line) }
        if let c = input.plan.closeOut {
            line("<h2>\(HTMLReport.escape(input.text.closeOutTitle(c)))</h2>")
            line("<p>\(HTMLReport.escape(input.text.closeOutSummary(c, next: input.program)))</p>")
            table(closeOut(input, c), numeric: [1, 2])
        }
        line("<h2>\(HTMLReport.escape(input.t("Forward schedule", "Lịch thực hiện")))</h2>")
        line("<p>\(HTMLReport.escape(input.text.capacityLine(input.program.capacity, money: input.money)))</p>")
        if input.plan.overCapacity > 0 { line("<p>\(HTMLReport.escape(input.text.overCapacityLine(input.plan.overCapacity)))</p>") }
        let q = quarters(input)
        if !q.rows.isEmpty { table(q, numeric: [2, 3, 4]) }
    }
}
