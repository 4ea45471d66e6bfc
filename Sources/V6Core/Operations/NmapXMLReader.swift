/// Why an nmap report could not be read, at its line.
public struct NmapReportError: Error, Sendable {
    public var diagnostic: Diagnostic
}

/// Reads an nmap XML report into `NmapRun`, with the project's own `XMLElementScanner` (FoundationXML's parser
/// trapped on hostile input).
public struct NmapXMLReader {
    private var run = NmapRun()
    private var host: NmapHost?
    private var port: NmapPort?
    private var sawRoot = false

    public static func parse(_ bytes: [UInt8], file: String) throws(NmapReportError) -> NmapRun {
        // nmap writes UTF-8; a file that is not is refused at the first line that is not.
        if String(validating: bytes, as: UTF8.self) == nil {
            var line = 1, start = 0
            for (i, b) in bytes.enumerated() where b == 0x0A {
                if String(validating: bytes[start..<i], as: UTF8.self) == nil { break }
                line += 1; start = i + 1
            }
            throw NmapReportError(diagnostic: Diagnostic(file: file, line: line, message: "not a readable nmap XML report: the file is not UTF-8 here"))
        }
        var reader = NmapXMLReader()
        do {
            try XMLElementScanner.scan(bytes, start: { reader.start($0, $1, line: $2) }, end: { reader.end($0) })
        } catch {
            let message = error.unclosedElement.map { "it ends before <\($0)> is closed (was nmap interrupted?)" } ?? error.message
            throw NmapReportError(diagnostic: Diagnostic(file: file, line: error.line, message: "not a readable nmap XML report: \(message)"))
        }
        guard reader.sawRoot else {
            throw NmapReportError(diagnostic: Diagnostic(file: file, message: "not an nmap XML report (no <nmaprun> element; produce one with nmap -oX FILE)"))
        }
        return reader.run
    }

    private mutating func start(_ name: String, _ attributes: [String: String], line: Int) {
        switch name {
        case "nmaprun":
            sawRoot = true
            run.startEpochSeconds = attributes["start"].flatMap { Int($0) }
            run.arguments = attributes["args"]
        case "host":
            host = NmapHost(state: "unknown", addresses: [], line: line)
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

    private mutating func end(_ name: String) {
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
