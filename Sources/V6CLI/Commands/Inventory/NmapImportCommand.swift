import V6Core
import V6System

/// `v6ready inventory nmap-import`: an nmap XML report as a scan of discovered hosts, so drift names the new ones.
struct NmapImportCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["inventory", "nmap-import"], abstract: "Import nmap XML results (-oX) as a scan of discovered hosts, for drift and check.",
        discussion: """
        Reads an nmap report (nmap -sn -oX hosts.xml ..., or a port scan) and writes the hosts that were up as scan
        lines with no inventory record (docs/scan-format.md): one per address (method icmp, nmap's reason in
        detail, e.g. "nmap syn-ack") and one per TCP port (open → reachable, closed → refused, filtered → timeout).
        By default the file goes to reports/scans/<nmap start time>.nmap.jsonl with a summary whose site is
        "discovery", so 'drift' reports the hosts the inventory lacks as new hosts and 'check' sees them
        (policy rule no-unknown-hosts). The inventory itself is not changed.
        """,
        examples: ["nmap -sn -PE -PS22,80,443 -oX hosts.xml 198.51.100.0/24 && v6ready inventory nmap-import hosts.xml && v6ready drift",
                   "v6ready inventory nmap-import hosts.xml -o - | jq -r .address"])

    @OptionGroup var reports: ReportsOptions
    @Option("--output", short: "-o", value: "FILE", help: "Write the scan lines to FILE instead ('-': standard output; no summary).") var output: String?
    @Flag(.json) var json: Bool
    @Argument("FILE", help: "The nmap XML report.") var file: String

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let bytes: [UInt8]
        do { bytes = try BoundedFileReader.read(console.resolve(file)) } catch {
            throw .invalid([Diagnostic(file: file, message: "cannot read: \(error)")])
        }
        let report: NmapRun
        do { report = try NmapXMLReader.parse(bytes, file: file) } catch { throw .invalid([error.diagnostic]) }
        let mapped = NmapMapping.lines(report, file: file)
        for problem in mapped.problems { console.error(problem) }
        var text = mapped.lines.map(\.jsonLine).joined(separator: "\n")
        if !text.isEmpty { text += "\n" }

        let written: String
        if output == "-" {
            console.outRaw(text)
            return .success
        } else if let output {
            try ReportWriter.writeFile(Array(text.utf8), to: output, console: console)
            written = output
        } else {
            written = try record(text, report: report, mapped: mapped, console: console)
        }
        if json {
            console.out(JSONWriter.compact(.object([("file", .string(written)), ("hosts_up", .number(Double(mapped.hostsUp))),
                                                    ("hosts_down", .number(Double(mapped.hostsDown))), ("lines", .number(Double(mapped.lines.count)))])))
        } else {
            console.out("Imported \(mapped.hostsUp) host\(mapped.hostsUp == 1 ? "" : "s") up (\(mapped.hostsDown) down skipped) from \(file): \(mapped.lines.count) scan lines written to \(written)")
        }
        return .success
    }

    /// Writes the lines as a discovery scan in the scan store, named by nmap's start time.
    private func record(_ text: String, report: NmapRun, mapped: NmapMapping.Result, console: Console) throws(CLIError) -> String {
        let store = reports.scanStore(console)
        let now = ScanTimestamp.now
        let started = report.startEpochSeconds.flatMap { ScanTimestamp(epochSeconds: $0) } ?? now
        // A start in the future would sort after every real scan, and `check --keep` would delete those instead.
        if started.epochSeconds > now.epochSeconds + 86_400 {
            throw .invalid([Diagnostic(file: file, message: "<nmaprun start>: \(started.iso8601) is in the future; this is not when the scan ran (fix the file's start attribute, or write it elsewhere with -o FILE)")])
        }
        let name = store.newScanName(started: started, kind: ".nmap")
        var statuses: [String: Int] = [:]
        for line in mapped.lines { statuses[line.status.rawValue, default: 0] += 1 }
        var summary = JSONObjectBuilder()
        summary.add("schema", 1)
        summary.add("inventory", .null)
        summary.add("site", "discovery")
        summary.add("source", "nmap")
        summary.add("nmap_file", file)
        summary.addIfPresent("nmap_args", report.arguments)
        summary.add("started", started.iso8601)
        summary.add("results", mapped.lines.count)
        summary.add("hosts_up", mapped.hostsUp)
        summary.add("hosts_down", mapped.hostsDown)
        summary.add("statuses", .object(statuses.keys.sorted().map { ($0, .number(Double(statuses[$0]!))) }))
        try store.write(name: name, lines: Array(text.utf8), summary: summary.value)
        return store.shownPath(name)
    }
}
