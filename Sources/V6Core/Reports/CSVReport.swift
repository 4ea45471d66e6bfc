/// CSV for Excel: UTF-8 with a byte order mark (so Vietnamese opens intact), CRLF, one row per plan item
/// (`plan.csv`) and one per agency and category (`scores.csv`). No cell can run as a formula.
public enum CSVReport {
    public static func planItems(_ input: ReportInput) -> [UInt8] {
        let x = input.text, a = input.assessment
        let header = ["#", input.t("Phase", "Giai đoạn"), input.t("Kind", "Loại"), "ID", input.t("Name", "Tên"),
                      input.t("Agency", "Cơ quan"), input.t("Category", "Hạng mục"), input.t("Readiness", "Hiện trạng"),
                      input.t("Actions", "Công việc"), input.t("Depends on", "Phụ thuộc"), input.lateLabel,
                      input.t("Year", "Năm"), input.t("Quarter", "Quý"), input.t("Due", "Hạn"), input.t("Carried over from", "Chuyển tiếp từ"),
                      input.t("Late since", "Chậm từ"), input.t("Cost", "Kinh phí") + " (\(input.program.currency))", input.t("Evidence", "Bằng chứng")]
        let assessed = Dictionary(a.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = input.plan.items.map { item -> [String] in
            let evidence = assessed[item.id]?.evidence.map { x.evidence($0, scanName: a.scanName, scanTime: a.scanTime) } ?? []
            return ["\(item.order)", "\(item.phase + 1)", x.kind(item.kind), item.kind == .addressPlan ? "" : item.id, x.itemName(item),
                    input.agencyName(item.agency), input.categoryName(item.category), item.status.map(x.status) ?? "",
                    x.actions(item), item.dependsOn.filter { $0 != PlanItem.addressPlanID }.joined(separator: " "),
                    item.late ? x.yesNo(true) : "", item.year.map(String.init) ?? "", item.quarter?.description ?? "",
                    item.due.map(x.date) ?? "", item.carriedFrom ?? "", item.lateSince.map(x.date) ?? "", item.done ? "" : JSONWriter.formatNumber(item.cost),
                    evidence.joined(separator: " | ")]
        }
        return CSV.format(header: header, rows: rows, byteOrderMark: true, guardingFormulas: true)
    }

    public static func scores(_ input: ReportInput) -> [UInt8] {
        let x = input.text, a = input.assessment
        let header = [input.t("Group", "Nhóm"), "ID", input.t("Name", "Tên"), input.t("Records", "Số đối tượng")]
            + ReportInput.statusOrder.map(x.status) + [input.t("Ready %", "Tỷ lệ sẵn sàng (%)")]
        func row(_ group: String, _ s: ReadinessScore, _ name: String) -> [String] {
            [group, s.key, name, "\(s.total)"] + ReportInput.statusOrder.map { "\(s.count($0))" }
                + [JSONWriter.formatNumber((s.percent * 10).rounded() / 10)]
        }
        let rows = a.agencyScores.map { row(input.t("agency", "cơ quan"), $0, input.agencyName($0.key)) }
            + a.categoryScores.map { row(input.t("category", "hạng mục"), $0, input.categoryName($0.key)) }
        return CSV.format(header: header, rows: rows, byteOrderMark: true, guardingFormulas: true)
    }
}
