/// `plan.html`: one self-contained page — inline CSS and SVG, no scripts, no fonts or images from anywhere —
/// that prints well (@media print) and escapes every name it shows.
public enum HTMLReport {
    /// Escapes text for HTML element content and attribute values, and for the inline SVG (XML): characters XML
    /// cannot carry at all, even as references (NUL and the other C0 controls but tab, LF and CR; U+FFFE, U+FFFF),
    /// become U+FFFD, so a NUL in a name cannot cut the page's SVG short.
    public static func escape(_ s: String) -> String {
        // Most names and ids have nothing to escape: given back as they are. Control bytes and 0xEF (the lead
        // byte of U+FFFE/U+FFFF) take the slow path, which replaces what XML forbids.
        if !s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 < 0x20 || $0 == 0xEF }) {
            return s
        }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case _ where (ch.value < 0x20 && ch != "\t" && ch != "\n" && ch != "\r") || ch.value == 0xFFFE || ch.value == 0xFFFF:
                out += "\u{FFFD}"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static let style = """
    body{font-family:"DejaVu Sans","Noto Sans","Segoe UI",Arial,sans-serif;color:#222;margin:24px auto;max-width:1200px;padding:0 16px;line-height:1.4}
    h1{font-size:26px;margin-bottom:4px}h2{font-size:20px;border-bottom:2px solid #1565c0;padding-bottom:4px;margin-top:32px}
    h3{font-size:16px;margin-top:24px}
    table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0 16px}
    th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
    th{background:#e3f2fd}td.n{text-align:right;white-space:nowrap}
    tr.late td{background:#ffebee}tr.done td{color:#555}
    .meta{color:#444;margin:0 0 12px;padding:0;list-style:none}.meta li{margin:2px 0}
    .chart{max-width:100%;height:auto;display:block;margin:8px 0 16px}
    .badge{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-size:12px;white-space:nowrap}
    .late-flag{color:#c62828;font-weight:bold;white-space:nowrap}
    details summary{cursor:pointer;color:#1565c0}
    .evidence{font-size:12px;color:#444;margin:2px 0 0 16px;padding:0}
    .summary{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
    .summary div{border:1px solid #ccc;border-radius:6px;padding:8px 12px;min-width:150px}
    .summary b{display:block;font-size:22px}
    @media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}.chart,.summary,tr{break-inside:avoid}
    table{font-size:10px}details summary{color:#222}a{color:#222;text-decoration:none}}
    """

    public static func render(_ input: ReportInput) -> String {
        let plan = input.plan, a = input.assessment, x = input.text
        var out = ""
        func line(_ s: String) { out += s + "\n" }
        func table(_ header: [String], _ rows: [(cells: [String], numeric: Set<Int>, rowClass: String?)]) {
            line("<table><thead><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>")
            for row in rows {
                let cells = row.cells.enumerated().map { i, c in row.numeric.contains(i) ? "<td class=\"n\">\(c)</td>" : "<td>\(c)</td>" }
                line("<tr\(row.rowClass.map { " class=\"\($0)\"" } ?? "")>" + cells.joined() + "</tr>")
            }
            line("</tbody></table>")
        }
        /// Per agency counts, linking each agency's item list.
        func agencyTable(_ lines: [ReportSummary.AgencyLine]) {
            table(MarkdownReport.agencyHeader(input), lines.map { l in
                let link = l.agency.isEmpty ? "" : "<a href=\"\(escape(AgencyReports.path(l.agency, "html")))\">\(escape(AgencyReports.path(l.agency, "html")))</a>"
                return ([escape(l.agency.isEmpty ? input.t("(province-wide)", "(toàn tỉnh)") : input.agencyName(l.agency)), "\(l.items)", "\(l.done)",
                         "\(l.late)", escape(input.money(l.cost)), link], [1, 2, 3, 4], l.late > 0 ? "late" : nil)
            })
        }
        func badge(_ s: ReadinessStatus) -> String {
            "<span class=\"badge\" style=\"background:\(SVGCharts.color(s))\">\(escape(x.status(s)))</span>"
        }
        line("<!DOCTYPE html>")
        line("<html lang=\"\(input.language.rawValue)\">")
        line("<head>")
        line("<meta charset=\"utf-8\">")
        line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        line("<title>\(escape(input.title))</title>")
        line("<style>\n\(style)\n</style>")
        line("</head>")
        line("<body>")
        line("<h1>\(escape(input.title))</h1>")
        line("<ul class=\"meta\">")
        line("<li>\(escape(input.t("Date", "Ngày đánh giá"))): \(escape(x.date(plan.today)))</li>")
        line("<li>\(escape(input.t("Scan", "Bản quét"))): \(escape(input.scanLine))</li>")
        line("<li>\(escape(input.t("Program", "Chương trình"))): \(escape(input.program.name.text(input.language)))</li>")
        if let source = input.program.source { line("<li>\(escape(input.t("Basis", "Căn cứ"))): \(escape(source.text(input.language)))</li>") }
        line("</ul>")

        let overall = a.overall
        let total = plan.budget.map(\.total).reduce(0, +)
        line("<div class=\"summary\">")
        line("<div>\(escape(input.t("Ready for IPv6", "Sẵn sàng IPv6")))<b>\(escape(x.percent(overall.percent)))</b>\(overall.ready)/\(overall.total)</div>")
        line("<div>\(escape(input.t("IPv6 broken", "IPv6 lỗi")))<b>\(overall.count(.ipv6Broken))</b>\(escape(input.t("worst case", "nghiêm trọng nhất")))</div>")
        line("<div>\(escape(input.lateLabel))<b>\(plan.lateItems.count)</b>\(escape(input.t("items", "đối tượng")))</div>")
        if let c = plan.closeOut {
            line("<div>\(escape(input.t("Carried over", "Chuyển tiếp")))<b>\(plan.items.filter { $0.carriedFrom != nil }.count)</b>\(escape(input.t("from", "từ") + " " + c.program.id))</div>")
        }
        line("<div>\(escape(input.t("To replace", "Cần thay thế")))<b>\(plan.replacements.filter { $0.kind == .device }.count)</b>\(escape(input.t("devices", "thiết bị")))</div>")
        line("<div>\(escape(input.t("Planned budget", "Kinh phí dự kiến")))<b>\(escape(x.money(total)))</b>\(escape(input.program.currency))</div>")
        line("</div>")

        line("<h2>\(escape(input.t("IPv6 readiness by agency", "Mức độ sẵn sàng IPv6 theo cơ quan")))</h2>")
        line(SVGCharts.readinessByAgency(input))
        let statusHeader = ReportInput.statusOrder.map(x.status)
        let numericColumns = Set(1...(ReportInput.statusOrder.count + 2))
        table([input.t("Agency", "Cơ quan"), input.t("Records", "Số đối tượng")] + statusHeader + [input.t("Ready", "Sẵn sàng")],
              a.agencyScores.map { s in
                  ([escape(input.agencyName(s.key)), "\(s.total)"] + ReportInput.statusOrder.map { "\(s.count($0))" } + [escape(x.percent(s.percent))],
                   numericColumns, nil)
              })
        line("<h2>\(escape(input.t("IPv6 readiness by category", "Mức độ sẵn sàng IPv6 theo hạng mục")))</h2>")
        table([input.t("Category", "Hạng mục"), input.t("Records", "Số đối tượng")] + statusHeader + [input.t("Ready", "Sẵn sàng")],
              a.categoryScores.map { s in
                  ([escape(input.categoryName(s.key)), "\(s.total)"] + ReportInput.statusOrder.map { "\(s.count($0))" } + [escape(x.percent(s.percent))],
                   numericColumns, nil)
              })

        ScheduleSections.html(input, line: line)
        line("<h2>\(escape(input.t("Progress against yearly targets", "Tiến độ so với mục tiêu theo năm")))</h2>")
        line(SVGCharts.targets(input))
        let years = input.program.years
        table([input.t("Category", "Hạng mục"), input.t("Now", "Hiện tại")] + years.map { "\($0) " + input.t("target / planned", "mục tiêu / kế hoạch") } + [input.t("Status", "Tình trạng")],
              plan.targets.map { t in
                  ([escape(input.categoryName(t.category)), escape(x.percent(t.currentPercent))]
                   + t.years.map { y in escape((y.target.map(x.percent) ?? "–") + " / " + (y.planned.map(x.percent) ?? "–")) }
                   + [t.behind ? "<span class=\"late-flag\">\(escape(MarkdownReport.targetStatus(t, input)))</span>" : escape(MarkdownReport.targetStatus(t, input))],
                   Set(1...(years.count + 1)), t.behind ? "late" : nil)
              })

        IPv6OnlySections.html(input, line: line)
        line("<h2>\(escape(input.t("Phase timeline", "Tiến độ các giai đoạn")))</h2>")
        line(SVGTimeline.render(input))

        line("<h2>\(escape(input.t("Migration plan", "Kế hoạch chuyển đổi")))</h2>")
        line("<p>\(escape(input.t("Items in dependency order: the address plan first, a site's edge routers and firewalls before the hosts behind them, a host before its services, DNS before the names it publishes.", "Các đối tượng theo thứ tự phụ thuộc: quy hoạch địa chỉ trước; bộ định tuyến và tường lửa biên của mỗi điểm trước các máy phía sau; máy chủ trước dịch vụ chạy trên nó; DNS trước các tên miền mà nó công bố.")))</p>")
        let assessed = Dictionary(a.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (i, phase) in input.program.phases.enumerated() {
            line("<h3>\(escape(input.phaseLabel(i) + ": " + phase.name.text(input.language))) (\(escape(x.date(phase.start))) – \(escape(x.date(phase.end))))</h3>")
            if !phase.tasks.isEmpty { line("<ul>" + phase.tasks.map { "<li>\(escape($0.text(input.language)))</li>" }.joined() + "</ul>") }
            let items = plan.items(inPhase: i)
            if items.isEmpty { line("<p>\(escape(input.t("No inventory items.", "Không có đối tượng nào.")))</p>"); continue }
            if input.detail == .summary {
                agencyTable(ReportSummary.byAgency(items))
                line("<p><b>\(escape(input.t("Worst items", "Các đối tượng cần chú ý nhất")))</b></p>")
            }
            table(["#", input.t("Item", "Đối tượng"), input.t("Agency", "Cơ quan"), input.t("Readiness", "Hiện trạng"),
                   input.t("Actions", "Công việc"), input.t("After", "Sau khi xong"), input.t("Due", "Hạn")],
                  (input.detail == .summary ? ReportSummary.worst(items) : items).map { item in
                      var name = "<b>\(escape(item.kind == .addressPlan ? x.itemName(item) : item.id))</b>"
                      if item.kind != .addressPlan { name += "<br>\(escape(item.name))" }
                      name += "<br><small>\(escape(x.kind(item.kind)))</small>"
                      var actions = escape(x.actions(item))
                      if item.late { actions = "<span class=\"late-flag\">⚠ \(escape(input.lateLabel))</span> " + actions }
                      if let facts = assessed[item.id]?.evidence, !facts.isEmpty {
                          actions += "<details><summary>\(escape(input.t("Evidence", "Bằng chứng")))</summary><ul class=\"evidence\">"
                              + facts.map { "<li>\(escape(x.evidence($0, scanName: a.scanName, scanTime: a.scanTime)))</li>" }.joined()
                              + "</ul></details>"
                      }
                      let deps = item.dependsOn.map { $0 == PlanItem.addressPlanID ? x.t("address plan", "quy hoạch địa chỉ") : $0 }
                      return (["\(item.order)", name, escape(input.agencyName(item.agency)), item.status.map(badge) ?? "", actions,
                               "<small>\(escape(deps.joined(separator: ", ")))</small>", escape(x.due(item))],
                              [0], item.late ? "late" : item.done ? "done" : nil)
                  })
        }

        line("<h2>\(escape(input.t("IPv6 broken or ICMPv6 filtered: evidence", "IPv6 lỗi hoặc ICMPv6 bị chặn: bằng chứng")))</h2>")
        let (broken, moreBroken) = ReportSummary.brokenItems(a, detail: input.detail)
        if broken.isEmpty { line("<p>\(escape(input.t("None.", "Không có.")))</p>") }
        for item in broken {
            line("<p><b>\(escape(item.id))</b> (\(escape(item.name))) \(badge(item.status))</p>")
            line("<ul class=\"evidence\">" + item.evidence.map { "<li>\(escape(x.evidence($0, scanName: a.scanName, scanTime: a.scanTime)))</li>" }.joined() + "</ul>")
        }
        if moreBroken > 0 { line("<p>\(escape(input.moreInAgencyFiles(moreBroken)))</p>") }

        if !input.security.isEmpty {
            line("<h2>\(escape(input.t("Security", "An toàn thông tin")))</h2>")
            table([input.t("Record", "Đối tượng"), input.t("Finding", "Phát hiện"), input.t("Detail", "Chi tiết")],
                  input.security.map { (cells: [escape($0.record), escape($0.code), escape($0.message)], numeric: [], rowClass: nil) })
        }

        line("<h2>\(escape(input.t("What cannot convert: replacements", "Thiết bị không thể chuyển đổi: cần thay thế")))</h2>")
        if plan.replacements.isEmpty { line("<p>\(escape(input.t("None.", "Không có.")))</p>") } else if input.detail == .summary {
            agencyTable(ReportSummary.byAgency(plan.replacements))
        } else {
            table([input.t("Device", "Thiết bị"), input.t("Agency", "Cơ quan"), input.t("Model", "Chủng loại"),
                   input.t("Replacement year", "Năm thay thế"), input.t("Cost", "Kinh phí")],
                  plan.replacements.map { item in
                      let action = item.actions.first { $0.kind == .replaceDevice }
                      return ([escape("\(item.id) — \(item.name)"), escape(input.agencyName(item.agency)), escape(action?.from ?? ""),
                               item.year.map(String.init) ?? "", escape(action?.cost.map(input.money) ?? input.t("no price", "chưa có giá"))],
                              [3, 4], item.late ? "late" : nil)
                  })
        }

        line("<h2>\(escape(input.t("Budget per year", "Kinh phí theo năm")))</h2>")
        table([input.t("Year", "Năm"), input.t("Replacements", "Thay thế thiết bị"), input.t("Firmware upgrades", "Nâng cấp firmware"),
               input.t("Configuration", "Cấu hình"), input.t("Fixes", "Khắc phục lỗi"), input.t("Total", "Tổng cộng"),
               input.t("Actions without a price", "Công việc chưa có đơn giá")],
              plan.budget.map { b in
                  (["\(b.year)", escape("\(b.replacements) · \(input.money(b.replacementCost))"), escape("\(b.upgrades) · \(input.money(b.upgradeCost))"),
                    escape("\(b.configurations) · \(input.money(b.configurationCost))"), escape("\(b.fixes) · \(input.money(b.fixCost))"),
                    escape(input.money(b.total)), "\(b.unpriced)"], Set(0...6), nil)
              })

        line("<h2>\(escape(input.t("IPv6-only pilot candidates", "Đề xuất thí điểm thuần IPv6")))</h2>")
        line("<p>\(escape(plan.pilotCandidates.isEmpty ? input.t("No segment is fully dual-stack yet.", "Chưa có phân đoạn nào chạy song song hoàn toàn.") : input.t("Segments whose every device already works over IPv6: ", "Các phân đoạn mà mọi thiết bị đã hoạt động qua IPv6: ") + plan.pilotCandidates.joined(separator: ", ")))</p>")

        line("<h2>\(escape(input.t("Legend", "Chú giải")))</h2>")
        line("<ul>" + ReportInput.statusOrder.map { "<li>\(badge($0)) \(escape(x.statusMeaning($0)))</li>" }.joined() + "</ul>")
        line("</body>")
        line("</html>")
        return out
    }
}
