/// The security lines of a scan read back (parity, icmpv6, tls, management; docs/scan-format.md), for drift,
/// check, assess and the reports' security section.
public struct ScanSecurity: Sendable, Equatable {
    public var parity: [(line: Int, parity: ParityLine)] = []
    public var icmpv6: [(line: Int, record: String?, address: String, findings: [String])] = []
    public var tls: [ScanTLSLine] = []
    public var management: [ScanManagementLine] = []

    public init() {}

    public static func == (a: ScanSecurity, b: ScanSecurity) -> Bool {
        a.parity.map(\.parity) == b.parity.map(\.parity) && a.tls == b.tls && a.management == b.management
            && a.icmpv6.map(\.address) == b.icmpv6.map(\.address) && a.icmpv6.map(\.findings) == b.icmpv6.map(\.findings)
    }

    public var isEmpty: Bool { parity.isEmpty && icmpv6.isEmpty && tls.isEmpty && management.isEmpty }

    /// The IPv6 exposures: ports answering over IPv6 that IPv4 filters or refuses.
    public var exposures: [ParityLine] { parity.map(\.parity).filter { $0.finding == .ipv6Exposed } }

    public func management(of record: String) -> ScanManagementLine? { management.last { $0.record == record } }

    /// Takes a line of one of the security types. Returns nil when `type` is none of them, else a problem
    /// message or "" when the line was read.
    mutating func take(type: String, _ value: JSONValue, line: Int) -> String? {
        switch type {
        case "parity":
            guard let parity = ParityLine(json: value) else {
                return "not a parity line (needs target, port, v4_address, v6_address and two different states open|closed|filtered)"
            }
            self.parity.append((line, parity))
        case "icmpv6":
            guard let address = value["address"]?.stringValue else { return "not an icmpv6 line (needs address)" }
            icmpv6.append((line, value["record"]?.stringValue, address,
                           (value["findings"]?.arrayValue ?? []).compactMap(\.stringValue)))
        case "tls":
            guard let tls = ScanTLSLine(line: line, json: value) else { return "not a tls line (needs target and findings)" }
            self.tls.append(tls)
        case "management":
            guard let management = ScanManagementLine(line: line, json: value) else { return "not a management line (needs record)" }
            self.management.append(management)
        default:
            return nil
        }
        return ""
    }

    /// Every security finding as one line of text per finding, record first, for reports.
    public var findingLines: [(record: String, code: String, message: String)] {
        var result: [(String, String, String)] = []
        for (_, p) in parity { result.append((p.record ?? p.target, p.finding.rawValue, p.message)) }
        for entry in icmpv6 {
            for code in entry.findings { result.append((entry.record ?? entry.address, code, "\(entry.address): \(code)")) }
        }
        for t in tls {
            for f in t.findings where f.code != .certificateNotCompared { result.append((t.record ?? t.target, f.code.rawValue, f.message)) }
        }
        for m in management where m.onlyOverIPv4 {
            result.append((m.record, "managed-only-over-ipv4", "manageable over IPv4 only: "
                           + m.checks.filter { $0.result == "fail" }.map(\.explanation).joined(separator: "; ")))
        }
        return result
    }
}
