import V6Core
import V6Lab
import V6System

/// `v6ready demo`: the one-command tour. As root: builds a lab from the example inventory, scans it, assesses it,
/// writes the plan and reports, removes the lab. Without root: renders the plan from the recorded scan.
struct DemoCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["demo"], abstract: "The tour: lab from the example inventory, scan, assessment, plan and reports in reports/demo/.",
        discussion: """
        As root, builds a network of namespaces that stands in for the example province (every inventoried address
        answers as the inventory says, a few services are broken on purpose), scans it over IPv4 and IPv6, writes
        the assessment and the phased plan to reports/demo/, and removes the lab. Nothing leaves this machine.
        Without root it says so and renders the plan from the recorded scan in examples/recorded-scan/.
        """,
        examples: ["sudo v6ready demo", "v6ready demo --lang en"])

    @Option("--inventory", value: "DIR", help: "The inventory to play (default: inventories/example).") var inventory: String?
    @Option("--lang", value: "vi|en", help: "Report language (default: vi).") var language: ReportLanguage = .vi
    @Option("--output", short: "-o", value: "DIR", help: "Where the reports go (default: reports/demo).") var output: String = "reports/demo"
    @Flag("--recorded", help: "Skip the lab even as root: render from the recorded scan.") var recorded: Bool

    static let recordedScans = "examples/recorded-scan"

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        if inventory == nil, !FileSystem.isDirectory(console.resolve("inventories/example")) {
            throw .environment("the demo plays the example inventory: run it from the v6ready repository folder (where inventories/example is), or give --inventory DIR")
        }
        let store = try InventoryStore.locate(inventory ?? "inventories/example", console: console)
        let loaded = try store.load()
        let support = Lab.isSupported()
        let scanPath: String
        var date: CalendarDate?
        if currentUserIsRoot && support.supported && !recorded {
            scanPath = try DemoLab(store: store, inventory: loaded, reports: output).scan(console: console)
        } else {
            let why = !currentUserIsRoot ? "it needs root (network namespaces and raw sockets): run sudo v6ready demo"
                : recorded ? "--recorded was given" : "the lab cannot be built here (\(support.reason))"
            console.out("The live demo is skipped: \(why).")
            console.out("Rendering the plan from the recorded scan shipped in \(Self.recordedScans)/ instead.")
            guard let name = ScanHistory.scanNames((try? FileSystem.listDirectory(console.resolve(Self.recordedScans))) ?? []).last else {
                throw .environment("no recorded scan in \(Self.recordedScans)/ (run the demo from the repository's folder)")
            }
            scanPath = Self.recordedScans + "/" + name
            date = CalendarDate(year: 2024, month: 6, day: 30)   // the recorded scan's season, so "late" means what it meant then
        }
        console.out("3/4  Assessing readiness and planning the 2022–2025 migration…")
        var program = ProgramOptions()
        program.date = date
        let inputs = try PlanningInputs(store: store, inventory: loaded, program: try program.load(console), today: program.today,
                                        scanPaths: [scanPath], scanStore: ScanStore(reports: output, console: console), console: console)
        let reports = try PlanReports(inputs, language: language, output: output, console: console)
        for line in reports.summaryLines() { console.out(line) }
        console.out("4/4  Done. Open \(reports.writer.shown)plan.html in a browser (charts, printable), or read \(reports.writer.shown)plan.md;")
        console.out("     the scan is \(scanPath); try next: v6ready assess --inventory \(store.display) --scan \(scanPath)")
        return .success
    }
}
