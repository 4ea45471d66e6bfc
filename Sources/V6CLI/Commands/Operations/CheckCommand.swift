import Foundation
import V6Core
import V6System

/// `v6ready check`: the unattended compliance check for cron and systemd timers. Its exit code is the answer:
/// 0 compliant, 1 not compliant, 2 bad input, 3 environment (lock held, no raw sockets, deadline passed).
struct CheckCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["check"], abstract: "Check the network against the plan's targets or a policy, and against the last scan (for cron and systemd timers).",
        discussion: """
        Evaluates a policy on the newest scans (the newest whole-inventory scan plus newer site scans, as assess and
        plan choose them; or --scan FILE, once per site to merge several scanners; --scan-now scans first): without
        --policy, the program's yearly targets for today; with it, the rules of a policy file (services-green,
        dual-stack-percent, no-ipv6-broken, no-unknown-hosts, max-scan-age, program-targets; see
        docs/operations.md). It also compares the scan with the previous one of the same site: a regression (a
        service that lost IPv6, a device that stopped answering on one family) is non-compliant unless --ignore-drift.

        Exit codes: 0 compliant, 1 not compliant, 2 bad input or usage, 3 environment (another check holds the
        lock reports/.v6ready-check.lock, no raw sockets for --scan-now, the --deadline passed), 4 internal error.
        --prometheus FILE writes node_exporter's textfile-collector format atomically; --keep N deletes all but the
        N newest scans.
        """,
        examples: [
            "v6ready check --inventory inventories/example",
            "v6ready check --policy policies/daily.json --scan-now --deadline 600 --keep 30 --prometheus /var/lib/prometheus/node-exporter/v6ready.prom",
            "v6ready check --scan reports/scans/A.jsonl --scan reports/scans/B.jsonl --date 2025-12-31 --json",
        ])

    @OptionGroup var inventory: InventoryOptions
    @Option("--policy", value: "FILE", help: "A policy file (JSON, schema 1). Default: the program's targets for today.") var policy: String?
    @OptionGroup var program: ProgramOptions
    @OptionGroup var scans: ScanInputOptions
    @Option("--previous", value: "FILE", repeatableHelp: "The scan to compare with (default: the one before it from the same site).") var previous: [String]
    @OptionGroup var reports: ReportsOptions
    @Flag("--scan-now", help: "Scan first, as `v6ready scan` does, and check the result (needs raw sockets: root or CAP_NET_RAW); the scan options below apply only with it.")
    var scanNow: Bool
    @OptionGroup var scan: ScanRunOptions
    @Option("--deadline", value: "SECONDS", range: 1...604_800, help: "Give up with exit 3 if the whole run takes longer (default: no limit).") var deadlineSeconds: Int?
    @Option("--keep", value: "N", range: 1...1_000_000, help: "Afterwards delete all but the N newest scans (each .jsonl with its .summary.json).") var keep: Int?
    @Flag("--ignore-drift", help: "Report regressions since the previous scan, but do not fail on them.") var ignoreDrift: Bool
    @Option("--prometheus", value: "FILE", help: "Write metrics for node_exporter's textfile collector to FILE (e.g. /var/lib/prometheus/node-exporter/v6ready.prom).")
    var prometheus: String?
    @Flag(.json) var json: Bool

    static let lockFileName = ".v6ready-check.lock"

    func validate() throws(CLIError) {
        if !scanNow, let option = scan.firstGivenOption { throw .argument("\(option) only applies with --scan-now") }
    }

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let started = Date()
        let deadline = try deadlineSeconds.map { (seconds) throws(CLIError) in try Deadline(seconds: seconds) }
        defer { deadline?.cancel() }
        let store = reports.scanStore(console)
        try store.create()
        let lock = try CheckLock(store: store, reports: reports.reports)
        defer { lock.release() }

        deadline?.phase("reading the inventory")
        let loadedProgram = try program.load(console)
        let inventoryStore = try inventory.store(console)
        let loadedInventory = try inventoryStore.load()
        let loadedPolicy = try PolicyFile.load(policy, inventory: loadedInventory, program: loadedProgram, console: console)
        var scanPaths = scans.files
        if scanNow {
            deadline?.phase("scanning")
            let outcome = try ScanWorkflow(inventory: loadedInventory, inventoryShown: inventoryStore.display, options: scan, store: store)
                .run(console: console, streamJSON: false)
            console.error("Scan written to \(outcome.shownPath): " + ProbeSession.describe(outcome.summary))
            for notice in outcome.notices { console.error("v6ready: \(notice)") }
            if !scanPaths.isEmpty { scanPaths.append(outcome.shownPath) }
        }
        deadline?.phase("reading the scans")
        let chosen = try store.choose(scanPaths, requireScan: true, console: console)
        let inputs = try PlanningInputs(store: inventoryStore, inventory: loadedInventory, program: loadedProgram, today: program.today,
                                        scanPaths: chosen, scanStore: store, console: console)
        guard let scan = inputs.scan else { throw .internalError("no scan was loaded from \(chosen)") }
        let previousPaths = previous.isEmpty ? store.previous(of: chosen, console: console) : previous
        let drift = previousPaths.isEmpty ? nil
            : Drift.compare(from: ScanMerge.merge(try store.load(previousPaths, console: console).map(\.data)), to: scan, inventory: loadedInventory)

        deadline?.phase("evaluating the policy")
        let assessment = inputs.assess()
        let plan = Planner.plan(loadedInventory, assessment: assessment, program: loadedProgram, today: inputs.today)
        let age = scan.time.flatMap(UTCTime.epochSeconds).map { max(0, (Date().timeIntervalSince1970 - $0) / 3600) }
        var evaluated = Compliance.Input(inventory: loadedInventory, assessment: assessment, targets: plan.targets,
                                         scan: scan, drift: drift, today: inputs.today, scanAgeHours: age)
        evaluated.ipv6OnlyVerified = inputs.ipv6OnlyVerified
        let report = Compliance.evaluate(loadedPolicy, evaluated, ignoreDrift: ignoreDrift)
        if json {
            var o = JSONObjectBuilder()
            for member in report.json.objectValue ?? [] { o.add(member.key, member.value) }
            o.add("scans", strings: chosen)
            o.add("previous", strings: previousPaths)
            console.out(JSONWriter.compact(o.value))
        } else {
            for line in report.textLines() { console.out(line) }
        }
        if let prometheus {
            deadline?.phase("writing \(prometheus)")
            let metrics = ComplianceMetrics.Input(
                version: CommandLineTool.version, inventoryName: loadedInventory.manifest.name, report: report, assessment: assessment,
                targets: plan.targets, inventory: loadedInventory, scan: scan, scans: inputs.scans.map(\.facts),
                finishedEpochSeconds: Date().timeIntervalSince1970, checkDurationSeconds: Date().timeIntervalSince(started))
            try ReportWriter.writeFile(Array(ComplianceMetrics.render(metrics).utf8), to: prometheus, console: console)
        }
        if let keep {
            deadline?.phase("removing old scans")
            let removed = try store.prune(keep: keep, protecting: chosen + previousPaths)
            if !removed.isEmpty {
                console.error("Removed \(removed.count) old file\(removed.count == 1 ? "" : "s") from \(store.shown)/ (keeping the \(keep) newest scan\(keep == 1 ? "" : "s")).")
            }
        }
        return report.compliant ? .success : .findings
    }
}

extension CheckCommand: ProbingCommand {
    var opensSockets: Bool { scanNow }
    var requestedUser: String? { scan.probe.privileges.user }
}
