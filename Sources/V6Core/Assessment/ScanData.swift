/// A scan file read back for assessment: its probe lines (with the line numbers that evidence cites) and the
/// scanner's per-service verdicts. Pure: the CLI reads the bytes.
public struct ScanData: Sendable {
    /// The file name, e.g. `20240515T020000Z.jsonl`.
    public var name: String
    /// When the scan ran (ISO 8601 UTC from the file name's timestamp), if the name carries one.
    public var time: String?
    public var probes: [ScanProbe]
    public var serviceVerdicts: [String: ScanServiceVerdict]
    /// The service lines in full (sub-checks and all), file order: what the demo holds against its intent.
    public var serviceReports: [ServiceReport]
    /// The LAN audits of the scan (`{"type":"lan",...}` lines), in file order.
    public var lanVerdicts: [ScanLANVerdict]
    /// Parity, ICMPv6 policy, TLS and management lines (issue 19).
    public var security = ScanSecurity()
    /// Where the scan looked from: ipv6-only when any of its lines says so, dual-stack otherwise (and for files
    /// written before the `vantage` field existed).
    public var vantage: ScanVantage
    /// The IPv6-only verdict of each service checked from an IPv6-only vantage, by record. Kept apart from
    /// `serviceVerdicts` so that a later dual-stack scan merged over it does not hide it.
    public var ipv6OnlyVerdicts: [String: ScanIPv6OnlyVerdict]

    public init(name: String, time: String?, probes: [ScanProbe], serviceVerdicts: [String: ScanServiceVerdict] = [:],
                serviceReports: [ServiceReport] = [], lanVerdicts: [ScanLANVerdict] = [],
                vantage: ScanVantage = .dualStack, ipv6OnlyVerdicts: [String: ScanIPv6OnlyVerdict] = [:]) {
        self.name = name; self.time = time; self.probes = probes; self.serviceVerdicts = serviceVerdicts
        self.serviceReports = serviceReports
        self.lanVerdicts = lanVerdicts
        self.vantage = vantage
        self.ipv6OnlyVerdicts = ipv6OnlyVerdicts
    }

    /// The newest LAN verdict of each segment audited (by segment id; by interface for audits without a segment).
    public var lanVerdictsBySegment: [String: ScanLANVerdict] {
        var result: [String: ScanLANVerdict] = [:]
        for entry in lanVerdicts { result[entry.key] = entry }
        return result
    }

    /// Reads JSON Lines (docs/scan-format.md). Blank lines and lines of unknown `type` are skipped; a line that is
    /// not JSON or not a probe line is an error with its line number.
    public static func parse(_ bytes: [UInt8], name: String, displayName: String? = nil) -> Result<ScanData, ValidationFailure> {
        var problems: [Diagnostic] = []
        var probes: [ScanProbe] = []
        var verdicts: [String: ScanServiceVerdict] = [:]
        var lans: [ScanLANVerdict] = []
        var reports: [ServiceReport] = []
        var security = ScanSecurity()
        var vantage = ScanVantage.dualStack
        var ipv6Only: [String: ScanIPv6OnlyVerdict] = [:]
        let shown = displayName ?? name
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        for (index, line) in body.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let value: JSONValue
            do {
                value = try JSONParser.parse(Array(line), recordLines: false).value
            } catch {
                problems.append(Diagnostic(file: shown, line: lineNumber, message: "\(error.message) (column \(error.column))"))
                continue
            }
            guard let lineVantage = ScanVantage.reading(value["vantage"]) else {
                problems.append(Diagnostic(file: shown, line: lineNumber, message: "vantage: \(value["vantage"].map(JSONWriter.compact) ?? "") is not one of \(ScanVantage.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            if lineVantage == .ipv6Only { vantage = .ipv6Only }
            if let type = value["type"] {
                if let word = type.stringValue, let problem = security.take(type: word, value, line: lineNumber) {
                    if !problem.isEmpty { problems.append(Diagnostic(file: shown, line: lineNumber, message: problem + "; see docs/scan-format.md")) }
                    continue
                }
                if type.stringValue == "lan" {
                    guard let lan = LANVerdict(json: value) else {
                        problems.append(Diagnostic(file: shown, line: lineNumber, message: "not a lan line (needs verdict green, yellow or red; see docs/scan-format.md)"))
                        continue
                    }
                    lans.append(ScanLANVerdict(line: lineNumber, verdict: lan))
                    continue
                }
                if type.stringValue == "service", let record = value["record"]?.stringValue,
                   let word = value["verdict"]?.stringValue {
                    guard let verdict = ServiceColour(rawValue: word) else {
                        problems.append(Diagnostic(file: shown, line: lineNumber, message: "verdict: \(quoted(word)) is not one of \(ServiceColour.worstFirst.map(\.rawValue).joined(separator: ", "))"))
                        continue
                    }
                    verdicts[record] = ScanServiceVerdict(line: lineNumber, record: record, verdict: verdict, vantage: lineVantage)
                    if let report = ServiceReport(json: value) {
                        reports.append(report)
                        if lineVantage == .ipv6Only, let assessment = report.ipv6Only {
                            ipv6Only[record] = ScanIPv6OnlyVerdict(line: lineNumber, record: record, assessment: assessment)
                        }
                    }
                }
                continue
            }
            let outOfRange = ProbeResult.numberProblems(json: value)
            guard outOfRange.isEmpty else {
                problems += outOfRange.map { Diagnostic(file: shown, line: lineNumber, path: JSONPath($0.member), message: $0.message) }
                continue
            }
            guard let probe = ProbeResult(json: value) else {
                problems.append(Diagnostic(file: shown, line: lineNumber,
                                           message: "not a probe line (needs target, address, method and status; see docs/scan-format.md)"))
                continue
            }
            probes.append(ScanProbe(line: lineNumber, result: probe))
        }
        if !problems.isEmpty { return .failure(ValidationFailure(problems)) }
        var data = ScanData(name: name, time: timeFromFileName(name), probes: probes, serviceVerdicts: verdicts,
                            serviceReports: reports, lanVerdicts: lans, vantage: vantage, ipv6OnlyVerdicts: ipv6Only)
        data.security = security
        return .success(data)
    }

    /// `20240515T020000Z.jsonl` → `2024-05-15T02:00:00Z`; nil when the name is not a scan timestamp.
    public static func timeFromFileName(_ name: String) -> String? {
        ScanTimestamp(fileStem: name.split(separator: "/").last ?? Substring(name))?.iso8601
    }

    /// An index for assessing many records at once.
    public func index() -> ScanIndex { ScanIndex(scan: self) }
}

/// Probe lines grouped by record and by address, built once per assessment.
public struct ScanIndex: Sendable {
    public let scan: ScanData
    private let byRecord: [String: [ScanProbe]]
    private let untaggedByAddress: [IPAddress: [ScanProbe]]

    init(scan: ScanData) {
        self.scan = scan
        var r: [String: [ScanProbe]] = [:], a: [IPAddress: [ScanProbe]] = [:]
        for p in scan.probes {
            if let record = p.result.record { r[record, default: []].append(p) } else { a[p.result.address, default: []].append(p) }
        }
        byRecord = r
        untaggedByAddress = a
    }

    public func probes(record: String, addresses: [IPAddress]) -> [ScanProbe] {
        var result = byRecord[record] ?? []
        for address in Set(addresses).sorted() { result += untaggedByAddress[address] ?? [] }
        return result.sorted { $0.line < $1.line }
    }
}

/// One probe line and where it is in the scan file.
public struct ScanProbe: Sendable, Equatable {
    public var line: Int
    public var result: ProbeResult
    public init(line: Int, result: ProbeResult) { self.line = line; self.result = result }

    /// Did something answer at that address (a reset counts: the host is there)?
    public var hostAnswered: Bool { result.status == .reachable || result.status == .refused }
    /// Did the service answer (handshake completed, echo reply, DNS answer)?
    public var reachable: Bool { result.status == .reachable }

    /// `icmp 2001:db8::1 timeout`, `tcp 203.0.113.10:443 reachable 0.41 ms` — what a reader of the evidence needs.
    public var summary: String {
        var address = result.address.description
        if let port = result.port { address = result.family == .v6 ? "[\(address)]:\(port)" : "\(address):\(port)" }
        var text = "\(result.method.rawValue) \(address) \(result.status.rawValue)"
        if let rtt = result.rttMilliseconds { text += " \(JSONWriter.formatNumber(rtt)) ms" }
        if let detail = result.detail, !detail.isEmpty { text += " (\(detail))" }
        return text
    }
}

/// One LAN audit of a scan and its line.
public struct ScanLANVerdict: Sendable, Equatable {
    public var line: Int
    public var verdict: LANVerdict
    public init(line: Int, verdict: LANVerdict) { self.line = line; self.verdict = verdict }
    /// The segment id, or `interface:NAME` for an audit judged against no segment.
    public var key: String { verdict.segment ?? "interface:\(verdict.interface)" }
}

/// The scanner's verdict on one service, with the line it came from.
public struct ScanServiceVerdict: Sendable, Equatable {
    public var line: Int
    public var record: String
    public var verdict: ServiceColour
    /// Where the service was checked from.
    public var vantage: ScanVantage = .dualStack
}

/// The IPv6-only verdict on one service (native, nat64, broken), with the line it came from.
public struct ScanIPv6OnlyVerdict: Sendable, Equatable {
    public var line: Int
    public var record: String
    public var assessment: IPv6OnlyAssessment
    public init(line: Int, record: String, assessment: IPv6OnlyAssessment) {
        self.line = line; self.record = record; self.assessment = assessment
    }
    public var verdict: IPv6OnlyVerdict { assessment.verdict }
}
