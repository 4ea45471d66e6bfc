import V6Core

/// What a scan of an inventory lab must find, said before the scan and checked after it: each broken-on-purpose
/// case with its colour and sub-check; every other service green when the inventory gives it IPv6 and red when it
/// does not (the inventory's own story, which the lab serves faithfully); every other inventoried address
/// answering, except the IPv6 addresses the inventory says are not configured yet, which must stay silent.
/// Anything else the scan reports is a finding nobody intended — a bug of the lab or of the scanner. Pure.
public struct InventoryLabIntent: Sendable, Hashable {
    public var cases: [InventoryLabCase]
    /// Service id → the colour it must get, for every service outside the cases that the intent judges.
    public var expected: [String: ServiceColour]
    /// Service id → the verdict an IPv6-only client must reach (the lab's IPv6-only scan), for the same services
    /// as `expected`: native with IPv6 in the inventory; through NAT64 without, when it has a name DNS64 can
    /// translate; broken without either.
    public var expectedIPv6Only: [String: IPv6OnlyVerdict]
    /// Service id → why the intent does not judge it (an address the lab cannot hold, a name it does not serve).
    public var unjudged: [String: String]
    /// Inventoried addresses that must not answer.
    public var silentAddresses: Set<IPAddress>
    /// Devices holding an address of a case: their security findings are the case's doing.
    public var caseDevices: Set<String>
    /// Devices the inventory gives no working IPv6 (none listed, or only addresses of segments without IPv6):
    /// "manageable over IPv4 only" is the inventory's own story for them.
    public var ipv4OnlyDevices: Set<String>

    init(cases: [InventoryLabCase], services: [Service], devices: [Device] = [], silentAddresses: [IPAddress],
         isHeld: (IPAddress) -> Bool, skippedNames: Set<String>) {
        self.cases = cases
        self.silentAddresses = Set(silentAddresses)
        let held = Set(cases.flatMap(\.addresses))
        caseDevices = Set(devices.filter { ($0.ipv4 + $0.ipv6).contains(where: held.contains) }.map(\.id))
        let silent = Set(silentAddresses)
        ipv4OnlyDevices = Set(devices.filter { $0.ipv6.allSatisfy(silent.contains) }.map(\.id))
        let caseServices = Set(cases.map(\.service))
        var expected: [String: ServiceColour] = [:]
        var unjudged: [String: String] = [:]
        for service in services where !caseServices.contains(service.id) {
            let addresses = service.ipv4 + service.ipv6
            if addresses.isEmpty {
                unjudged[service.id] = "the inventory lists no address for it"
            } else if let outside = addresses.first(where: { !isHeld($0) }) {
                unjudged[service.id] = "\(outside) is outside the ranges the lab can hold"
            } else if let name = service.hostname, skippedNames.contains(name) {
                unjudged[service.id] = "its name \(name) is not under .example or .test, so the lab does not serve it"
            } else {
                expected[service.id] = service.ipv6.isEmpty ? .red : .green
            }
        }
        self.expected = expected
        self.unjudged = unjudged
        var ipv6Only: [String: IPv6OnlyVerdict] = [:]
        for service in services where expected[service.id] != nil {
            let named = service.hostname.flatMap(InventoryLabZones.normalized) != nil
            ipv6Only[service.id] = !service.ipv6.isEmpty ? .native : named ? .nat64 : .broken
        }
        expectedIPv6Only = ipv6Only
    }

    /// Every address a case holds: what happens there is the case's, judged by the case.
    public var caseAddresses: Set<IPAddress> { Set(cases.flatMap(\.addresses)) }

    /// What the demo says before scanning: one line per case, then the rule for everything else.
    public var statement: [String] {
        var lines = ["Broken on purpose: \(cases.count) case\(cases.count == 1 ? "" : "s"), each must be found as intended:"]
        lines += cases.map { "  \($0.subject): \($0.broken) → \($0.intended)" }
        lines.append("Everything else must be as the inventory says: services green with IPv6, red without; "
            + "every address answering" + (silentAddresses.isEmpty ? "." : " but the \(silentAddresses.count) IPv6 "
            + "addresses of segments without IPv6, which stay silent."))
        return lines
    }

    /// The records whose findings are their case's to judge: each case's record, the device of an echo case and
    /// every device holding a case's address.
    public var caseRecords: Set<String> {
        Set(cases.flatMap { [$0.service] + ($0.device.map { [$0] } ?? []) }).union(caseDevices)
    }

    /// Compares the scan with the intent: one row per case, and one line per finding nobody intended. `findings`
    /// are the scan's security findings (`ScanData.securityFindingLines`): the cases' own must be there, and any
    /// other record's finding is one nobody intended (the lab's firewalls, certificates and zones are the same
    /// over both families everywhere else).
    public func compare(services reports: [ServiceReport], probes: [ProbeResult],
                        findings: [(record: String, code: String, message: String)] = []) -> InventoryLabComparison {
        var byRecord: [String: ServiceReport] = [:]
        for report in reports { if let record = report.record { byRecord[record] = report } }
        let rows = cases.map { row(for: $0, byRecord[$0.service], probes, findings) }

        var unintended: [String] = []
        for (id, colour) in expected.sorted(by: { $0.key < $1.key }) {
            guard let report = byRecord[id] else {
                unintended.append("\(id): no verdict in the scan (intended: \(colour))")
                continue
            }
            if report.verdict != colour {
                unintended.append("\(id) (\(report.target)): \(report.verdict) — \(report.reason) (intended: \(colour))")
            }
        }
        let held = caseAddresses
        for probe in probes where !held.contains(probe.address) {
            let port = probe.port.map { " \($0)" } ?? ""
            let what = "\(probe.record ?? probe.displayTarget) \(probe.address) \(probe.method)\(port)"
            if silentAddresses.contains(probe.address) {
                if probe.status == .reachable {
                    unintended.append("\(what): answers, though its segment has no IPv6 yet (intended: silent)")
                }
            } else if probe.status != .reachable {
                unintended.append("\(what): \(probe.status)" + (probe.detail.map { " (\($0))" } ?? "")
                                  + " (intended: reachable)")
            }
        }
        let judged = caseRecords
        for line in findings where !judged.contains(line.record) {
            if line.code == "managed-only-over-ipv4" && ipv4OnlyDevices.contains(line.record) { continue }
            unintended.append("\(line.record): security finding \(line.code) — \(line.message) (intended: none)")
        }
        return InventoryLabComparison(rows: rows, unintended: unintended)
    }

    /// The IPv6-only scan held against `expectedIPv6Only`: one line per service whose verdict differs or is
    /// missing (the cases are the dual-stack scan's to judge).
    public func compareIPv6Only(_ verdicts: [String: IPv6OnlyVerdict]) -> [String] {
        expectedIPv6Only.sorted { $0.key < $1.key }.compactMap { id, verdict in
            guard let found = verdicts[id] else { return "\(id): no IPv6-only verdict (intended: \(verdict))" }
            return found == verdict ? nil : "\(id): \(found) from the IPv6-only client (intended: \(verdict))"
        }
    }

    func row(for chosen: InventoryLabCase, _ report: ServiceReport?, _ probes: [ProbeResult],
             _ findings: [(record: String, code: String, message: String)]) -> InventoryLabComparison.Row {
        var parts: [String] = []
        var asIntended = true
        if let verdict = chosen.verdict, let expected = chosen.check {
            guard let report else {
                return InventoryLabComparison.Row(case: chosen, found: "no verdict in the scan", asIntended: false)
            }
            let named = report.checks.filter { $0.name == expected.name }
            let matching = named.first { $0.result == expected.result && $0.explanation.contains(expected.phrase) }
            asIntended = report.verdict == verdict && matching != nil
            if let check = matching ?? named.first {
                parts.append("\(report.verdict): \(check.name) \(InventoryLabCase.word(check.result)) — " + Self.clip(check.explanation))
            } else {
                parts.append("\(report.verdict): no \(expected.name) check — " + Self.clip(report.reason))
            }
        }
        if chosen.echoUnanswered {
            let echoes = probes.filter { chosen.addresses.contains($0.address) && $0.family == .v6 && $0.method == .icmp }
            let statuses = Set(echoes.map(\.status.rawValue)).sorted().joined(separator: ", ")
            parts.append("echo: " + (echoes.isEmpty ? "not probed" : statuses))
            asIntended = asIntended && !echoes.isEmpty && echoes.allSatisfy { $0.status != .reachable }
        }
        if let expected = chosen.finding {
            let match = findings.first { $0.record == expected.record && $0.code == expected.code }
            parts.append(match.map { "finding \($0.code) — " + Self.clip($0.message) } ?? "no \(expected.code) finding")
            asIntended = asIntended && match != nil
        }
        return InventoryLabComparison.Row(case: chosen, found: parts.joined(separator: "; "), asIntended: asIntended)
    }

    /// A sub-check's explanation cut to fit a table cell.
    static func clip(_ text: String, to length: Int = 56) -> String {
        text.count > length ? String(text.prefix(length - 1)) + "…" : text
    }
}

/// The scan held against the intent: the "intended / found" table and the findings nobody intended.
public struct InventoryLabComparison: Sendable {
    public struct Row: Sendable {
        public var `case`: InventoryLabCase
        public var found: String
        public var asIntended: Bool
    }

    public var rows: [Row]
    /// One line per finding outside the intent, each saying what was intended instead.
    public var unintended: [String]

    public var foundAsIntended: Int { rows.filter(\.asIntended).count }

    /// True when every case was found as intended and nothing else was found.
    public var isAsIntended: Bool { foundAsIntended == rows.count && unintended.isEmpty }

    /// `7 of 7 cases found as intended, 0 findings not intended`.
    public var summary: String {
        "\(foundAsIntended) of \(rows.count) cases found as intended, \(unintended.count) "
            + "finding\(unintended.count == 1 ? "" : "s") not intended"
    }

    /// The "intended / found" table's columns (what each case broke is in `InventoryLabIntent.statement`).
    public static let headers = ["CASE", "INTENDED", "FOUND", "AS INTENDED"]

    /// The table's rows, in `headers` order.
    public var table: [[String]] {
        rows.map { [$0.case.label, $0.case.intendedBriefly, $0.found, $0.asIntended ? "yes" : "NO"] }
    }
}
