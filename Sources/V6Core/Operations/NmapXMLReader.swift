import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Why an nmap report could not be read, at its line.
public struct NmapReportError: Error, Sendable {
    public var diagnostic: Diagnostic
}

/// Reads an nmap XML report with FoundationXML's streaming parser into `NmapRun`.
public final class NmapXMLReader: NSObject, XMLParserDelegate {
    private var run = NmapRun()
    private var host: NmapHost?
    private var port: NmapPort?
    private var sawRoot = false
    /// Open elements, to notice a report cut short (the parser does not always say so).
    private var open: [String] = []
    /// The first error the parser reported, with its line (on Linux `parse()` may return true regardless).
    private var firstError: (code: Int, line: Int)?

    public static func parse(_ bytes: [UInt8], file: String) throws(NmapReportError) -> NmapRun {
        // nmap writes UTF-8. FoundationXML traps (it force-unwraps a String) on an element name that is not valid
        // UTF-8 (found by Fuzz/Harnesses/NmapXML), so such bytes never reach it.
        if String(validating: bytes, as: UTF8.self) == nil {
            var line = 1, start = 0
            for (i, b) in bytes.enumerated() where b == 0x0A {
                if String(validating: bytes[start..<i], as: UTF8.self) == nil { break }
                line += 1; start = i + 1
            }
            throw NmapReportError(diagnostic: Diagnostic(file: file, line: line, message: "not a readable nmap XML report: the file is not UTF-8 here"))
        }
        let parser = XMLParser(data: Data(bytes))
        let reader = NmapXMLReader()
        parser.delegate = reader
        // nmap reports name a DTD; nothing external is ever loaded.
        parser.shouldResolveExternalEntities = false
        let finished = parser.parse()
        if let error = reader.firstError ?? (finished ? nil : (parser.parserError.map { ($0 as NSError).code } ?? 0, parser.lineNumber)) {
            throw NmapReportError(diagnostic: Diagnostic(file: file, line: error.line, message: "not a readable nmap XML report: \(describe(error.code))"))
        }
        if let unclosed = reader.open.last {
            throw NmapReportError(diagnostic: Diagnostic(file: file, line: parser.lineNumber, message: "not a readable nmap XML report: it ends before <\(unclosed)> is closed (was nmap interrupted?)"))
        }
        guard reader.sawRoot else {
            throw NmapReportError(diagnostic: Diagnostic(file: file, message: "not an nmap XML report (no <nmaprun> element; produce one with nmap -oX FILE)"))
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

    public func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if firstError == nil { firstError = ((parseError as NSError).code, parser.lineNumber) }
    }

    public func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
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

    public func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
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
