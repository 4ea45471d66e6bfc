import V6Core
import V6System

/// `v6ready plan`: the phased migration plan, written as Markdown, HTML, CSV and JSON reports.
enum PlanCommand {
    static let spec = CommandSpec(
        ["plan"], abstract: "Write the phased 2022–2025 migration plan as Markdown, HTML (with charts), CSV and JSON reports.",
        discussion: """
        Every record is placed in a phase of the program with concrete actions (assign a prefix, enable dual stack,
        upgrade firmware X to Y, replace, publish AAAA, fix the firewall's ICMPv6 policy), in dependency order,
        with yearly targets against the current state, what cannot convert and when it is replaced, a budget per
        year, and what is late on --date. Reports go to reports/<inventory>/ (plan.md, plan.html, plan.csv,
        scores.csv, plan.json); the same input always gives the same bytes.
        Change phases, years, targets and category mappings in a copy of programs/ipv6-for-gov-2022-2025.json
        and pass it with --program.
        """,
        options: PlanningInputs.options + [
            OptionSpec("--output", short: "-o", value: "DIR", "Write the reports here (default: reports/<inventory folder name>/)."),
            OptionSpec("--json", "Print a JSON summary (files written, counts) on stdout."),
        ],
        examples: ["v6ready plan --inventory inventories/example --lang vi",
                   "v6ready plan --scan examples/recorded-scan/20240515T020000Z.jsonl --date 2024-06-30 -o /tmp/report",
                   "v6ready plan --program my-program.json"],
        run: run)

    static let fileNames = ["plan.md", "plan.html", "plan.csv", "scores.csv", "plan.json"]

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let inputs = try PlanningInputs.load(args, &console)
        let assessment = inputs.assess()
        let suggested = AddrplanCommand.suggestedPrefixes(inputs.store, inputs.inventory)
        let plan = Planner.plan(inputs.inventory, assessment: assessment, program: inputs.program, today: inputs.today,
                                suggestedPrefixes: suggested)
        let input = ReportInput(plan: plan, inventory: inputs.inventory, language: inputs.language)
        let files = render(input)
        let output = args.value("--output") ?? "reports/" + FileSystem.baseName(of: inputs.store.directory)
        let directory = console.resolve(output)
        do {
            try FileSystem.createDirectory(directory, recursive: true)
            try AtomicFile.writeAll(files.map { (directory + "/" + $0.name, $0.bytes) })
        } catch {
            throw .environment("cannot write the reports to \(output): \(error)")
        }
        let shown = output.hasSuffix("/") ? output : output + "/"
        let late = plan.lateItems.count
        if args.flag("--json") {
            var o = JSONObjectBuilder()
            o.add("output", shown)
            o.add("files", strings: files.map { shown + $0.name })
            o.add("items", plan.items.count)
            o.add("done", plan.items.filter(\.done).count)
            o.add("late", late)
            o.add("replacements", plan.replacements.filter { $0.kind == .device }.count)
            console.out(JSONWriter.compact(o.value))
        } else {
            let x = input.text
            console.out(x.t("Wrote", "Đã ghi") + " " + files.map { shown + $0.name }.joined(separator: ", "))
            let ready = assessment.overall
            console.out(x.t("Ready for IPv6", "Sẵn sàng IPv6") + ": \(ready.ready)/\(ready.total) (\(x.percent(ready.percent))); "
                        + x.t("late", "chậm tiến độ") + ": \(late); " + x.t("to replace", "cần thay thế") + ": \(plan.replacements.filter { $0.kind == .device }.count)")
        }
        return .success
    }

    /// Every report file's name and bytes.
    static func render(_ input: ReportInput) -> [(name: String, bytes: [UInt8])] {
        [("plan.md", Array(MarkdownReport.render(input).utf8)),
         ("plan.html", Array(HTMLReport.render(input).utf8)),
         ("plan.csv", CSVReport.planItems(input)),
         ("scores.csv", CSVReport.scores(input)),
         ("plan.json", Array(JSONWriter.pretty(ReportJSON.plan(input.plan, agencyNames: input.agencyNames)).utf8))]
    }
}
