/// The IPv6-only readiness section of `plan.md` and `plan.html` (programs with IPv6-only targets): per category
/// and per agency the share that can run with no IPv4 and the share seen doing so, per year against the targets.
enum IPv6OnlySections {
    static func title(_ input: ReportInput) -> String { input.t("IPv6-only readiness", "Mức độ sẵn sàng IPv6 only") }

    static func intro(_ input: ReportInput, _ r: IPv6OnlyReadiness) -> [String] {
        var lines = [input.t("Capable: the catalog says the model (or a service's host) runs with no IPv4 at all. Working: a scan from an IPv6-only vantage (\"vantage\":\"ipv6-only\") saw it answer. Each year: the program's IPv6-only target / the share capable at the year's end if the plan is carried out.",
                             "Có khả năng: danh mục thiết bị xác nhận thiết bị (hoặc máy chủ của dịch vụ) chạy được khi không có IPv4. Đang hoạt động: bản quét từ điểm chỉ có IPv6 (\"vantage\":\"ipv6-only\") thấy đối tượng trả lời. Mỗi năm: chỉ tiêu IPv6 only của chương trình / tỷ lệ có khả năng vào cuối năm nếu thực hiện đúng kế hoạch.")]
        if let rule = input.program.equipmentRule {
            lines.append(rule.text.text(input.language) + " "
                         + input.t("\(r.ruledReplacements) planned replacements fall under it.", "\(r.ruledReplacements) thiết bị thay thế theo kế hoạch thuộc quy định này."))
        }
        return lines
    }

    static func categories(_ input: ReportInput, _ r: IPv6OnlyReadiness) -> ScheduleSections.Table {
        let x = input.text
        let years = r.categories.first?.years.map(\.year) ?? []
        return ScheduleSections.Table(
            header: [input.t("Category", "Hạng mục"), input.t("Records", "Số đối tượng"), input.t("IPv6-only capable", "Có khả năng IPv6 only"),
                     input.t("IPv6-only working", "Đang chạy IPv6 only")] + years.map(String.init),
            rows: r.categories.map { s in
                [input.categoryName(s.key), "\(s.total)", "\(x.percent(s.capablePercent)) (\(s.capable))", "\(x.percent(s.verifiedPercent)) (\(s.verified))"]
                    + s.years.map { (y: (year: Int, target: Double?, planned: Double)) in (y.target.map(x.percent) ?? "–") + " / " + x.percent(y.planned) }
            })
    }

    static func agencies(_ input: ReportInput, _ r: IPv6OnlyReadiness) -> ScheduleSections.Table {
        let x = input.text
        return ScheduleSections.Table(
            header: [input.t("Agency", "Cơ quan"), input.t("Records", "Số đối tượng"), input.t("IPv6-only capable", "Có khả năng IPv6 only"),
                     input.t("IPv6-only working", "Đang chạy IPv6 only")],
            rows: r.agencies.map { s in
                [input.agencyName(s.key), "\(s.total)", "\(x.percent(s.capablePercent)) (\(s.capable))", "\(x.percent(s.verifiedPercent)) (\(s.verified))"]
            })
    }

    static func markdown(_ input: ReportInput, table: ([String], [[String]]) -> Void, line: (String) -> Void) {
        guard let r = input.plan.ipv6Only else { return }
        line("## " + title(input)); line("")
        for text in intro(input, r) { line(text); line("") }
        for t in [categories(input, r), agencies(input, r)] { table(t.header, t.rows) }
    }

    static func html(_ input: ReportInput, line: (String) -> Void) {
        guard let r = input.plan.ipv6Only else { return }
        line("<h2>\(HTMLReport.escape(title(input)))</h2>")
        for text in intro(input, r) { line("<p>\(HTMLReport.escape(text))</p>") }
        for t in [categories(input, r), agencies(input, r)] { ScheduleSections.htmlTable(t, numeric: [1, 2, 3], line: line) }
    }
}
