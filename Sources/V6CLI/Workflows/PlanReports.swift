import V6Core
import V6System

/// Planning and writing the reports, as `plan` and the demo do it: assess, plan in dependency order, render every
/// report file, write them all atomically into one folder: the province's five files, and each agency's item list
/// as `agencies/<id>.md|html|csv`.
struct PlanReports {
    static let fileNames = ["plan.md", "plan.html", "plan.csv", "scores.csv", "plan.json"]

    let assessment: Assessment
    let plan: MigrationPlan
    let input: ReportInput
    let writer: ReportWriter
    let files: [(name: String, bytes: [UInt8])]
    /// How many of `files` are per-agency item lists.
    let agencyFileCount: Int

    /// Plans from `inputs` and writes the reports to `output` (default: reports/<inventory folder name>/).
    init(_ inputs: PlanningInputs, language: ReportLanguage, output: String?, console: Console) throws(CLIError) {
        assessment = inputs.assess()
        var planned = Planner.plan(inputs.inventory, assessment: assessment, program: inputs.program, today: inputs.today,
                                   suggestedPrefixes: AddressPlanStore(inventory: inputs.store).suggestedPrefixes(for: inputs.inventory))
        if !inputs.program.ipv6OnlyTargets.isEmpty {
            planned.ipv6Only = IPv6OnlyReadiness.assess(planned, inventory: inputs.inventory, verified: inputs.ipv6OnlyVerified)
        }
        plan = planned
        var input = ReportInput(plan: plan, inventory: inputs.inventory, language: language)
        input.security = inputs.scan?.securityFindingLines ?? []
        self.input = input
        let agencyFiles = Self.renderAgencies(input)
        files = Self.render(input) + agencyFiles
        agencyFileCount = agencyFiles.count
        writer = ReportWriter(directory: output ?? "reports/" + FileSystem.baseName(of: inputs.store.directory), console: console)
        try writer.write(files)
    }

    /// The province's files (the agency files are counted, not listed: a province has hundreds).
    var shownFiles: [String] { files.prefix(files.count - agencyFileCount).map { writer.shownPath($0.name) } }
    var shownAgencyFolder: String { writer.shownPath(AgencyReports.folder + "/") }
    var replacementCount: Int { plan.replacements.filter { $0.kind == .device }.count }

    /// Every report file's name and bytes.
    static func render(_ input: ReportInput) -> [(name: String, bytes: [UInt8])] {
        [("plan.md", Array(MarkdownReport.render(input).utf8)),
         ("plan.html", Array(HTMLReport.render(input).utf8)),
         ("plan.csv", CSVReport.planItems(input)),
         ("scores.csv", CSVReport.scores(input)),
         ("plan.json", Array(JSONWriter.pretty(ReportJSON.plan(input.plan, agencyNames: input.agencyNames)).utf8))]
    }

    /// How the previous program closed and where its open work went, for the demo (nothing when none closed).
    func closeOutLines() -> [String] {
        guard let c = plan.closeOut else { return [] }
        let x = input.text
        let quarters = ScheduleSummary.quarters(plan)
        let results = c.targets.map { t in
            "\(c.program.category(t.category)?.name.text(x.language) ?? t.category) \(x.percent(t.reached))/\(x.percent(t.target)) \(x.closedResult(t))"
        }
        let carried = plan.items.filter { $0.carriedFrom != nil }.count
        return [x.closeOutTitle(c) + ": " + results.joined(separator: "; "),
                x.t("Live program \(plan.program.id): \(carried) items carried over", "Chương trình đang áp dụng \(plan.program.id): \(carried) hạng mục chuyển tiếp")
                    + (quarters.first.map { q in ", " + x.t("scheduled", "xếp lịch") + " \(q.quarter) – \(quarters.last!.quarter)" } ?? "")]
    }

    /// Each agency's item list in Markdown, HTML and CSV.
    static func renderAgencies(_ input: ReportInput) -> [(name: String, bytes: [UInt8])] {
        AgencyReports.inputs(input).flatMap { agency, narrowed -> [(name: String, bytes: [UInt8])] in
            [(AgencyReports.path(agency, "md"), Array(MarkdownReport.render(narrowed).utf8)),
             (AgencyReports.path(agency, "html"), Array(HTMLReport.render(narrowed).utf8)),
             (AgencyReports.path(agency, "csv"), CSVReport.planItems(narrowed))]
        }
    }

    /// The two lines `plan` prints: what was written, and readiness, lateness and replacements.
    func summaryLines() -> [String] {
        let x = input.text
        let ready = assessment.overall
        return [x.t("Wrote", "Đã ghi") + " " + shownFiles.joined(separator: ", ") + "; "
                    + x.t("per agency", "theo cơ quan") + ": \(shownAgencyFolder) (\(agencyFileCount))",
                x.t("Ready for IPv6", "Sẵn sàng IPv6") + ": \(ready.ready)/\(ready.total) (\(x.percent(ready.percent))); "
                    + x.t("late", "chậm tiến độ") + ": \(plan.lateItems.count); " + x.t("to replace", "cần thay thế") + ": \(replacementCount)"]
    }
}
