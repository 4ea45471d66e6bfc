import Foundation
import V6Core
import V6System

/// `v6ready check`: the unattended compliance check for cron and systemd timers. Its exit code is the answer:
/// 0 compliant, 1 not compliant, 2 bad input, 3 environment (lock held, no raw sockets, deadline passed).
enum CheckCommand {
    static let spec = CommandSpec(
        ["check"], abstract: "Check the network against the plan's targets or a policy, and against the last scan (for cron and systemd timers).",
        discussion: """
        Evaluates a policy on the newest scan (or --scan FILE, once per site to merge several scanners; --scan-now
        scans first): without --policy, the program's yearly targets for today; with it, the rules of a policy file
        (services-green, dual-stack-percent, no-ipv6-broken, no-unknown-hosts, max-scan-age, program-targets; see
        docs/operations.md). It also compares the scan with the previous one of the same site: a regression (a
        service that lost IPv6, a device that stopped answering on one family) is non-compliant unless --ignore-drift.

        Exit codes: 0 compliant, 1 not compliant, 2 bad input or usage, 3 environment (another check holds the
        lock reports/.v6ready-check.lock, no raw sockets for --scan-now, the --deadline passed), 4 internal error.
        --prometheus FILE writes node_exporter's textfile-collector format atomically; --keep N deletes all but the
        N newest scans.
        """,
        options: [
            .inventory,
            OptionSpec("--policy", value: "FILE", "A policy file (JSON, schema 1). Default: the program's targets for today."),
            OptionSpec("--program", value: "FILE", "A program file (default: the built-in IPv6 For Gov 2022–2025)."),
            OptionSpec("--date", value: "YYYY-MM-DD", "The day to judge targets and dates against (default: today)."),
            OptionSpec("--scan", value: "FILE", repeatable: true, "The scan to check (default: the newest under reports/scans/, plus newer site scans). Several are merged."),
            OptionSpec("--previous", value: "FILE", repeatable: true, "The scan to compare with (default: the one before it from the same site)."),
            OptionSpec("--scan-now", "Run `v6ready scan` first and check its result (needs raw sockets: root or CAP_NET_RAW)."),
            OptionSpec("--site", value: "ID", "With --scan-now: scan only this site's segments."),
            OptionSpec("--timeout", value: "MS", "With --scan-now: wait this long for an answer (default 500)."),
            OptionSpec("--retries", value: "N", "With --scan-now: retries after silence (default 2)."),
            OptionSpec("--rate", value: "N|max", "With --scan-now: probes per second (default 1000)."),
            OptionSpec("--netns", value: "NAME", "With --scan-now: probe from inside this network namespace."),
            OptionSpec("--reports", value: "DIR", "Where scans are read and written, and the lock file lives (default: reports)."),
            OptionSpec("--deadline", value: "SECONDS", "Give up with exit 3 if the whole run takes longer (default: no limit)."),
            OptionSpec("--keep", value: "N", "Afterwards delete all but the N newest scans (each .jsonl with its .summary.json)."),
            OptionSpec("--ignore-drift", "Report regressions since the previous scan, but do not fail on them."),
            OptionSpec("--prometheus", value: "FILE", "Write metrics for node_exporter's textfile collector to FILE (e.g. /var/lib/prometheus/node-exporter/v6ready.prom)."),
            .json,
        ],
        examples: [
            "v6ready check --inventory inventories/example",
            "v6ready check --policy policies/daily.json --scan-now --deadline 600 --keep 30 --prometheus /var/lib/prometheus/node-exporter/v6ready.prom",
            "v6ready check --scan reports/scans/A.jsonl --scan reports/scans/B.jsonl --date 2025-12-31 --json",
        ],
        run: run)

    static let lockFileName = ".v6ready-check.lock"

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let started = Date()
        // Everything the command line says is checked before anything else happens.
        let deadlineSeconds = try args.integer("--deadline", in: 1...604_800)
        let keep = try args.integer("--keep", in: 1...1_000_000)
        var today = PlanningInputs.currentDate()
        if let text = args.value("--date") {
            guard let date = CalendarDate(text) else {
                throw .usage("--date takes a day as YYYY-MM-DD (e.g. 2025-06-30), not \(quotedArgument(text))", args.command)
            }
            today = date
        }
        if !args.flag("--scan-now") {
            for name in ["--site", "--timeout", "--retries", "--rate", "--netns"] where args.value(name) != nil {
                throw .usage("\(name) only applies with --scan-now", args.command)
            }
        }
        let deadline = try deadlineSeconds.map { (seconds) throws(CLIError) in try Watchdog(seconds: seconds) }
        defer { deadline?.cancel() }

        let reportsOption = args.value("--reports") ?? "reports"
        let reports = console.resolve(reportsOption)
        let scansFolder = reports + "/scans"
        do { try FileSystem.createDirectory(scansFolder, recursive: true) } catch {
            throw .environment("cannot create \(reportsOption)/scans: \(error)")
        }
        let lock: FileLock
        do {
            lock = try FileLock.acquire(path: reports + "/" + lockFileName, wait: false)
        } catch is LockError {
            throw .environment("another v6ready check is running (it holds \(reportsOption)/\(lockFileName)); this run stops without doing anything")
        } catch {
            throw .environment("cannot take the lock \(reportsOption)/\(lockFileName): \(error)")
        }
        defer { try? lock.release() }

        deadline?.phase("reading the inventory")
        let program = try PlanningInputs.loadProgram(args.value("--program"), console: console)
        let store = try InventoryStore.locate(args.value("--inventory"), console: console)
        let inventory = try store.load()
        let policy = try loadPolicy(args.value("--policy"), inventory: inventory, program: program, console: console)

        var scanPaths = args.all("--scan")
        if args.flag("--scan-now") {
            deadline?.phase("scanning")
            let written = try scanNow(args, reportsOption: reportsOption, scansFolder: scansFolder, console: &console)
            if !scanPaths.isEmpty { scanPaths.append(written) }
        }
        deadline?.phase("reading the scans")
        let folder = ScanFolder(path: scansFolder, shown: reportsOption + "/scans")
        if scanPaths.isEmpty {
            scanPaths = folder.latest().map { folder.shown + "/" + $0 }
            guard !scanPaths.isEmpty else {
                throw .invalid([Diagnostic(file: folder.shown + "/", message: "no scan to check: run `v6ready scan` first, or use --scan-now or --scan FILE")])
            }
        }
        let scans = try folder.load(scanPaths, console: &console)
        let scan = ScanMerge.merge(scans.map(\.data))
        var previousPaths = args.all("--previous")
        if previousPaths.isEmpty { previousPaths = folder.previous(of: scanPaths, console: console).map { folder.shown + "/" + $0 } }
        let drift: DriftReport?
        if previousPaths.isEmpty {
            drift = nil
        } else {
            let previous = try folder.load(previousPaths, console: &console)
            drift = Drift.compare(from: ScanMerge.merge(previous.map(\.data)), to: scan, inventory: inventory)
        }

        deadline?.phase("evaluating the policy")
        let catalog = CapabilityCatalog.shipped.merged(with: inventory.manifest.catalog)
        let assessment = Assessor.assess(inventory, catalog: catalog, scan: scan, program: program)
        let plan = Planner.plan(inventory, assessment: assessment, program: program, today: today)
        let now = Date()
        let age = scan.time.flatMap(UTCTime.epochSeconds).map { max(0, (now.timeIntervalSince1970 - $0) / 3600) }
        let input = Compliance.Input(inventory: inventory, assessment: assessment, targets: plan.targets, scan: scan, drift: drift,
                                     today: today, scanAgeHours: age)
        let report = Compliance.evaluate(policy, input, ignoreDrift: args.flag("--ignore-drift"))

        if args.flag("--json") {
            var o = JSONObjectBuilder()
            for member in report.json.objectValue ?? [] { o.add(member.key, member.value) }
            o.add("scans", strings: scanPaths)
            o.add("previous", strings: previousPaths)
            console.out(JSONWriter.compact(o.value))
        } else {
            for line in report.textLines() { console.out(line) }
        }

        if let prometheus = args.value("--prometheus") {
            deadline?.phase("writing \(prometheus)")
            let facts = scans.map { $0.facts }
            let metrics = ComplianceMetrics.Input(
                version: CommandLineTool.version, inventoryName: inventory.manifest.name, report: report, assessment: assessment,
                targets: plan.targets, inventory: inventory, scan: scan, scans: facts,
                finishedEpochSeconds: Date().timeIntervalSince1970, checkDurationSeconds: Date().timeIntervalSince(started))
            do { try AtomicFile.write(ComplianceMetrics.render(metrics), to: console.resolve(prometheus)) } catch {
                throw .environment("cannot write \(prometheus): \(error)")
            }
        }
        if let keep {
            deadline?.phase("removing old scans")
            let removed = try folder.prune(keep: keep)
            if !removed.isEmpty {
                console.error("Removed \(removed.count) old file\(removed.count == 1 ? "" : "s") from \(folder.shown)/ (keeping the \(keep) newest scan\(keep == 1 ? "" : "s")).")
            }
        }
        return report.compliant ? .success : .findings
    }

    static func loadPolicy(_ path: String?, inventory: Inventory, program: Program, console: Console) throws(CLIError) -> Policy {
        guard let path else { return Policy.programTargets }
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(console.resolve(path)) } catch {
            throw .invalid([Diagnostic(file: path, message: "cannot read the policy file: \(error)")])
        }
        let context = PolicyCodec.Context(agencies: Set(inventory.agencies.map(\.id)), sites: Set(inventory.sites.map(\.id)),
                                          categories: Set(program.categories.map(\.id)))
        switch PolicyCodec.load(bytes, file: path, context: context) {
        case let .success(policy): return policy
        case let .failure(failure): throw .invalid(failure.diagnostics)
        }
    }

    /// Runs `v6ready scan` through its own code path with the options check passed on, and returns the path of the
    /// scan it wrote. Its table goes to stderr so that stdout stays the check's report.
    static func scanNow(_ args: ParsedArguments, reportsOption: String, scansFolder: String, console: inout Console) throws(CLIError) -> String {
        var scanArgs = ParsedArguments(command: ScanCommand.spec)
        scanArgs.values["--reports"] = [reportsOption]
        for name in ["--inventory", "--site", "--timeout", "--retries", "--rate", "--netns"] {
            if let value = args.value(name) { scanArgs.values[name] = [value] }
        }
        let before = Set((try? FileSystem.listDirectory(scansFolder)) ?? [])
        var scanConsole = Console.capturing(workingDirectory: console.workingDirectory)
        let result: Result<ExitCode, CLIError>
        do throws(CLIError) { result = .success(try ScanCommand.run(scanArgs, &scanConsole)) } catch { result = .failure(error) }
        if !scanConsole.capturedOut.isEmpty { console.errorRaw(scanConsole.capturedOut) }
        if !scanConsole.capturedErr.isEmpty { console.errorRaw(scanConsole.capturedErr) }
        if case let .failure(error) = result { throw error }
        let after = ScanHistory.scanNames((try? FileSystem.listDirectory(scansFolder)) ?? [])
        // A new name, or (a scan started in the same second as the last one) the newest, which it replaced.
        guard let written = after.last(where: { !before.contains($0) }) ?? after.last else {
            throw .internalError("the scan finished but wrote no file under \(reportsOption)/scans")
        }
        return reportsOption + "/scans/" + written
    }
}

/// Ends the process with exit 3 and a message when a run takes longer than its deadline, whatever it is doing
/// (a scan, a stuck file system). Cancelled when the command returns. Built on `ProcessDeadline` (a signal, no
/// thread), so nothing started here outlives the privilege drop of `--scan-now` with its capabilities.
struct Watchdog {
    init(seconds: Int) throws(CLIError) {
        do {
            try ProcessDeadline.arm(
                seconds: seconds, head: "v6ready: the deadline of \(seconds) s passed while ",
                tail: "; stopped (exit 3). Nothing half-written is left: files are replaced atomically.\n",
                exitCode: ExitCode.environment.rawValue)
        } catch {
            throw .environment("cannot set the --deadline: \(error)")
        }
        phase("starting")
    }

    func phase(_ text: String) { ProcessDeadline.setPhase(text) }
    func cancel() { ProcessDeadline.cancel() }
}

/// The scans folder (`reports/scans/`): choosing, loading and pruning scans, for `check` and `drift`.
struct ScanFolder {
    /// Absolute path.
    let path: String
    /// As the user sees it.
    let shown: String

    /// A loaded scan with its summary's facts.
    struct Loaded {
        var data: ScanData
        var facts: ComplianceMetrics.ScanFacts
    }

    func names() -> [String] { (try? FileSystem.listDirectory(path)) ?? [] }

    /// Every scan with the site its summary names.
    func entries() -> [ScanHistory.Entry] {
        ScanHistory.scanNames(names()).map { ScanHistory.Entry(name: $0, site: summary(path + "/" + ScanHistory.summaryName(forScan: $0))?.site) }
    }

    func latest() -> [String] { ScanHistory.latest(entries()) }

    /// For scans of this folder, the one before each from the same site; scans from elsewhere have none.
    func previous(of paths: [String], console: Console) -> [String] {
        let all = entries()
        var result: [String] = []
        for p in paths {
            let absolute = console.resolve(p)
            let name = FileSystem.baseName(of: absolute)
            guard FileSystem.directoryName(of: absolute) == path || absolute == path + "/" + name,
                  let entry = all.first(where: { $0.name == name }),
                  let previous = ScanHistory.previous(of: name, site: entry.site, in: all),
                  !paths.contains(where: { FileSystem.baseName(of: $0) == previous }) else { continue }
            if !result.contains(previous) { result.append(previous) }
        }
        return result.sorted()
    }

    /// The newest scan and the one before it from the same site (else simply the one before), for `drift`.
    func newestPair() -> (from: String, to: String)? {
        let all = entries()
        guard let newest = all.last, all.count >= 2 else { return nil }
        let previous = ScanHistory.previous(of: newest.name, site: newest.site, in: all) ?? all[all.count - 2].name
        return (previous, newest.name)
    }

    /// Reads and parses scans; every problem in every file is reported at once.
    func load(_ paths: [String], console: inout Console) throws(CLIError) -> [Loaded] {
        var loaded: [Loaded] = []
        var problems: [Diagnostic] = []
        for shownPath in paths {
            let absolute = console.resolve(shownPath)
            let bytes: [UInt8]
            do { bytes = try FileSystem.readFile(absolute) } catch {
                problems.append(Diagnostic(file: shownPath, message: "cannot read the scan: \(error)"))
                continue
            }
            switch ScanData.parse(bytes, name: FileSystem.baseName(of: shownPath), displayName: shownPath) {
            case let .success(data):
                let summaryPath = FileSystem.directoryName(of: absolute) + "/" + ScanHistory.summaryName(forScan: FileSystem.baseName(of: absolute))
                let facts = summary(summaryPath) ?? ComplianceMetrics.ScanFacts(site: nil, startedEpochSeconds: data.time.flatMap(UTCTime.epochSeconds), durationSeconds: nil)
                loaded.append(Loaded(data: data, facts: facts))
            case let .failure(failure):
                problems += failure.diagnostics
            }
        }
        if !problems.isEmpty { throw .invalid(problems) }
        return loaded
    }

    /// What a scan's `.summary.json` says (nil when it is missing or unreadable: summaries are informative only).
    func summary(_ file: String) -> ComplianceMetrics.ScanFacts? {
        guard let bytes = try? FileSystem.readFile(file), let value = try? JSONParser.parse(bytes, recordLines: false).value else { return nil }
        var statuses: [String: Int] = [:]
        for (key, v) in value["statuses"]?.objectValue ?? [] { if let n = v.doubleValue { statuses[key] = Int(n) } }
        return ComplianceMetrics.ScanFacts(site: value["site"]?.stringValue, startedEpochSeconds: value["started"]?.stringValue.flatMap(UTCTime.epochSeconds),
                                           durationSeconds: value["duration_s"]?.doubleValue, statuses: statuses)
    }

    /// Deletes all but the `keep` newest scans and their summaries; returns the names deleted.
    func prune(keep: Int) throws(CLIError) -> [String] {
        let doomed = ScanHistory.retention(names(), keep: keep)
        for name in doomed {
            do { try FileSystem.remove(path + "/" + name) } catch {
                throw .environment("cannot delete \(shown)/\(name): \(error)")
            }
        }
        return doomed
    }
}
