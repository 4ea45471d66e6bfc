/// How a device can be managed over each family: the SSH banner on port 22 and a TCP connect to the HTTPS admin
/// port 443, as sub-checks of its readiness. A device reachable for management only over IPv4 cannot go IPv6-only.
/// The scan's `{"type":"management",...}` line (docs/scan-format.md).
public struct ManagementObservation: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// SSH: the banner line (`SSH-2.0-OpenSSH_9.2p1`); HTTPS: the connect time.
        case answered(String)
        case failed(String)

        public var answered: Bool { if case .answered = self { true } else { false } }
    }

    public struct Probe: Sendable, Equatable {
        /// `ssh` or `https`.
        public var service: String
        public var address: IPAddress
        public var outcome: Outcome
        public init(service: String, address: IPAddress, outcome: Outcome) {
            self.service = service; self.address = address; self.outcome = outcome
        }
        /// `ssh-v6`, `https-v4`.
        public var name: String { "\(service)-\(address.family == .v6 ? "v6" : "v4")" }
    }

    public var record: String
    public var target: String
    public var probes: [Probe]

    public init(record: String, target: String, probes: [Probe]) {
        self.record = record; self.target = target; self.probes = probes
    }

    public func manageable(over family: AddressFamily) -> Bool {
        probes.contains { $0.address.family == family && $0.outcome.answered }
    }

    /// Manageable over IPv4 and not over IPv6: blocks IPv6-only operation.
    public var onlyOverIPv4: Bool { manageable(over: .v4) && !manageable(over: .v6) }

    /// The sub-checks, one per service and family (the best address of the family counts).
    public var checks: [ServiceCheck] {
        var result: [ServiceCheck] = []
        for service in ["ssh", "https"] {
            for family in [AddressFamily.v4, .v6] {
                let mine = probes.filter { $0.service == service && $0.address.family == family }
                guard !mine.isEmpty else { continue }
                let over = family == .v6 ? "IPv6" : "IPv4"
                if let good = mine.first(where: { $0.outcome.answered }), case .answered(let text) = good.outcome {
                    result.append(ServiceCheck(good.name, .pass, service == "ssh" ? "SSH over \(over): \(text)"
                                               : "HTTPS admin port 443 answers over \(over) (\(text))", address: good.address))
                } else if case .failed(let why) = mine[0].outcome {
                    result.append(ServiceCheck(mine[0].name, .fail, "\(service == "ssh" ? "no SSH banner on port 22" : "HTTPS admin port 443 does not answer") over \(over): \(why)",
                                               address: mine[0].address))
                }
            }
        }
        return result
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("type", "management")
        o.add("record", record)
        o.add("target", target)
        o.add("ipv4", .bool(manageable(over: .v4)))
        o.add("ipv6", .bool(manageable(over: .v6)))
        o.add("checks", .array(checks.map(\.json)))
        return o.value
    }

    public var jsonLine: String { JSONWriter.compact(json) }
}

/// A management line read back from a scan.
public struct ScanManagementLine: Sendable, Equatable {
    public var line: Int
    public var record: String
    public var ipv4: Bool
    public var ipv6: Bool
    public var checks: [(name: String, result: String, explanation: String)]

    public static func == (a: ScanManagementLine, b: ScanManagementLine) -> Bool {
        a.line == b.line && a.record == b.record && a.ipv4 == b.ipv4 && a.ipv6 == b.ipv6
            && a.checks.map(\.name) == b.checks.map(\.name) && a.checks.map(\.result) == b.checks.map(\.result)
    }

    init?(line: Int, json value: JSONValue) {
        guard value["type"]?.stringValue == "management", let record = value["record"]?.stringValue else { return nil }
        func flag(_ key: String) -> Bool { if case .bool(true)? = value[key] { true } else { false } }
        self.line = line
        self.record = record
        ipv4 = flag("ipv4")
        ipv6 = flag("ipv6")
        checks = (value["checks"]?.arrayValue ?? []).compactMap { check in
            guard let name = check["name"]?.stringValue, let result = check["result"]?.stringValue else { return nil }
            return (name, result, check["explanation"]?.stringValue ?? "")
        }
    }

    /// Manageable over IPv4 only: not IPv6-only ready.
    public var onlyOverIPv4: Bool { ipv4 && !ipv6 }
}
