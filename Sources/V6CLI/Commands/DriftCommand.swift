import V6Core
import V6System

/// `v6ready drift`: what changed between two scans, regressions first.
enum DriftCommand {
    static let spec = CommandSpec(
        ["drift"], abstract: "Show what changed between two scans, regressions first: lost IPv6, silent families, unknown hosts.",
        discussion: """
        Compares the newest scan under reports/scans/ with the one before it from the same site (or the two given
        with --from and --to; each may be given several times to merge the scans of several sites). Reported,
        worst first: a service that lost IPv6 (no port answers over IPv6 any more), a device or service that stopped
        answering on one family, a service whose verdict got worse; hosts that answer but are in no inventory record
        (from `discover`, or an nmap import: `inventory nmap-import`); then what got better. Records the newer scan
        did not probe are listed, not judged. Exit 0 without regressions, 1 with, 2 when there are not two scans.
        """,
        options: [
            OptionSpec("--from", value: "FILE", repeatable: true, "The older scan (default: the one before --to from the same site)."),
            OptionSpec("--to", value: "FILE", repeatable: true, "The newer scan (default: the newest under reports/scans/)."),
            OptionSpec("--reports", value: "DIR", "Where the scans are (default: reports)."),
            OptionSpec("--inventory", value: "DIR", "The inventory, to tell devices from services and known hosts from new ones (default: ./inventories if there is one)."),
            .json,
        ],
        examples: [
            "v6ready drift",
            "v6ready drift --from reports/scans/20240514T020000Z.jsonl --to reports/scans/20240515T020000Z.jsonl",
            "v6ready drift --json | jq '.findings[] | select(.severity == \"regression\")'",
        ],
        run: run)

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let reportsOption = args.value("--reports") ?? "reports"
        let folder = ScanFolder(path: console.resolve(reportsOption) + "/scans", shown: reportsOption + "/scans")
        var toPaths = args.all("--to"), fromPaths = args.all("--from")
        if toPaths.isEmpty && fromPaths.isEmpty {
            guard let pair = folder.newestPair() else {
                let count = folder.entries().count
                throw .invalid([Diagnostic(file: folder.shown + "/", message: "drift needs two scans; there \(count == 1 ? "is 1" : "are \(count)") (run `v6ready scan` again, or give --from and --to)")])
            }
            fromPaths = [folder.shown + "/" + pair.from]
            toPaths = [folder.shown + "/" + pair.to]
        } else if fromPaths.isEmpty {
            fromPaths = folder.previous(of: toPaths, console: console).map { folder.shown + "/" + $0 }
            if fromPaths.isEmpty { throw .usage("no earlier scan of the same site under \(folder.shown)/ to compare \(toPaths.joined(separator: ", ")) with; give --from FILE", args.command) }
        } else if toPaths.isEmpty {
            guard let newest = folder.entries().last?.name else { throw .usage("no scan under \(folder.shown)/; give --to FILE", args.command) }
            toPaths = [folder.shown + "/" + newest]
        }
        let from = try folder.load(fromPaths, console: &console)
        let to = try folder.load(toPaths, console: &console)

        var inventory: Inventory?
        if let option = args.value("--inventory") {
            inventory = try InventoryStore.locate(option, console: console).load()
        } else {
            do throws(CLIError) { inventory = try InventoryStore.locate(nil, console: console).load() } catch {
                console.error("No inventory found (./inventories): devices and services are told apart by their probes, and every unrecorded answering address counts as unknown.")
            }
        }
        let report = Drift.compare(from: ScanMerge.merge(from.map(\.data)), to: ScanMerge.merge(to.map(\.data)), inventory: inventory)
        if args.flag("--json") {
            console.out(JSONWriter.compact(report.json))
        } else {
            for line in report.textLines() { console.out(line) }
        }
        return report.regressions.isEmpty ? .success : .findings
    }
}
