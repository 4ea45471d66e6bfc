/// A program as people read it (`v6ready programs ID`) and as scripts read it (`--json`).
public enum ProgramText {
    public static func detail(_ p: Program, language: ReportLanguage) -> String {
        let x = ReportText(language)
        var out = "\(p.name.text(language))\n\(p.id): \(p.period.lowerBound) – \(p.period.upperBound)"
            + (p.follows.map { ", " + x.t("continues", "tiếp nối") + " \($0)" } ?? "") + "\n"
        if let source = p.source { out += "\n" + source.text(language) + "\n" }
        out += "\n" + x.t("PHASES", "GIAI ĐOẠN") + "\n"
        var phases = TextTable(["ID", x.t("FROM", "TỪ"), x.t("TO", "ĐẾN"), x.t("NAME", "TÊN")])
        for phase in p.phases { phases.add([phase.id, phase.start.description, phase.end.description, phase.name.text(language)]) }
        out += phases.render()
        for (title, targets) in [(x.t("TARGETS: works over IPv6, % of records", "CHỈ TIÊU: hoạt động qua IPv6, % số đối tượng"), p.targets),
                                 (x.t("TARGETS: IPv6-only, % of records", "CHỈ TIÊU: thuần IPv6, % số đối tượng"), p.ipv6OnlyTargets)] where !targets.isEmpty {
            let years = Array(Set(targets.flatMap { $0.percentByYear.keys })).sorted()
            var table = TextTable([x.t("CATEGORY", "HẠNG MỤC")] + years.map(String.init) + [x.t("SOURCE", "NGUỒN")])
            for t in targets {
                table.add([t.category] + years.map { y in t.percent(atEndOf: y).map { JSONWriter.formatNumber($0) } ?? "-" }
                          + [(t.derived ? x.t("derived: ", "suy ra: ") : "") + (t.source ?? "")])
            }
            out += "\n" + title + "\n" + table.render()
        }
        if let rule = p.equipmentRule { out += "\n" + x.t("From", "Từ") + " \(rule.from): " + rule.text.text(language) + "\n" }
        if let c = p.capacity {
            out += x.t("Capacity per quarter", "Năng lực mỗi quý") + ": \(c.itemsPerQuarter) " + x.t("items", "hạng mục")
                + (c.itemsPerAgencyPerQuarter.map { ", \($0) " + x.t("per agency", "mỗi cơ quan") } ?? "")
                + (c.budgetPerQuarter.map { ", " + JSONWriter.formatNumber($0) + " \(p.currency)" } ?? "") + "\n"
        }
        return out
    }

    public static func json(_ p: Program) -> JSONValue {
        func targets(_ list: [CategoryTarget]) -> JSONValue {
            .array(list.map { t in
                var o = JSONObjectBuilder()
                o.add("category", t.category)
                o.add("percent", .object(t.percentByYear.keys.sorted().map { (String($0), .number(t.percentByYear[$0]!)) }))
                o.add("derived", .bool(t.derived))
                o.addIfPresent("source", t.source)
                return o.value
            })
        }
        var o = JSONObjectBuilder()
        o.add("id", p.id)
        o.add("name", .object([("en", .string(p.name.en)), ("vi", .string(p.name.vi))]))
        o.add("start", p.period.lowerBound.description)
        o.add("end", p.period.upperBound.description)
        o.addIfPresent("follows", p.follows)
        o.add("phases", .array(p.phases.map { .object([("id", .string($0.id)), ("start", .string($0.start.description)), ("end", .string($0.end.description))]) }))
        o.add("targets", targets(p.targets))
        o.add("ipv6_only_targets", targets(p.ipv6OnlyTargets))
        return o.value
    }
}
