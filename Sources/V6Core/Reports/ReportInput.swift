/// What every report renderer needs besides the plan: the language and the display names of agencies.
public struct ReportInput: Sendable {
    public var plan: MigrationPlan
    public var agencyNames: [String: String]
    public var text: ReportText
    /// Every item, or (for a large province) a summary that points to the agency files.
    public var detail: ReportDetail
    /// The scan's security findings (parity, ICMPv6, TLS, management), listed under "Security" when there are any.
    public var security: [(record: String, code: String, message: String)] = []

    public init(plan: MigrationPlan, agencyNames: [String: String], language: ReportLanguage) {
        self.plan = plan; self.agencyNames = agencyNames; self.text = ReportText(language)
        self.detail = .automatic(itemCount: plan.items.count)
    }

    public init(plan: MigrationPlan, inventory: Inventory, language: ReportLanguage) {
        var names: [String: String] = [:]
        let text = ReportText(language)
        for a in inventory.agencies {
            // The current tree: an agency dissolved by the plan's date keeps its records, and says it is gone.
            names[a.id] = a.dissolved.flatMap { $0 <= plan.today ? a.name + text.t(" (dissolved \(text.date($0)))", " (đã giải thể \(text.date($0)))") : nil } ?? a.name
        }
        self.init(plan: plan, agencyNames: names, language: language)
    }

    var program: Program { plan.program }
    var assessment: Assessment { plan.assessment }
    var language: ReportLanguage { text.language }

    func t(_ en: String, _ vi: String) -> String { text.t(en, vi) }
    func agencyName(_ id: String?) -> String { id.map { agencyNames[$0] ?? $0 } ?? "" }
    func categoryName(_ id: String?) -> String { id.flatMap { program.category($0)?.name.text(language) } ?? (id ?? "") }
    func phaseName(_ index: Int) -> String { program.phases[index].name.text(language) }
    func phaseLabel(_ index: Int) -> String { t("Phase", "Giai đoạn") + " \(index + 1)" }

    /// `IPv6 readiness and migration plan` / `Sẵn sàng IPv6 và kế hoạch chuyển đổi`.
    var title: String { t("IPv6 readiness and migration plan", "Sẵn sàng IPv6 và Kế hoạch chuyển đổi") + " — " + assessment.inventoryName }

    var scanLine: String {
        guard let name = assessment.scanName else {
            return t("none — assessed from the inventory and the capability catalog alone", "chưa có — đánh giá theo kiểm kê và danh mục thiết bị")
        }
        return name + (assessment.scanTime.map { " (\($0))" } ?? "")
    }

    /// Statuses in display order with their counts for one score.
    static let statusOrder = ReadinessStatus.allCases

    /// "… and N more: see the agency files (agencies/)".
    func moreInAgencyFiles(_ n: Int) -> String {
        t("… and \(n) more: see the agency files (\(AgencyReports.folder)/)", "… và \(n) đối tượng khác: xem các tệp theo cơ quan (\(AgencyReports.folder)/)")
    }

    var lateLabel: String { t("Late", "Chậm tiến độ") }

    /// Money with the program's currency.
    func money(_ v: Double) -> String { text.money(v) + " " + program.currency }
}
