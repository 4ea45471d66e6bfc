import Foundation
import V6Core
import V6System

/// The scans folder, `reports/scans/`, and the one rule every command uses for "the scan": naming, writing a scan
/// with its summary, listing, choosing the default scans (`ScanHistory.latest`: the newest whole-inventory scan
/// plus newer site scans), the one before, loading, pruning. assess, plan, check, drift, scan, nmap-import and
/// the demo all reach scans through here.
struct ScanStore {
    /// Absolute path of the scans folder.
    let directory: String
    /// The folder as the user typed it, for messages (`reports/scans`).
    let shown: String

    init(reports: String, console: Console) {
        directory = console.resolve(reports) + "/scans"
        shown = (reports.hasSuffix("/") ? String(reports.dropLast()) : reports) + "/scans"
    }

    /// A scan read from disk with what its summary says.
    struct LoadedScan {
        var shownPath: String
        var data: ScanData
        var facts: ComplianceMetrics.ScanFacts
    }

    // MARK: Listing and choosing

    func names() -> [String] { (try? FileSystem.listDirectory(directory)) ?? [] }

    /// Every scan, oldest first, with the site its summary names.
    func entries() -> [ScanHistory.Entry] {
        ScanHistory.scanNames(names()).map { ScanHistory.Entry(name: $0, site: summary(ofScan: directory + "/" + $0)?.site) }
    }

    /// The scans a command evaluates when none is named (shown paths, oldest first).
    func latest() -> [String] { ScanHistory.latest(entries()).map(shownPath) }

    /// What was evaluated before the newest of `paths` arrived (`ScanHistory.previous(before:)`); it may share scans
    /// with `paths` (a site scan is compared with the whole scan it updates). Scans from outside this folder have no
    /// history here.
    func previous(of paths: [String], console: Console) -> [String] {
        let inStore = paths.map { console.resolve($0) }.filter { FileSystem.directoryName(of: $0) == directory }.map(FileSystem.baseName)
        guard let newest = inStore.max() else { return [] }
        return ScanHistory.previous(before: newest, in: entries()).map(shownPath)
    }

    /// The default scans and what was evaluated before them, for drift; nil when there is nothing to compare.
    func latestAndPrevious(console: Console) -> (from: [String], to: [String])? {
        let to = latest()
        let from = previous(of: to, console: console)
        return to.isEmpty || from.isEmpty ? nil : (from, to)
    }

    func shownPath(_ name: String) -> String { shown + "/" + name }

    // MARK: Loading

    /// The lock file of a folder of scans: writers (a scan, an import, retention) hold it exclusively for the
    /// moment they change the folder, readers hold it shared while they read, so `check --keep` never deletes a
    /// scan between another command listing it and reading it.
    static let lockFileName = ".v6ready-scans.lock"

    /// Takes the folder's lock; nil when it cannot be had (no such folder, a folder the reader may not write and
    /// that has no lock file yet): a reader then reads without it, as before there was one.
    static func lock(folder: String, shared: Bool) -> FileLock? {
        guard FileSystem.isDirectory(folder) else { return nil }
        return try? FileLock.acquire(path: folder + "/" + lockFileName, wait: true, shared: shared)
    }

    /// Reads and parses scans; every problem in every file is reported at once.
    func load(_ paths: [String], console: Console) throws(CLIError) -> [LoadedScan] {
        var loaded: [LoadedScan] = []
        var problems: [Diagnostic] = []
        let locks = Set(paths.map { FileSystem.directoryName(of: console.resolve($0)) }).sorted()
            .compactMap { Self.lock(folder: $0, shared: true) }
        defer { for lock in locks { try? lock.release() } }
        for shownPath in paths {
            let absolute = console.resolve(shownPath)
            let bytes: [UInt8]
            do { bytes = try BoundedFileReader.read(absolute) } catch {
                problems.append(Diagnostic(file: shownPath, message: "cannot read the scan: \(error)"))
                continue
            }
            switch ScanData.parse(bytes, name: FileSystem.baseName(of: shownPath), displayName: shownPath) {
            case let .success(data):
                let facts = summary(ofScan: absolute, shownScan: shownPath, console: console)
                    ?? ComplianceMetrics.ScanFacts(site: nil, startedEpochSeconds: data.time.flatMap(UTCTime.epochSeconds), durationSeconds: nil)
                loaded.append(LoadedScan(shownPath: shownPath, data: data, facts: facts))
            case let .failure(failure):
                problems += failure.diagnostics
            }
        }
        if !problems.isEmpty { throw .invalid(problems) }
        return loaded
    }

    /// What a scan's `.summary.json` says (nil when it is missing or unreadable: summaries are informative only).
    /// A summary with an impossible number (`"reachable": 1e19`) is reported on `console` and skipped.
    func summary(ofScan scanPath: String, shownScan: String? = nil, console: Console? = nil) -> ComplianceMetrics.ScanFacts? {
        let name = ScanHistory.summaryName(forScan: FileSystem.baseName(of: scanPath))
        let file = FileSystem.directoryName(of: scanPath) + "/" + name
        guard let bytes = try? BoundedFileReader.read(file, maximumBytes: 1_048_576), let parsed = try? JSONParser.parse(bytes) else { return nil }
        let value = parsed.value
        func skipped(_ path: JSONPath, _ problem: String) -> ComplianceMetrics.ScanFacts? {
            let shown = shownScan.map { FileSystem.directoryName(of: $0) + "/" + name } ?? file
            console?.error(Diagnostic(file: shown, line: parsed.line(of: path), path: path, message: problem).description
                           + " (the summary is skipped; it is informative only)")
            return nil
        }
        var statuses: [String: Int] = [:]
        let countRange = 0...Int(Int32.max)
        for (key, v) in value["statuses"]?.objectValue ?? [] {
            guard let n = v.integer(in: countRange) else { return skipped(JSONPath("statuses").member(key), v.integerProblem(in: countRange)) }
            statuses[key] = n
        }
        var duration: Double?
        if let v = value["duration_s"], v != .null {
            let range = 0.0...31_536_000.0
            guard let d = v.number(in: range) else { return skipped(JSONPath("duration_s"), v.numberProblem(in: range)) }
            duration = d
        }
        return ComplianceMetrics.ScanFacts(site: value["site"]?.stringValue, startedEpochSeconds: value["started"]?.stringValue.flatMap(UTCTime.epochSeconds),
                                           durationSeconds: duration, statuses: statuses)
    }

    // MARK: Writing

    /// A name for a scan started at `started` that no scan has yet: two scans in the same second (two sites, a
    /// retry) get `_2`, `_3`; "_" sorts after ".", so name order stays time order.
    func newScanName(started: ScanTimestamp, kind: String = "") -> String {
        var stem = started.fileStem
        var suffix = 1
        while FileSystem.exists(directory + "/" + stem + kind + ".jsonl") {
            suffix += 1
            stem = started.fileStem + "_\(suffix)"
        }
        return stem + kind + ".jsonl"
    }

    /// Creates the folder (after a privilege drop, so that under sudo the scans belong to the user who ran it).
    func create() throws(CLIError) {
        try ReportWriter.requireSafeDirectory(directory, shown: shown)
        do { try FileSystem.createDirectory(directory, recursive: true) } catch {
            throw .environment("cannot create \(shown): \(error)")
        }
    }

    /// Writes a scan's summary and then the scan, each atomically: a kill between the two leaves a summary
    /// without its scan (ignored, and removed by `--keep`), never a scan without its summary (which would count
    /// as a whole-inventory scan even when it covered one site).
    func write(name: String, lines: [UInt8], summary: JSONValue) throws(CLIError) {
        try ReportWriter.requireSafeDirectory(directory, shown: shown)
        do {
            try FileSystem.createDirectory(directory, recursive: true)
            let lock = Self.lock(folder: directory, shared: false)
            defer { try? lock?.release() }
            try AtomicFile.write(Array(JSONWriter.pretty(summary).utf8), to: directory + "/" + ScanHistory.summaryName(forScan: name))
            try AtomicFile.write(lines, to: directory + "/" + name)
        } catch {
            throw .environment("cannot write the scan under \(shown): \(error)")
        }
    }

    // MARK: Pruning

    /// Deletes all but the `keep` newest scans (by the start time their summaries record, else their names) and
    /// their summaries, never one of `protecting` (the scans just evaluated); returns the names deleted.
    func prune(keep: Int, protecting: [String] = []) throws(CLIError) -> [String] {
        let lock = Self.lock(folder: directory, shared: false)
        defer { try? lock?.release() }
        let all = names()
        var started: [String: Int] = [:]
        for name in ScanHistory.scanNames(all) {
            if let seconds = summary(ofScan: directory + "/" + name)?.startedEpochSeconds, seconds.isFinite, abs(seconds) < 1e15 { started[name] = Int(seconds) }
        }
        let doomed = ScanHistory.retention(all, keep: keep, startedAt: started,
                                           protecting: Set(protecting.map { FileSystem.baseName(of: $0) }))
        for name in doomed {
            do { try FileSystem.remove(directory + "/" + name) } catch {
                throw .environment("cannot delete \(shown)/\(name): \(error)")
            }
        }
        return doomed
    }
}

extension ScanTimestamp {
    /// The moment the clock says now: the one place a scan's name meets the clock.
    static var now: ScanTimestamp {
        ScanTimestamp(epochSeconds: Int(Date().timeIntervalSince1970))!
    }
}
