/// How a target was probed.
public enum ProbeMethod: String, Sendable, CaseIterable {
    case icmp, tcp, dns
}

/// What a probe saw, in the words of DESIGN.md's JSON Lines contract.
public enum ProbeStatus: String, Sendable, CaseIterable {
    /// Echo reply, or TCP handshake completed, or a DNS answer.
    case reachable
    /// An ICMP error came back (its type and code in `detail`).
    case unreachable
    /// Nothing came back before the deadline, after every retry.
    case timeout
    /// TCP reset: the host is there, the port is closed.
    case refused
    /// The probe could not be sent (no route in the kernel, permission, ...).
    case error
}

/// One line of `probe --json` and of scan files: one (target, address, family, method, port).
public struct ProbeResult: Sendable, Equatable {
    public var target: String
    public var address: IPAddress
    public var method: ProbeMethod
    public var port: Int?
    public var status: ProbeStatus
    /// Round-trip time of the first answer, in milliseconds.
    public var rttMilliseconds: Double?
    public var detail: String?
    /// Probes sent (1 + retries used, or the count asked for with several packets).
    public var sent: Int
    /// Answers received (several-packet mode counts each).
    public var received: Int
    /// Min/avg/max RTT when several packets were asked for.
    public var rttStatistics: RTTStatistics?
    /// The inventory record the target came from, when it came from one.
    public var record: String?
    /// Where the probe was sent from (`"vantage"`, last member of the line).
    public var vantage: ScanVantage

    public init(target: String, address: IPAddress, method: ProbeMethod, port: Int? = nil, status: ProbeStatus,
                rttMilliseconds: Double? = nil, detail: String? = nil, sent: Int = 1, received: Int = 0,
                rttStatistics: RTTStatistics? = nil, record: String? = nil, vantage: ScanVantage = .dualStack) {
        self.target = target; self.address = address; self.method = method; self.port = port; self.status = status
        self.rttMilliseconds = rttMilliseconds; self.detail = detail; self.sent = sent; self.received = received
        self.rttStatistics = rttStatistics; self.record = record; self.vantage = vantage
    }

    public var family: AddressFamily { address.family }

    /// The JSON Lines object. Field names are the contract other tools read; keep them stable.
    /// What was asked for; an empty `target` means the address itself (prefix sweeps skip formatting it twice).
    public var displayTarget: String { target.isEmpty ? address.description : target }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("target", displayTarget)
        o.add("address", address.description)
        o.add("family", family.rawValue)
        o.add("method", method.rawValue)
        o.addIfPresent("port", port)
        o.add("status", status.rawValue)
        if let rtt = rttMilliseconds { o.add("rtt_ms", .number(Self.rounded(rtt))) }
        o.addIfPresent("detail", detail)
        o.add("sent", sent)
        o.add("received", received)
        if let s = rttStatistics {
            o.add("loss_pct", .number(Self.rounded(s.lossPercent)))
            if s.count > 0 {
                o.add("rtt_min_ms", .number(Self.rounded(s.min)))
                o.add("rtt_avg_ms", .number(Self.rounded(s.average)))
                o.add("rtt_max_ms", .number(Self.rounded(s.max)))
                o.add("rtt_stddev_ms", .number(Self.rounded(s.standardDeviation)))
            }
        }
        o.addIfPresent("record", record)
        o.add("vantage", vantage.rawValue)
        return o.value
    }

    /// Microsecond precision is all a network RTT carries; fewer digits keep the files small and stable.
    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    /// Reads a line written by `json` (for scans read back by assess, check and drift).
    public init?(json value: JSONValue) {
        guard let target = value["target"]?.stringValue, let addressText = value["address"]?.stringValue,
              let address = IPAddress(addressText), let method = value["method"]?.stringValue.flatMap(ProbeMethod.init),
              let status = value["status"]?.stringValue.flatMap(ProbeStatus.init),
              let vantage = ScanVantage.reading(value["vantage"]) else { return nil }
        guard Self.numberProblems(json: value).isEmpty else { return nil }
        self.init(target: target, address: address, method: method,
                  port: value["port"]?.integer(in: Self.portRange), status: status,
                  rttMilliseconds: value["rtt_ms"]?.number(in: Self.rttRange), detail: value["detail"]?.stringValue,
                  sent: value["sent"]?.integer(in: Self.packetCountRange) ?? 1,
                  received: value["received"]?.integer(in: Self.packetCountRange) ?? 0,
                  record: value["record"]?.stringValue, vantage: vantage)
    }

    static let portRange = 0...65535
    static let packetCountRange = 0...1_000_000
    static let rttRange = 0.0...3_600_000.0

    /// The numbers of a scan line that are out of range (`"port": 1e19`), each with its member name and why, so a
    /// reader can say `file:line: port: 1e19 is not a whole number from 0 to 65535` instead of trapping.
    public static func numberProblems(json value: JSONValue) -> [(member: String, message: String)] {
        var problems: [(member: String, message: String)] = []
        for (member, range) in [("port", portRange), ("sent", packetCountRange), ("received", packetCountRange)] {
            if let v = value[member], v != .null, v.integer(in: range) == nil { problems.append((member, v.integerProblem(in: range))) }
        }
        if let v = value["rtt_ms"], v != .null, v.number(in: rttRange) == nil { problems.append(("rtt_ms", v.numberProblem(in: rttRange))) }
        return problems
    }
}

/// Loss and RTT over several packets (fping -C / ping -c style).
public struct RTTStatistics: Sendable, Equatable {
    public private(set) var sent = 0
    public private(set) var count = 0
    public private(set) var min = Double.infinity
    public private(set) var max = 0.0
    private var sum = 0.0
    private var sumOfSquares = 0.0

    public init() {}

    public mutating func recordSent() { sent += 1 }
    public mutating func record(rttMilliseconds rtt: Double) {
        count += 1
        sum += rtt
        sumOfSquares += rtt * rtt
        min = Swift.min(min, rtt)
        max = Swift.max(max, rtt)
    }

    public var average: Double { count == 0 ? 0 : sum / Double(count) }
    public var standardDeviation: Double {
        guard count > 1 else { return 0 }
        let mean = average
        return (Swift.max(0, sumOfSquares / Double(count) - mean * mean)).squareRoot()
    }
    public var lossPercent: Double { sent == 0 ? 0 : 100 * Double(sent - count) / Double(sent) }
}

extension ProbeResult {
    /// The same text as `JSONWriter.compact(json)`, written directly: a sweep of a million targets spends its
    /// time probing, not building JSON trees.
    public var jsonLine: String {
        var s = "{\"target\":"
        s.reserveCapacity(160)
        let addressText = address.description
        if target.isEmpty { s += "\""; s += addressText; s += "\"" } else { JSONWriter.writeString(target, into: &s) }
        s += ",\"address\":\""
        s += addressText
        s += "\",\"family\":"
        s += family == .v4 ? "4" : "6"
        s += ",\"method\":\""
        s += method.rawValue
        s += "\""
        if let port { s += ",\"port\":"; s += String(port) }
        s += ",\"status\":\""
        s += status.rawValue
        s += "\""
        if let rtt = rttMilliseconds { s += ",\"rtt_ms\":"; s += JSONWriter.formatNumber(Self.rounded(rtt)) }
        if let detail { s += ",\"detail\":"; JSONWriter.writeString(detail, into: &s) }
        s += ",\"sent\":"
        s += String(sent)
        s += ",\"received\":"
        s += String(received)
        if let stats = rttStatistics {
            s += ",\"loss_pct\":"; s += JSONWriter.formatNumber(Self.rounded(stats.lossPercent))
            if stats.count > 0 {
                s += ",\"rtt_min_ms\":"; s += JSONWriter.formatNumber(Self.rounded(stats.min))
                s += ",\"rtt_avg_ms\":"; s += JSONWriter.formatNumber(Self.rounded(stats.average))
                s += ",\"rtt_max_ms\":"; s += JSONWriter.formatNumber(Self.rounded(stats.max))
                s += ",\"rtt_stddev_ms\":"; s += JSONWriter.formatNumber(Self.rounded(stats.standardDeviation))
            }
        }
        if let record { s += ",\"record\":"; JSONWriter.writeString(record, into: &s) }
        s += ",\"vantage\":\""
        s += vantage.rawValue
        s += "\"}"
        return s
    }
}
