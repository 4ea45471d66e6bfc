/// `assess`'s text output: readiness per agency and per category with a column per status, and the records whose
/// IPv6 is broken (published but unreachable), which come first in any plan.
public enum AssessmentText {
    public static func render(_ assessment: Assessment, program: Program, agencyNames: [String: String], language: ReportLanguage) -> String {
        let x = ReportText(language)
        let scan = assessment.scanName.map { "\($0)" + (assessment.scanTime.map { ", \($0)" } ?? "") } ?? x.t("no scan", "chưa có bản quét")
        var out = x.t("IPv6 readiness", "Sẵn sàng IPv6") + " — \(assessment.inventoryName) (\(scan))\n\n"
        let statusColumns: [(ReadinessStatus, String)] = [
            (.dualStack, x.t("DUAL", "SONG SONG")), (.ipv6Only, x.t("V6-ONLY", "THUẦN V6")), (.configured, x.t("UNVERIFIED", "CHƯA KIỂM")),
            (.capable, x.t("CAPABLE", "HỖ TRỢ")), (.needsUpgrade, x.t("UPGRADE", "NÂNG CẤP")), (.needsReplacement, x.t("REPLACE", "THAY THẾ")),
            (.ipv6Broken, x.t("BROKEN", "V6 LỖI")), (.unknown, x.t("UNKNOWN", "CHƯA RÕ")),
        ]
        func row(_ s: ReadinessScore, _ label: String, _ name: String) -> [String] {
            [label, String(s.total)] + statusColumns.map { String(s.count($0.0)) } + [x.percent(s.percent), name]
        }
        var agencies = TextTable([x.t("AGENCY", "CƠ QUAN"), x.t("RECORDS", "SỐ ĐT")] + statusColumns.map(\.1) + [x.t("READY", "SẴN SÀNG"), x.t("NAME", "TÊN")])
        for s in assessment.agencyScores { agencies.add(row(s, s.key, agencyNames[s.key] ?? "")) }
        agencies.add(row(assessment.overall, x.t("TOTAL", "TỔNG"), ""))
        out += agencies.render() + "\n"
        var categories = TextTable([x.t("CATEGORY", "HẠNG MỤC"), x.t("RECORDS", "SỐ ĐT")] + statusColumns.map(\.1) + [x.t("READY", "SẴN SÀNG"), x.t("NAME", "TÊN")])
        for s in assessment.categoryScores { categories.add(row(s, s.key, program.category(s.key)?.name.text(language) ?? "")) }
        out += categories.render()
        let broken = assessment.items.filter { $0.status == .ipv6Broken }
        if !broken.isEmpty {
            out += "\n" + x.t("IPv6 broken (published but unreachable — fix first):", "IPv6 lỗi (có địa chỉ nhưng không truy cập được — cần khắc phục trước):")
                + " " + broken.map(\.id).joined(separator: ", ") + "\n"
        }
        out += ipv6Only(assessment, x: x)
        return out
    }

    /// Services per agency and category as IPv6-only clients see them (only after a scan from an IPv6-only vantage).
    static func ipv6Only(_ assessment: Assessment, x: ReportText) -> String {
        let (agencies, categories) = IPv6OnlyTally.of(assessment.items)
        guard !agencies.isEmpty else { return "" }
        var out = "\n" + x.t("Services for IPv6-only clients (nat64: works only through the translator — publish AAAA / move to IPv6):",
                             "Dịch vụ với máy khách chỉ IPv6 (nat64: chỉ hoạt động qua bộ chuyển đổi — công bố AAAA / chuyển sang IPv6):") + "\n"
        for (title, tallies) in [(x.t("AGENCY", "CƠ QUAN"), agencies), (x.t("CATEGORY", "HẠNG MỤC"), categories)] {
            var table = TextTable([title, "NATIVE", "NAT64", x.t("BROKEN", "LỖI"), x.t("UNCHECKED", "CHƯA KIỂM")])
            for t in tallies { table.add([t.key, String(t.native), String(t.nat64), String(t.broken), String(t.unchecked)]) }
            out += table.render()
        }
        return out
    }
}
