import V6Core

/// `v6ready assess`: the readiness of every device, service and segment, per agency and per category.
struct AssessCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["assess"], abstract: "Assess IPv6 readiness of every device, service and segment from inventory, catalog and scan.",
        discussion: """
        Each record gets one verdict with its evidence (scan file, time and probe lines; catalog entry):
        dual stack (verified), IPv6-only, configured but not verified, IPv4-only but capable (configure it),
        needs a firmware upgrade (to which version), needs replacement, IPv6 broken (published but unreachable:
        the worst case), unknown (no data). Scores are given per agency and per category of the program.
        Without --scan it uses the scans check uses: the newest whole-inventory scan under reports/scans/ plus newer
        site scans; with none, the catalog alone (said on stderr).
        """,
        examples: ["v6ready assess --inventory inventories/example",
                   "v6ready assess --scan examples/recorded-scan/20240515T020000Z.jsonl --lang vi",
                   "v6ready assess --json | jq '.items[] | select(.status == \"ipv6-broken\")'"])

    @OptionGroup var inventory: InventoryOptions
    @OptionGroup var scans: ScanInputOptions
    @OptionGroup var reports: ReportsOptions
    @OptionGroup var program: ProgramOptions
    @OptionGroup var language: LanguageOptions
    @Flag(.json) var json: Bool

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let inputs = try PlanningInputs.load(inventory: inventory, program: program, scans: scans, reports: reports, requireScan: false, console: console)
        let assessment = inputs.assess()
        if json {
            var report = ReportJSON.assessment(assessment, agencyNames: inputs.agencyNames)
            if case var .object(members) = report {
                members.append(("scans", .array(inputs.scans.map { .string($0.shownPath) })))
                report = .object(members)
            }
            console.out(JSONWriter.compact(report))
        } else {
            console.outRaw(AssessmentText.render(assessment, program: inputs.program, agencyNames: inputs.agencyNames, language: language.language))
        }
        return .success
    }
}
