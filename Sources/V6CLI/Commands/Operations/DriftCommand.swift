import V6Core

/// `v6ready drift`: what changed between two scans, regressions first.
struct DriftCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["drift"], abstract: "Show what changed between two scans, regressions first: lost IPv6, silent families, unknown hosts.",
        discussion: """
        Compares the newest scans under reports/scans/ (the newest whole-inventory scan plus newer site scans, the
        same scans check and assess use) with the ones before them from the same sites — or the scans given with
        --from and --to; each may be given several times to merge the scans of several sites. Reported,
        worst first: a service that lost IPv6 (no port answers over IPv6 any more), a device or service that stopped
        answering on one family, a service whose verdict got worse; hosts that answer but are in no inventory record
        (from `discover`, or an nmap import: `inventory nmap-import`); then what got better. Records the newer scan
        did not probe are listed, not judged. Exit 0 without regressions, 1 with, 2 when there are not two scans.
        """,
        examples: [
            "v6ready drift",
            "v6ready drift --from reports/scans/20240514T020000Z.jsonl --to reports/scans/20240515T020000Z.jsonl",
            "v6ready drift --json | jq '.findings[] | select(.severity == \"regression\")'",
        ])

    @Option("--from", value: "FILE", repeatableHelp: "The older scan (default: the one before --to from the same site).") var from: [String]
    @Option("--to", value: "FILE", repeatableHelp: "The newer scan (default: the newest scans under reports/scans/, as check chooses them).") var to: [String]
    @OptionGroup var reports: ReportsOptions
    @OptionGroup var inventory: InventoryOptions
    @Flag(.json) var json: Bool

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let store = reports.scanStore(console)
        var toPaths = to, fromPaths = from
        if toPaths.isEmpty && fromPaths.isEmpty {
            guard let pair = store.latestAndPrevious(console: console) else {
                let count = store.entries().count
                throw .invalid([Diagnostic(file: store.shown + "/", message: "drift needs two scans; there \(count == 1 ? "is 1" : "are \(count)") (run `v6ready scan` again, or give --from and --to)")])
            }
            (fromPaths, toPaths) = pair
        } else if fromPaths.isEmpty {
            fromPaths = store.previous(of: toPaths, console: console)
            if fromPaths.isEmpty { throw .argument("no earlier scan of the same site under \(store.shown)/ to compare \(toPaths.joined(separator: ", ")) with; give --from FILE") }
        } else if toPaths.isEmpty {
            toPaths = store.latest()
            if toPaths.isEmpty { throw .argument("no scan under \(store.shown)/; give --to FILE") }
        }
        let older = try store.load(fromPaths, console: console)
        let newer = try store.load(toPaths, console: console)
        let known = try knownInventory(console)
        let report = Drift.compare(from: ScanMerge.merge(older.map(\.data)), to: ScanMerge.merge(newer.map(\.data)), inventory: known)
        if json {
            console.out(JSONWriter.compact(report.json))
        } else {
            console.error("Comparing \(fromPaths.joined(separator: " + ")) → \(toPaths.joined(separator: " + ")).")
            for line in report.textLines() { console.out(line) }
        }
        return report.regressions.isEmpty ? .success : .findings
    }

    /// The inventory tells devices from services and known hosts from new ones; drift works without one.
    private func knownInventory(_ console: Console) throws(CLIError) -> Inventory? {
        if inventory.path != nil { return try inventory.store(console).load() }
        do throws(CLIError) { return try inventory.store(console).load() } catch {
            console.error("No inventory found (./inventories): devices and services are told apart by their probes, and every unrecorded answering address counts as unknown.")
            return nil
        }
    }
}
