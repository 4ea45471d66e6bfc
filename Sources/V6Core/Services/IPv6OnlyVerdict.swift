/// What a client with no IPv4 at all gets from a service, judged from an IPv6-only vantage: the 2026–2030
/// program's question. `nat64` works today but leaves the service IPv4-only (the plan's work item).
public enum IPv6OnlyVerdict: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Its own AAAA works end to end.
    case native
    /// Works only through the network's NAT64/DNS64 translator: the service itself is still IPv4-only.
    case nat64
    /// Fails from an IPv6-only client (no AAAA and no DNS64, or the translated path fails too).
    case broken

    public var description: String { rawValue }

    /// The plan's work item for a service in this state, nil when there is nothing to do.
    public var workItem: String? {
        switch self {
        case .native: nil
        case .nat64: "publish AAAA / move to IPv6"
        case .broken: "make it reachable from IPv6-only clients (publish AAAA, or NAT64/DNS64 for the clients)"
        }
    }
}

/// The `ipv6_only` member of a service line from an IPv6-only vantage: the verdict and the facts behind it.
public struct IPv6OnlyAssessment: Sendable, Equatable {
    public var verdict: IPv6OnlyVerdict
    /// One line saying why.
    public var reason: String
    /// The facts, one line each (addresses tried, translated addresses, the IPv6-only client checks that failed).
    public var evidence: [String]
    /// Problems only an IPv6-only client sees (an IPv4 literal in a page, an MX reachable only over IPv4, ...),
    /// by stable code; they do not change the verdict but each is a finding.
    public var problems: [String]

    public init(verdict: IPv6OnlyVerdict, reason: String, evidence: [String] = [], problems: [String] = []) {
        self.verdict = verdict; self.reason = reason; self.evidence = evidence; self.problems = problems
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("verdict", verdict.rawValue)
        o.add("reason", reason)
        if let item = verdict.workItem { o.add("work_item", item) }
        o.add("problems", strings: problems)
        o.add("evidence", strings: evidence)
        return o.value
    }

    /// Reads the member back; nil when it is absent or its verdict is not one of native, nat64, broken.
    public init?(json value: JSONValue?) {
        guard let value, let verdict = value["verdict"]?.stringValue.flatMap(IPv6OnlyVerdict.init(rawValue:)) else { return nil }
        self.init(verdict: verdict, reason: value["reason"]?.stringValue ?? "",
                  evidence: (value["evidence"]?.arrayValue ?? []).compactMap(\.stringValue),
                  problems: (value["problems"]?.arrayValue ?? []).compactMap(\.stringValue))
    }
}
