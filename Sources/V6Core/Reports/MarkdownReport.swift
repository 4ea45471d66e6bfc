/// `plan.md`: the plan as Markdown that reads well in git and in a diff (stable order, no timestamps but the
/// input date and the scan's).
public enum MarkdownReport {
    public static func render(_ input: ReportInput) -> String {
        let plan = input.plan, a = input.assessment, x = input.text
        var out: [String] = []
        func table(_ header: [String], _ rows: [[String]]) {
            out.append("| " + header.map(cell).joined(separator: " | ") + " |")
            out.append("|" + header.map { _ in " --- |" }.joined())
            for row in rows { out.append("| " + row.map(cell).joined(separator: " | ") + " |") }
            out.append("")
        }
        out.append("# " + md(input.title))
        out.append("")
        out.append("- " + input.t("Date", "Ngày đánh giá") + ": " + x.date(plan.today))
        out.append("- " + input.t("Scan", "Bản quét") + ": " + md(input.scanLine))
        out.append("- " + input.t("Program", "Chương trình") + ": " + md(input.program.name.text(input.language)))
        if let source = input.program.source { out.append("- " + input.t("Basis", "Căn cứ") + ": " + md(source.text(input.language))) }
        out.append("")

        let overall = a.overall
        out.append("## " + input.t("Summary", "Tóm tắt"))
        out.append("")
        out.append("- " + input.t("Records assessed", "Số đối tượng được đánh giá") + ": \(overall.total)")
        out.append("- " + input.t("Ready for IPv6 (verified)", "Sẵn sàng IPv6 (đã kiểm chứng)") + ": \(overall.ready) (\(x.percent(overall.percent)))")
        out.append("- " + input.t("IPv6 broken (worst case)", "IPv6 lỗi (nghiêm trọng nhất)") + ": \(overall.count(.ipv6Broken))")
        out.append("- " + input.lateLabel + ": \(plan.lateItems.count)")
        if let c = plan.closeOut { out.append("- " + input.t("Carried over from \(c.program.id)", "Chuyển tiếp từ \(c.program.id)") + ": \(plan.items.filter { $0.carriedFrom != nil }.count)") }
        out.append("- " + input.t("Devices to replace", "Thiết bị cần thay thế") + ": \(plan.replacements.filter { $0.kind == .device }.count)")
        out.append("- " + input.t("Planned budget", "Kinh phí dự kiến") + ": " + input.money(plan.budget.map(\.total).reduce(0, +)))
        if let current = plan.currentPhase {
            out.append("- " + input.t("Current phase", "Giai đoạn hiện tại") + ": " + input.phaseLabel(current) + " — " + md(input.phaseName(current)))
        }
        out.append("")

        let statusHeader = ReportInput.statusOrder.map(x.status)
        out.append("## " + input.t("IPv6 readiness by agency", "Mức độ sẵn sàng IPv6 theo cơ quan"))
        out.append("")
        table([input.t("Agency", "Cơ quan"), input.t("Records", "Số đối tượng")] + statusHeader + [input.t("Ready", "Sẵn sàng")],
              a.agencyScores.map { s in
                  [input.agencyName(s.key), "\(s.total)"] + ReportInput.statusOrder.map { "\(s.count($0))" } + [x.percent(s.percent)]
              })
        out.append("## " + input.t("IPv6 readiness by category", "Mức độ sẵn sàng IPv6 theo hạng mục"))
        out.append("")
        table([input.t("Category", "Hạng mục"), input.t("Records", "Số đối tượng")] + statusHeader + [input.t("Ready", "Sẵn sàng")],
              a.categoryScores.map { s in
                  [input.categoryName(s.key), "\(s.total)"] + ReportInput.statusOrder.map { "\(s.count($0))" } + [x.percent(s.percent)]
              })

        ScheduleSections.markdown(input, table: table, line: { out.append($0) })
        out.append("## " + input.t("Yearly targets", "Mục tiêu theo năm"))
        out.append("")
        out.append(input.t("Each year: target / planned share of records working over IPv6 at the year's end.",
                           "Mỗi năm: mục tiêu / tỷ lệ dự kiến theo kế hoạch các đối tượng hoạt động qua IPv6 vào cuối năm."))
        out.append("")
        let years = input.program.years
        table([input.t("Category", "Hạng mục"), input.t("Now", "Hiện tại")] + years.map(String.init) + [input.t("Status", "Tình trạng")],
              plan.targets.map { t in
                  [input.categoryName(t.category), x.percent(t.currentPercent)]
                      + t.years.map { y in (y.target.map(x.percent) ?? "–") + " / " + (y.planned.map(x.percent) ?? "–") }
                      + [targetStatus(t, input)]
              })

        IPv6OnlySections.markdown(input, table: table, line: { out.append($0) })
        out.append("## " + input.t("Phases", "Các giai đoạn"))
        out.append("")
        table(["#", input.t("Phase", "Giai đoạn"), input.t("Start", "Bắt đầu"), input.t("End", "Kết thúc"),
               input.t("Items", "Số đối tượng"), input.t("Done", "Đã hoàn thành"), input.lateLabel],
              input.program.phases.enumerated().map { i, p in
                  let items = plan.items(inPhase: i)
                  return ["\(i + 1)", p.name.text(input.language), x.date(p.start), x.date(p.end), "\(items.count)",
                          "\(items.filter(\.done).count)", "\(items.filter(\.late).count)"]
              })

        out.append("## " + input.t("Migration plan", "Kế hoạch chuyển đổi"))
        out.append("")
        out.append(input.t("Items in dependency order: the address plan first, a site's edge routers and firewalls before the hosts behind them, a host before its services, DNS before the names it publishes.",
                           "Các đối tượng theo thứ tự phụ thuộc: quy hoạch địa chỉ trước; bộ định tuyến và tường lửa biên của mỗi điểm trước các máy phía sau; máy chủ trước dịch vụ chạy trên nó; DNS trước các tên miền mà nó công bố."))
        out.append("")
        for (i, phase) in input.program.phases.enumerated() {
            out.append("### " + input.phaseLabel(i) + ": " + md(phase.name.text(input.language)) + " (" + x.date(phase.start) + " – " + x.date(phase.end) + ")")
            out.append("")
            for task in phase.tasks { out.append("- " + md(task.text(input.language))) }
            if !phase.tasks.isEmpty { out.append("") }
            let items = plan.items(inPhase: i)
            if items.isEmpty { out.append(input.t("No inventory items.", "Không có đối tượng nào.")); out.append(""); continue }
            if input.detail == .summary {
                table(agencyHeader(input), agencyRows(ReportSummary.byAgency(items), input, ext: "md"))
                out.append("**" + input.t("Worst items", "Các đối tượng cần chú ý nhất") + "**")
                out.append("")
            }
            table(["#", input.t("Item", "Đối tượng"), input.t("Kind", "Loại"), input.t("Agency", "Cơ quan"),
                   input.t("Readiness", "Hiện trạng"), input.t("Actions", "Công việc"), input.t("After", "Sau khi xong"),
                   input.t("Due", "Hạn"), input.lateLabel],
                  (input.detail == .summary ? ReportSummary.worst(items) : items).map { item in
                      ["\(item.order)", item.kind == .addressPlan ? x.itemName(item) : "\(item.id) — \(item.name)", x.kind(item.kind),
                       input.agencyName(item.agency), item.status.map(x.status) ?? "", x.actions(item),
                       item.dependsOn.map { $0 == PlanItem.addressPlanID ? x.t("address plan", "quy hoạch địa chỉ") : $0 }.joined(separator: ", "),
                       x.due(item), item.late ? "⚠ " + input.lateLabel : ""]
                  })
        }

        let (broken, moreBroken) = ReportSummary.brokenItems(a, detail: input.detail)
        out.append("## " + input.t("IPv6 broken or ICMPv6 filtered: evidence", "IPv6 lỗi hoặc ICMPv6 bị chặn: bằng chứng"))
        out.append("")
        if broken.isEmpty { out.append(input.t("None.", "Không có.")) }
        for item in broken {
            out.append("- **\(md(item.id))** (\(md(item.name))) — \(x.status(item.status))")
            for fact in item.evidence { out.append("  - " + md(x.evidence(fact, scanName: a.scanName, scanTime: a.scanTime))) }
        }
        if moreBroken > 0 { out.append("- " + input.moreInAgencyFiles(moreBroken)) }
        out.append("")

        if !input.security.isEmpty {
            out.append("## " + input.t("Security", "An toàn thông tin"))
            out.append("")
            table([input.t("Record", "Đối tượng"), input.t("Finding", "Phát hiện"), input.t("Detail", "Chi tiết")],
                  input.security.map { [$0.record, $0.code, $0.message] })
        }

        out.append("## " + input.t("What cannot convert: replacements", "Thiết bị không thể chuyển đổi: cần thay thế"))
        out.append("")
        let replacements = plan.replacements
        if replacements.isEmpty {
            out.append(input.t("None.", "Không có."))
            out.append("")
        } else if input.detail == .summary {
            table(agencyHeader(input), agencyRows(ReportSummary.byAgency(replacements), input, ext: "md"))
        } else {
            table([input.t("Device", "Thiết bị"), input.t("Agency", "Cơ quan"), input.t("Model", "Chủng loại"),
                   input.t("Replacement year", "Năm thay thế"), input.t("Cost", "Kinh phí")],
                  replacements.map { item in
                      let action = item.actions.first { $0.kind == .replaceDevice }
                      return ["\(item.id) — \(item.name)", input.agencyName(item.agency), action?.from ?? "", item.year.map(String.init) ?? "",
                              action?.cost.map(input.money) ?? input.t("no price", "chưa có giá")]
                  })
        }

        out.append("## " + input.t("Budget per year", "Kinh phí theo năm"))
        out.append("")
        table([input.t("Year", "Năm"), input.t("Replacements", "Thay thế thiết bị"), input.t("Firmware upgrades", "Nâng cấp firmware"),
               input.t("Configuration", "Cấu hình"), input.t("Fixes", "Khắc phục lỗi"), input.t("Total", "Tổng cộng"),
               input.t("Actions without a price", "Công việc chưa có đơn giá")],
              plan.budget.map { b in
                  ["\(b.year)", "\(b.replacements) · \(input.money(b.replacementCost))", "\(b.upgrades) · \(input.money(b.upgradeCost))",
                   "\(b.configurations) · \(input.money(b.configurationCost))", "\(b.fixes) · \(input.money(b.fixCost))",
                   input.money(b.total), "\(b.unpriced)"]
              })

        out.append("## " + input.t("IPv6-only pilot candidates", "Đề xuất thí điểm thuần IPv6"))
        out.append("")
        out.append(plan.pilotCandidates.isEmpty
                   ? input.t("No segment is fully dual-stack yet.", "Chưa có phân đoạn nào chạy song song hoàn toàn.")
                   : input.t("Segments whose every device already works over IPv6: ", "Các phân đoạn mà mọi thiết bị đã hoạt động qua IPv6: ")
                     + md(plan.pilotCandidates.joined(separator: ", ")))
        out.append("")

        out.append("## " + input.t("Legend", "Chú giải"))
        out.append("")
        for s in ReportInput.statusOrder { out.append("- **\(x.status(s))**: \(x.statusMeaning(s))") }
        return out.joined(separator: "\n") + "\n"
    }

    static func agencyHeader(_ input: ReportInput) -> [String] {
        [input.t("Agency", "Cơ quan"), input.t("Items", "Số đối tượng"), input.t("Done", "Đã hoàn thành"), input.lateLabel,
         input.t("Cost", "Kinh phí"), input.t("Item list", "Danh sách chi tiết")]
    }

    /// One row per agency, linking its item list in `agencies/`.
    static func agencyRows(_ lines: [ReportSummary.AgencyLine], _ input: ReportInput, ext: String) -> [[String]] {
        lines.map { l in
            [l.agency.isEmpty ? input.t("(province-wide)", "(toàn tỉnh)") : input.agencyName(l.agency), "\(l.items)", "\(l.done)", "\(l.late)",
             input.money(l.cost), l.agency.isEmpty ? "" : "[\(AgencyReports.path(l.agency, ext))](\(AgencyReports.path(l.agency, ext)))"]
        }
    }

    static func targetStatus(_ t: TargetProgress, _ input: ReportInput) -> String {
        guard let year = t.dueYear, let due = t.dueTarget else { return input.text.liveTarget(t) ?? input.t("no target yet", "chưa đến hạn") }
        return t.behind
            ? input.t("behind: \(input.text.percent(due)) due by end of \(year)", "chậm: mục tiêu \(input.text.percent(due)) cuối năm \(year)")
            : input.t("on track", "đạt tiến độ")
    }

    /// A table cell: markup (pipes too) escaped, line breaks flattened.
    static func cell(_ s: String) -> String { MarkdownText.escaped(s) }

    /// Text from the inventory, program or scan outside a table: the same escaping.
    static func md(_ s: String) -> String { MarkdownText.escaped(s) }
}
