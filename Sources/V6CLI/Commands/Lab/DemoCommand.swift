import V6Core
import V6Lab
import V6System

/// `v6ready demo`: the one-command tour. As root: builds a lab from the example inventory, scans it, assesses it,
/// writes the plan and reports, removes the lab. Without root: renders the plan from the recorded scan.
struct DemoCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["demo"], abstract: "The tour: lab from the example inventory, scan, assessment, plan and reports in reports/demo/.",
        discussion: """
        As root, builds a network of namespaces that stands in for the example province: every inventoried address
        answers as the inventory says, the servers it names run for real (NSD with the zones its host names imply,
        signed with a key of the run; nginx with TLS certificates made by openssl; an SMTP listener), and the
        scanner asks the lab's own name server, never this machine's resolver, and validates DNSSEC from the lab's
        own trust anchor. Ten cases are broken on purpose, among them the security ones: SSH filtered over IPv4
        only (ipv6-exposed), another certificate on an IPv6 listener, a name whose signatures expired (bogus). The
        demo lists each with what it must find, scans the lab over IPv4 and IPv6, and shows what it intended beside
        what it found: "N of N cases found as intended, M findings not intended" (exit 1 unless every case was
        found and nothing else); the reports list the security findings under their own heading. Then it writes the assessment and the
        phased plan to reports/demo/ under the program in force today (the 2026–2030 IPv6-only program, with how
        the 2022–2025 program closed: each target met or missed by N points, its open items carried over and
        scheduled quarter by quarter), and removes the lab (also when a step fails); a run killed half-way is cleaned up
        by the next demo or lab down. Nothing leaves this machine.
        Without root (or without the lab's servers and tools) it says so and renders the plan from the recorded scan in
        examples/recorded-scan/.
        """,
        examples: ["sudo v6ready demo", "v6ready demo --lang en", "v6ready demo --recorded --date 2024-06-30   # as the 2022–2025 plan stood then"])

    @Option("--inventory", value: "DIR", help: "The inventory to play (default: inventories/example).") var inventory: String?
    @Option("--lang", value: "vi|en", help: "Report language (default: vi).") var language: ReportLanguage = .vi
    @Option("--output", short: "-o", value: "DIR", help: "Where the reports go (default: reports/demo).") var output: String = "reports/demo"
    @Flag("--recorded", help: "Skip the lab even as root: render from the recorded scan.") var recorded: Bool
    @OptionGroup var program: ProgramOptions

    static let recordedScans = "examples/recorded-scan"

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        if inventory == nil, !FileSystem.isDirectory(console.resolve("inventories/example")) {
            throw .environment("the demo plays the example inventory: run it from the v6ready repository folder (where inventories/example is), or give --inventory DIR")
        }
        let store = try InventoryStore.locate(inventory ?? "inventories/example", console: console)
        let loaded = try store.load()
        let support = Lab.isSupported()
        // The lab runs the servers the inventory names; without them the demo would judge servers that are not there.
        let servers = InventoryLab.missing
        let scanPath: String
        var scanPaths: [String] = []
        var comparison: InventoryLabComparison?
        if currentUserIsRoot && support.supported && servers == nil && !recorded {
            let live = try DemoLab(store: store, inventory: loaded, reports: output).scan(console: console)
            scanPath = live.scanPath
            scanPaths = [live.scanPath] + (live.ipv6OnlyScanPath.map { [$0] } ?? [])
            comparison = live.comparison
        } else {
            let why = !currentUserIsRoot ? "it needs root (network namespaces and raw sockets): run sudo v6ready demo"
                : recorded ? "--recorded was given"
                : !support.supported ? "the lab cannot be built here (\(support.reason))"
                : "the lab's servers are not installed (\(servers ?? ""))"
            console.out("The live demo is skipped: \(why).")
            console.out("Rendering the plan from the recorded scan shipped in \(Self.recordedScans)/ instead.")
            guard let name = ScanHistory.scanNames((try? FileSystem.listDirectory(console.resolve(Self.recordedScans))) ?? []).last else {
                throw .environment("no recorded scan in \(Self.recordedScans)/ (run the demo from the repository's folder)")
            }
            scanPath = Self.recordedScans + "/" + name
            scanPaths = [scanPath]
        }
        // The lab is gone: what follows reads and writes as sudo's invoking user, not as root.
        try PrivilegeModel.leaveRoot()
        let chosen = try program.load(console)
        console.out("3/4  Assessing readiness and planning under \(chosen.id), the program in force on \(program.today)…")
        let inputs = try PlanningInputs(store: store, inventory: loaded, program: chosen, today: program.today,
                                        scanPaths: scanPaths, scanStore: ScanStore(reports: output, console: console), console: console)
        let reports = try PlanReports(inputs, language: language, output: output, console: console)
        for line in reports.summaryLines() + reports.closeOutLines() { console.out(line) }
        console.out("4/4  Done. Open \(reports.writer.shown)plan.html in a browser (charts, printable), or read \(reports.writer.shown)plan.md;")
        if scanPaths.count > 1 {
            console.out("     the scans are \(scanPaths[0]) (dual-stack) and \(scanPaths[1]) (IPv6-only client); try next: "
                + "v6ready assess --inventory \(store.display) " + scanPaths.map { "--scan \($0)" }.joined(separator: " "))
        } else {
            console.out("     the scan is \(scanPath); try next: v6ready assess --inventory \(store.display) --scan \(scanPath)")
        }
        if let comparison, !comparison.isAsIntended {
            // The lab broke what it says and nothing else: anything else is a bug of the lab or of the scanner.
            console.error("v6ready: the scan did not find exactly what the demo broke on purpose (\(comparison.summary)); see the table above")
            return .findings
        }
        return .success
    }
}

extension DemoCommand: RootThroughoutCommand {}
