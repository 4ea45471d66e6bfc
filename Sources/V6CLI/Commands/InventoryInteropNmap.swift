import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import V6Core
import V6System

/// `v6ready inventory nmap-import`: an nmap XML report as a scan of discovered hosts, so drift names the new ones.
enum NmapImportCommand {
    static let spec = CommandSpec(
        ["inventory", "nmap-import"], abstract: "Import nmap XML results (-oX) as a scan of discovered hosts, for drift and check.",
        discussion: """
        Reads an nmap report (nmap -sn -oX hosts.xml ..., or a port scan) and writes the hosts that were up as scan
        lines with no inventory record (docs/scan-format.md): one per address (method icmp, nmap's reason in
        detail, e.g. "nmap syn-ack") and one per TCP port (open → reachable, closed → refused, filtered → timeout).
        By default the file goes to reports/scans/<nmap start time>.nmap.jsonl with a summary whose site is
        "discovery", so 'drift' reports the hosts the inventory lacks as new hosts and 'check' sees them
        (policy rule no-unknown-hosts). The inventory itself is not changed.
        """,
        options: [OptionSpec("--reports", value: "DIR", "Where scans are written (default: reports)."),
                  OptionSpec("--output", short: "-o", value: "FILE", "Write the scan lines to FILE instead ('-': standard output; no summary)."),
                  .json],
        positionals: [PositionalSpec("FILE", "The nmap XML report.")],
        examples: ["nmap -sn -PE -PS22,80,443 -oX hosts.xml 198.51.100.0/24 && v6ready inventory nmap-import hosts.xml && v6ready drift",
                   "v6ready inventory nmap-import hosts.xml -o - | jq -r .address"],
        run: run)

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let path = args.positionals[0]
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(console.resolve(path)) } catch {
            throw .invalid([Diagnostic(file: path, message: "cannot read: \(error)")])
        }
        let run = try NmapXMLReader.parse(bytes, file: path)
        let mapped = NmapMapping.lines(run, file: path)
        for problem in mapped.problems { console.error(problem) }
        var text = mapped.lines.map(\.jsonLine).joined(separator: "\n")
        if !text.isEmpty { text += "\n" }

        var written = "-"
        if let output = args.value("--output") {
            if output == "-" {
                console.outRaw(text)
            } else {
                do { try AtomicFile.write(text, to: console.resolve(output)) } catch { throw .environment("cannot write \(output): \(error)") }
                written = output
            }
        } else {
            let started = run.startEpochSeconds.map { Date(timeIntervalSince1970: Double($0)) } ?? Date()
            let stamp = ScanCommand.timestamp(started)
            let reports = args.value("--reports") ?? "reports"
            let folder = console.resolve(reports) + "/scans"
            let name = stamp + ".nmap.jsonl"
            var statuses: [String: Int] = [:]
            for line in mapped.lines { statuses[line.status.rawValue, default: 0] += 1 }
            var summary = JSONObjectBuilder()
            summary.add("schema", 1)
            summary.add("inventory", .null)
            summary.add("site", "discovery")
            summary.add("source", "nmap")
            summary.add("nmap_file", path)
            summary.addIfPresent("nmap_args", run.arguments)
            summary.add("started", ScanCommand.iso(started))
            summary.add("results", mapped.lines.count)
            summary.add("hosts_up", mapped.hostsUp)
            summary.add("hosts_down", mapped.hostsDown)
            summary.add("statuses", .object(statuses.keys.sorted().map { ($0, .number(Double(statuses[$0]!))) }))
            do {
                try FileSystem.createDirectory(folder, recursive: true)
                try AtomicFile.write(text, to: folder + "/" + name)
                try AtomicFile.write(JSONWriter.pretty(summary.value), to: folder + "/" + ScanHistory.summaryName(forScan: name))
            } catch {
                throw .environment("cannot write the scan under \(reports)/scans: \(error)")
            }
            written = reports + "/scans/" + name
        }
        if args.flag("--json") {
            if written != "-" {
                console.out(JSONWriter.compact(.object([("file", .string(written)), ("hosts_up", .number(Double(mapped.hostsUp))),
                                                        ("hosts_down", .number(Double(mapped.hostsDown))), ("lines", .number(Double(mapped.lines.count)))])))
            }
        } else if written != "-" {
            console.out("Imported \(mapped.hostsUp) host\(mapped.hostsUp == 1 ? "" : "s") up (\(mapped.hostsDown) down skipped) from \(path): \(mapped.lines.count) scan lines written to \(written)")
        }
        return .success
    }
}

/// Reads an nmap XML report with FoundationXML's streaming parser into `NmapRun`.
final class NmapXMLReader: NSObject, XMLParserDelegate {
    private var run = NmapRun()
    private var host: NmapHost?
    private var port: NmapPort?
    private var sawRoot = false
    /// Open elements, to notice a report cut short (the parser does not always say so).
    private var open: [String] = []
    /// The first error the parser reported, with its line (on Linux `parse()` may return true regardless).
    private var firstError: (code: Int, line: Int)?

    static func parse(_ bytes: [UInt8], file: String) throws(CLIError) -> NmapRun {
        let parser = XMLParser(data: Data(bytes))
        let reader = NmapXMLReader()
        parser.delegate = reader
        // nmap reports name a DTD; nothing external is ever loaded.
        parser.shouldResolveExternalEntities = false
        let finished = parser.parse()
        if let error = reader.firstError ?? (finished ? nil : (parser.parserError.map { ($0 as NSError).code } ?? 0, parser.lineNumber)) {
            throw .invalid([Diagnostic(file: file, line: error.line, message: "not a readable nmap XML report: \(describe(error.code))")])
        }
        if let unclosed = reader.open.last {
            throw .invalid([Diagnostic(file: file, line: parser.lineNumber, message: "not a readable nmap XML report: it ends before <\(unclosed)> is closed (was nmap interrupted?)")])
        }
        guard reader.sawRoot else {
            throw .invalid([Diagnostic(file: file, message: "not an nmap XML report (no <nmaprun> element; produce one with nmap -oX FILE)")])
        }
        return reader.run
    }

    /// libxml2's error numbers for the mistakes a damaged report shows.
    static func describe(_ code: Int) -> String {
        switch code {
        case 4: return "the document is empty"
        case 5: return "the document ends too early"
        case 9: return "an invalid character"
        case 38, 39, 40, 41: return "a malformed attribute"
        case 73, 76: return "a closing tag that does not match its opening tag"
        default: return "XML error \(code)"
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if firstError == nil { firstError = ((parseError as NSError).code, parser.lineNumber) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        open.append(name)
        switch name {
        case "nmaprun":
            sawRoot = true
            run.startEpochSeconds = attributes["start"].flatMap { Int($0) }
            run.arguments = attributes["args"]
        case "host":
            host = NmapHost(state: "unknown", addresses: [], line: parser.lineNumber)
        case "status" where host != nil:
            host?.state = attributes["state"] ?? "unknown"
            host?.reason = attributes["reason"]
        case "address" where host != nil:
            if let a = attributes["addr"] { host?.addresses.append((a, attributes["addrtype"] ?? "")) }
        case "hostname" where host != nil:
            if let n = attributes["name"], !(host?.hostnames.contains(n) ?? true) { host?.hostnames.append(n) }
        case "port" where host != nil:
            port = NmapPort(protocolName: attributes["protocol"] ?? "", port: attributes["portid"].flatMap { Int($0) } ?? 0, state: "unknown")
        case "state" where port != nil:
            port?.state = attributes["state"] ?? "unknown"
            port?.reason = attributes["reason"]
        case "service" where port != nil:
            port?.service = attributes["name"]
        case "times" where host != nil:
            host?.srttMicroseconds = attributes["srtt"].flatMap { Int($0) }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if open.last == name { open.removeLast() }
        switch name {
        case "port":
            if let port { host?.ports.append(port) }
            port = nil
        case "host":
            if let host { run.hosts.append(host) }
            host = nil
        default:
            break
        }
    }
}
