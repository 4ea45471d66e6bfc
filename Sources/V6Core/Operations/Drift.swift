/// What changed between two scans of the same network, worst first: a service that lost IPv6, a device that stopped
/// answering on one family, hosts that answer but are not in the inventory. Run after every scan (by `check` or by
/// `drift`), it catches the regressions a yearly plan never sees: a firewall change that blackholes IPv6 overnight.
public enum Drift {
    /// Compares `from` (older) with `to` (newer). With an inventory, records are told apart by kind and unknown
    /// hosts are those whose address no inventory record has; without one, kinds are guessed from the probe
    /// methods (echo: a device; ports only: a service).
    ///
    /// A record the newer scan did not probe (a site scan, a record removed) is not a regression: it is listed as
    /// not re-scanned. A family the newer scan did not probe for a record is not compared either.
    public static func compare(from: ScanData, to: ScanData, inventory: Inventory? = nil) -> DriftReport {
        var findings: [DriftFinding] = []
        let old = grouped(from), new = grouped(to)
        let services = Set(inventory?.services.map(\.id) ?? [])
        let devices = Set(inventory?.devices.map(\.id) ?? [])

        for record in new.keys.sorted() {
            guard let before = old[record], let after = new[record] else { continue }
            let isService: Bool
            if services.contains(record) { isService = true }
            else if devices.contains(record) { isService = false }
            else { isService = !(before + after).contains { $0.result.method == .icmp } }
            if isService {
                findings += compareService(record, before: before, after: after,
                                           verdictBefore: from.serviceVerdicts[record], verdictAfter: to.serviceVerdicts[record])
            } else {
                findings += compareDevice(record, before: before, after: after)
            }
        }
        let missing = old.keys.filter { new[$0] == nil }.sorted()

        // Hosts that answer without belonging to any record: discovery results, an nmap import, a probe of a prefix.
        var known = Set<IPAddress>()
        if let inventory {
            for d in inventory.devices { known.formUnion(d.ipv4); known.formUnion(d.ipv6) }
            for s in inventory.services { known.formUnion(s.ipv4); known.formUnion(s.ipv6) }
        }
        for p in from.probes + to.probes where p.result.record != nil { known.insert(p.result.address) }
        let seenBefore = Set(from.probes.filter { $0.result.record == nil && $0.hostAnswered }.map(\.result.address))
        var unknown: [IPAddress: [ScanProbe]] = [:]
        for p in to.probes where p.result.record == nil && p.hostAnswered && !known.contains(p.result.address) {
            unknown[p.result.address, default: []].append(p)
        }
        for address in unknown.keys.sorted() {
            let probes = unknown[address]!
            let names = Set(probes.map(\.result.target)).subtracting([address.description]).sorted()
            let how = Set(probes.map { probe in probe.result.port.map { "\(probe.result.method.rawValue)/\($0)" } ?? probe.result.method.rawValue }).sorted()
            let label = names.isEmpty ? address.description : "\(address) (\(names.joined(separator: ", ")))"
            if seenBefore.contains(address) {
                findings.append(DriftFinding(kind: .unknownHost, record: nil, address: address.description, family: address.family,
                                             message: "host \(label) answers (\(how.joined(separator: ", "))) and is still not in the inventory"))
            } else {
                findings.append(DriftFinding(kind: .newHost, record: nil, address: address.description, family: address.family,
                                             message: "new host \(label) answers (\(how.joined(separator: ", "))) and is not in the inventory"))
            }
        }
        findings += compareLAN(from: from, to: to)
        findings += compareExposures(from: from, to: to)
        // A new rogue RA comes first: it black-holes a whole floor now, whatever else changed.
        findings.sort { ($0.kind.severity, $0.kind.rankInSeverity, $0.record ?? "~", $0.address ?? "")
            < ($1.kind.severity, $1.kind.rankInSeverity, $1.record ?? "~", $1.address ?? "") }
        return DriftReport(from: from.name, to: to.name, fromTime: from.time, toTime: to.time, findings: findings, notRescanned: missing)
    }

    static func grouped(_ scan: ScanData) -> [String: [ScanProbe]] {
        var result: [String: [ScanProbe]] = [:]
        for p in scan.probes { if let r = p.result.record { result[r, default: []].append(p) } }
        return result
    }

    static func compareDevice(_ record: String, before: [ScanProbe], after: [ScanProbe]) -> [DriftFinding] {
        var lost: [AddressFamily] = [], gained: [AddressFamily] = []
        var evidence: [String] = []
        for family in [AddressFamily.v4, .v6] {
            let b = before.filter { $0.result.family == family }, a = after.filter { $0.result.family == family }
            guard !b.isEmpty, !a.isEmpty else { continue }
            let answeredBefore = b.contains { $0.hostAnswered }, answeredAfter = a.contains { $0.hostAnswered }
            if answeredBefore && !answeredAfter {
                lost.append(family)
                evidence += changes(b, a)
            } else if !answeredBefore && answeredAfter {
                gained.append(family)
            }
        }
        var findings: [DriftFinding] = []
        if lost.count == 2 {
            findings.append(DriftFinding(kind: .stoppedAnswering, record: record, address: nil, family: nil,
                                         message: "\(record) stopped answering on both IPv4 and IPv6", changes: evidence))
        } else if let family = lost.first {
            findings.append(DriftFinding(kind: .stoppedAnswering, record: record, address: nil, family: family,
                                         message: "\(record) stopped answering over \(family) (still answers over \(family == .v4 ? AddressFamily.v6 : .v4))",
                                         changes: evidence))
        }
        for family in gained {
            findings.append(DriftFinding(kind: .startedAnswering, record: record, address: nil, family: family,
                                         message: "\(record) now answers over \(family)"))
        }
        return findings
    }

    static func compareService(_ record: String, before: [ScanProbe], after: [ScanProbe],
                               verdictBefore: ScanServiceVerdict?, verdictAfter: ScanServiceVerdict?) -> [DriftFinding] {
        // A service is judged on its ports; an echo only says its host is up.
        func ports(_ probes: [ScanProbe]) -> [ScanProbe] {
            let p = probes.filter { $0.result.method != .icmp }
            return p.isEmpty ? probes : p
        }
        let b = ports(before), a = ports(after)
        var findings: [DriftFinding] = []
        let verdictChange: String? = {
            guard let vb = verdictBefore?.verdict, let va = verdictAfter?.verdict, vb != va else { return nil }
            return "verdict \(vb) → \(va)"
        }()
        var lostIPv6 = false
        for family in [AddressFamily.v6, .v4] {
            let fb = b.filter { $0.result.family == family }, fa = a.filter { $0.result.family == family }
            guard !fb.isEmpty, !fa.isEmpty else { continue }
            let okBefore = fb.contains { $0.reachable }, okAfter = fa.contains { $0.reachable }
            if okBefore && !okAfter {
                var evidence = changes(fb, fa)
                if family == .v6 {
                    lostIPv6 = true
                    if let verdictChange { evidence.append(verdictChange) }
                    findings.append(DriftFinding(kind: .serviceLostIPv6, record: record, address: nil, family: .v6,
                                                 message: "service \(record) lost IPv6: no port answers over IPv6 any more"
                                                    + (a.contains { $0.result.family == .v4 && $0.reachable } ? " (IPv4 still works)" : ""),
                                                 changes: evidence))
                } else {
                    findings.append(DriftFinding(kind: .stoppedAnswering, record: record, address: nil, family: .v4,
                                                 message: "service \(record) stopped answering over IPv4", changes: evidence))
                }
            } else if !okBefore && okAfter {
                findings.append(DriftFinding(kind: family == .v6 ? .serviceGainedIPv6 : .startedAnswering, record: record, address: nil,
                                             family: family, message: family == .v6 ? "service \(record) now answers over IPv6"
                                                                                    : "service \(record) now answers over IPv4"))
            }
        }
        // Gray (not testable) is neither better nor worse than a colour; the others follow ServiceColour's order.
        if let vb = verdictBefore?.verdict, let va = verdictAfter?.verdict, vb != va, !lostIPv6, vb != .gray, va != .gray {
            let worse = va < vb
            let better = vb < va
            if worse || better {
                findings.append(DriftFinding(kind: worse ? .verdictWorse : .verdictBetter, record: record, address: nil, family: .v6,
                                             message: "service \(record): verdict \(vb) → \(va)"))
            }
        }
        return findings
    }

    /// `icmp 2001:db8::1: reachable → timeout`, one per result whose status changed.
    static func changes(_ before: [ScanProbe], _ after: [ScanProbe]) -> [String] {
        var oldStatus: [ScanMerge.ResultKey: ProbeStatus] = [:]
        for p in before { oldStatus[ScanMerge.ResultKey(p.result)] = p.result.status }
        var lines: [String] = []
        for p in after {
            guard let was = oldStatus[ScanMerge.ResultKey(p.result)], was != p.result.status else { continue }
            var where_ = p.result.address.description
            if let port = p.result.port { where_ = p.result.family == .v6 ? "[\(where_)]:\(port)" : "\(where_):\(port)" }
            var line = "\(p.result.method.rawValue) \(where_): \(was.rawValue) → \(p.result.status.rawValue)"
            if let detail = p.result.detail, !detail.isEmpty { line += " (\(detail))" }
            lines.append(line)
        }
        return lines
    }
}

/// One change between two scans.
public struct DriftFinding: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case serviceLostIPv6 = "service-lost-ipv6"
        case stoppedAnswering = "stopped-answering"
        case verdictWorse = "verdict-worse"
        case newHost = "new-host"
        case unknownHost = "unknown-host"
        case serviceGainedIPv6 = "service-gained-ipv6"
        case startedAnswering = "started-answering"
        case verdictBetter = "verdict-better"
        /// A LAN segment hears a rogue router advertisement it did not hear in the older scan.
        case newRogueRA = "new-rogue-ra"
        /// A LAN segment has a rogue DHCPv6 server it did not have.
        case newRogueDHCPv6 = "new-rogue-dhcpv6"
        /// A LAN segment's verdict got worse (green → yellow → red).
        case lanVerdictWorse = "lan-verdict-worse"
        case lanVerdictBetter = "lan-verdict-better"
        /// A port answers over IPv6 that IPv4 filters, and did not in the older scan (issue 19).
        case newIPv6Exposure = "new-ipv6-exposure"
        /// An IPv6 exposure of the older scan is gone.
        case ipv6ExposureClosed = "ipv6-exposure-closed"

        /// Order within a severity: a new IPv6 exposure first, then a new rogue RA, before anything else.
        var rankInSeverity: Int {
            switch self {
            case .newIPv6Exposure: 0
            case .newRogueRA: 1
            case .newRogueDHCPv6: 2
            default: 3
            }
        }

        public var severity: DriftSeverity {
            switch self {
            case .serviceLostIPv6, .stoppedAnswering, .verdictWorse, .newRogueRA, .newRogueDHCPv6, .lanVerdictWorse,
                 .newIPv6Exposure: return .regression
            case .newHost, .unknownHost: return .attention
            case .serviceGainedIPv6, .startedAnswering, .verdictBetter, .lanVerdictBetter, .ipv6ExposureClosed: return .improvement
            }
        }
    }

    public var kind: Kind
    public var record: String?
    public var address: String?
    public var family: AddressFamily?
    public var message: String
    /// The probe results whose status changed, e.g. `tcp [2001:db8::10]:443: reachable → timeout`.
    public var changes: [String]

    public init(kind: Kind, record: String?, address: String?, family: AddressFamily?, message: String, changes: [String] = []) {
        self.kind = kind; self.record = record; self.address = address; self.family = family
        self.message = message; self.changes = changes
    }

    public var severity: DriftSeverity { kind.severity }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("kind", kind.rawValue)
        o.add("severity", severity.rawValue)
        o.addIfPresent("record", record)
        o.addIfPresent("address", address)
        if let family { o.add("family", family.rawValue) }
        o.add("message", message)
        if !changes.isEmpty { o.add("changes", strings: changes) }
        return o.value
    }
}

/// How much a change matters, in the order drift reports them.
public enum DriftSeverity: String, Sendable, Comparable, CaseIterable {
    /// Something that worked stopped working: `check` fails on it unless `--ignore-drift`.
    case regression
    /// Something to look at: a host that answers but is not in the inventory.
    case attention
    case improvement

    public static func < (a: DriftSeverity, b: DriftSeverity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Every change between two scans, regressions first.
public struct DriftReport: Sendable, Equatable {
    public var from: String
    public var to: String
    public var fromTime: String?
    public var toTime: String?
    public var findings: [DriftFinding]
    /// Records the older scan probed and the newer one did not (a site scan, or a record removed).
    public var notRescanned: [String]

    public init(from: String, to: String, fromTime: String?, toTime: String?, findings: [DriftFinding], notRescanned: [String]) {
        self.from = from; self.to = to; self.fromTime = fromTime; self.toTime = toTime
        self.findings = findings; self.notRescanned = notRescanned
    }

    public var regressions: [DriftFinding] { findings.filter { $0.severity == .regression } }
    public var newHosts: [DriftFinding] { findings.filter { $0.kind == .newHost } }
    public var unknownHosts: [DriftFinding] { findings.filter { $0.kind == .newHost || $0.kind == .unknownHost } }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("from", from)
        o.add("to", to)
        o.add("from_time", fromTime.map(JSONValue.string) ?? .null)
        o.add("to_time", toTime.map(JSONValue.string) ?? .null)
        o.add("regressions", regressions.count)
        o.add("new_hosts", newHosts.count)
        o.add("findings", .array(findings.map(\.json)))
        o.add("not_rescanned", strings: notRescanned)
        return o.value
    }

    /// Human-readable lines: a heading, then one line per finding with its evidence indented.
    public func textLines() -> [String] {
        var lines = ["Drift from \(from)\(fromTime.map { " (\($0))" } ?? "") to \(to)\(toTime.map { " (\($0))" } ?? ""):"]
        if findings.isEmpty { lines.append("  no change") }
        for f in findings {
            lines.append("  \(f.severity.rawValue.uppercased()): \(f.message)")
            for c in f.changes { lines.append("      \(c)") }
        }
        if !notRescanned.isEmpty {
            let shown = notRescanned.prefix(8).joined(separator: ", ") + (notRescanned.count > 8 ? ", …" : "")
            lines.append("  not in the newer scan (not compared): \(notRescanned.count) records (\(shown))")
        }
        lines.append("  \(regressions.count) regression\(regressions.count == 1 ? "" : "s"), \(newHosts.count) new host\(newHosts.count == 1 ? "" : "s")")
        return lines
    }
}
