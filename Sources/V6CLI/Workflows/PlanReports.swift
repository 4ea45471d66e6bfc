import V6Core
import V6System

/// Planning and writing the reports, as `plan` and the demo do it: assess, plan in dependency order, render every
/// report file, write them all atomically into one folder.
struct PlanReports {
    static let fileNames = ["plan.md", "plan.html", "plan.csv", "scores.csv", "plan.json"]

    let assessment: Assessment
    let plan: MigrationPlan
    let input: ReportInput
    let writer: ReportWriter
    let files: [(name: String, bytes: [UInt8])]

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
        input.security = inputs.scan?.security.findingLines ?? []
        self.input = input
        files = Self.render(input)
        writer = ReportWriter(directory: output ?? "reports/" + FileSystem.baseName(of: inputs.store.directory), console: console)
        try writer.write(files)
    }

    var shownFiles: [String] { files.map { writer.shownPath($0.name) } }
    var replacementCount: Int { plan.replacements.filter { $0.kind == .device }.count }

    /// Every report file's name and bytes.
    static func render(_ input: ReportInput) -> [(name: String, bytes: [UInt8])] {
        [("plan.md", Array(MarkdownReport.render(input).utf8)),
         ("plan.html", Array(HTMLReport.render(input).utf8)),
         ("plan.csv", CSVReport.planItems(input)),
         ("scores.csv", CSVReport.scores(input)),
         ("plan.json", Array(JSONWriter.pretty(ReportJSON.plan(input.plan, agencyNames: input.agencyNames)).utf8))]
    }

    /// The two lines `plan` prints: what was written, and readiness, lateness and replacements.
    func summaryLines() -> [String] {
        let x = input.text
        let ready = assessment.overall
        return [x.t("Wrote", "Đã ghi") + " " + shownFiles.joined(separator: ", "),
                x.t("Ready for IPv6", "Sẵn sàng IPv6") + ": \(ready.ready)/\(ready.total) (\(x.percent(ready.percent))); "
                    + x.t("late", "chậm tiến độ") + ": \(plan.lateItems.count); " + x.t("to replace", "cần thay thế") + ": \(replacementCount)"]
    }
}
