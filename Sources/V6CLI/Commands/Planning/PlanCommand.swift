import V6Core

/// `v6ready plan`: the phased migration plan, written as Markdown, HTML, CSV and JSON reports.
struct PlanCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["plan"], abstract: "Write the phased migration plan and its forward schedule as Markdown, HTML (with charts), CSV and JSON reports.",
        discussion: """
        Every record is placed in a phase of the program with concrete actions (assign a prefix, enable dual stack,
        upgrade firmware X to Y, replace, publish AAAA, fix the firewall's ICMPv6 policy), in dependency order,
        with yearly targets against the current state, what cannot convert and when it is replaced, a budget per
        year, and what is late on --date. The program is the one in force on --date (2026–2030 IPv6-only from
        2026, with how 2022–2025 closed and its open items carried over). Every open item is scheduled into a
        quarter on or after --date, after what it depends on, levelled by the program's capacity (--capacity
        ITEMS[,BUDGET] overrides it). Reports go to reports/<inventory>/ (plan.md, plan.html, plan.csv,
        scores.csv, plan.json); the same input always gives the same bytes.
        Change phases, years, targets and category mappings in a copy of programs/ipv6-for-gov-2022-2025.json
        and pass it with --program.
        """,
        examples: ["v6ready plan --inventory inventories/example --lang vi",
                   "v6ready plan --scan examples/recorded-scan/20240515T020000Z.jsonl --date 2024-06-30 -o /tmp/report",
                   "v6ready plan --date 2026-12-03 --capacity 40,200000000",
                   "v6ready plan --program my-program.json"])

    @OptionGroup var inventory: InventoryOptions
    @OptionGroup var scans: ScanInputOptions
    @OptionGroup var reports: ReportsOptions
    @OptionGroup var program: ProgramOptions
    @OptionGroup var language: LanguageOptions
    @Option("--output", short: "-o", value: "DIR", help: "Write the reports here (default: reports/<inventory folder name>/).") var output: String?
    @Flag("--json", help: "Print a JSON summary (files written, counts) on stdout.") var json: Bool

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let inputs = try PlanningInputs.load(inventory: inventory, program: program, scans: scans, reports: reports, requireScan: false, console: console)
        let reports = try PlanReports(inputs, language: language.language, output: output, console: console)
        if json {
            var o = JSONObjectBuilder()
            o.add("output", reports.writer.shown)
            o.add("files", strings: reports.shownFiles)
            o.add("agency_files", reports.agencyFileCount)
            o.add("items", reports.plan.items.count)
            o.add("done", reports.plan.items.filter(\.done).count)
            o.add("late", reports.plan.lateItems.count)
            o.add("replacements", reports.replacementCount)
            o.add("carried_over", reports.plan.items.filter { $0.carriedFrom != nil }.count)
            o.addIfPresent("last_due", reports.plan.items.compactMap(\.due).max()?.description)
            o.add("scans", strings: inputs.scans.map(\.shownPath))
            console.out(JSONWriter.compact(o.value))
        } else {
            for line in reports.summaryLines() { console.out(line) }
        }
        return .success
    }
}
