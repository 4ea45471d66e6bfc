/// The colours public IPv6 scorers paint a service in (NIST's USGv6 deployment monitor; internet.nl's pass/fail),
/// plus gray, which internet.nl lacks and users asked for (internet.nl#2162): "we could not test this", or "absent on
/// purpose", is not the same as "broken".
public enum ServiceColour: String, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// Works over IPv6.
    case green
    /// An IPv6 address is published but the service does not (fully) work over it.
    case yellow
    /// No IPv6 address is published at all.
    case red
    /// Not testable, or absent on purpose (a null MX, a name that does not exist).
    case gray

    public var description: String { rawValue }

    /// Worst first, the order summaries list them in.
    public static let worstFirst: [ServiceColour] = [.red, .yellow, .gray, .green]

    public static func < (lhs: ServiceColour, rhs: ServiceColour) -> Bool {
        worstFirst.firstIndex(of: lhs)! < worstFirst.firstIndex(of: rhs)!
    }
}

/// What one sub-check found.
public enum CheckResult: String, Sendable, CaseIterable, CustomStringConvertible {
    case pass
    case fail
    /// The check could not be run (no address to compare with, ICMP unavailable, outside the scope, ...): not a
    /// failure of the service, and said so instead of being counted as one.
    case notTestable = "not-testable"

    public var description: String { rawValue }
}

/// Why a sub-check is there, which decides what it does to the verdict (see `ServiceVerdictRules`).
public enum CheckRole: String, Sendable {
    /// Is an IPv6 address published (AAAA, every MX/NS with AAAA)? Its failure with no IPv6 address at all is red.
    case publication
    /// Does the service answer over IPv6 (TCP port, SMTP greeting, DNS answer, the same page)? Green needs one pass.
    case function
    /// Does it work well (no PMTU black hole, no Happy Eyeballs penalty, PTR, IPv4 still there)? Fails are yellow.
    case quality
}

/// One sub-check behind a verdict: a stable name (`aaaa`, `tcp-443-v6`, `same-page`), its result, one line saying
/// why, and the address it is about when it is about one (internet.nl#202: with several AAAA records, say which one
/// failed instead of failing the domain while every shown sub-test is green).
public struct ServiceCheck: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var result: CheckResult
    public var explanation: String
    public var address: IPAddress?

    public init(_ name: String, _ result: CheckResult, _ explanation: String, address: IPAddress? = nil) {
        self.name = name
        self.result = result
        self.explanation = explanation
        self.address = address
    }

    /// What the check does to the verdict, fixed by its name.
    public var role: CheckRole { Self.role(ofName: name) }

    /// `tcp-443-v6 [2001:db8::20] fail: timed out after 4000 ms`.
    public var description: String {
        "\(name)\(address.map { " [\($0)]" } ?? "") \(result): \(explanation)"
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("name", name)
        o.add("result", result.rawValue)
        if let address { o.add("address", address.description) }
        o.add("explanation", explanation)
        return o.value
    }
}

/// The verdict on one service: its colour, the sub-checks it rests on, and the addresses that were looked at.
/// This is the `{"type":"service",...}` line of scan files (docs/scan-format.md).
public struct ServiceReport: Sendable, Equatable {
    /// The inventory service id, when the service came from the inventory.
    public var record: String?
    /// The host name checked, or the record id when the service has none.
    public var target: String
    /// The inventory kind (`web`, `public-service-portal`, `mail`, `dns`, `app`, ...) or the `--service` kind.
    public var kind: String
    /// How it was checked: `web`, `mail-domain`, `mail-server`, `dns-zone`, `dns-server` or `tcp`.
    public var mode: ServiceMode
    public var verdict: ServiceColour
    /// One line saying why this colour.
    public var reason: String
    public var checks: [ServiceCheck]
    /// The addresses the checks looked at, IPv4 then IPv6.
    public var addresses: [IPAddress]
    /// The DNSSEC state of the name or zone, when it was validated.
    public var dnssec: ServiceDNSSEC?
    /// Where the checks ran from (`"vantage"`, last member of the line).
    public var vantage: ScanVantage
    /// From an IPv6-only vantage: native, nat64 or broken, with its evidence (`"ipv6_only"`).
    public var ipv6Only: IPv6OnlyAssessment?
    /// The TLS comparison of the families (web on 443): written as its own `{"type":"tls",...}` line after this one.
    public var tls: TLSEvaluation?

    public init(record: String?, target: String, kind: String, mode: ServiceMode, verdict: ServiceColour,
                reason: String, checks: [ServiceCheck], addresses: [IPAddress], vantage: ScanVantage = .dualStack) {
        self.record = record
        self.target = target
        self.kind = kind
        self.mode = mode
        self.verdict = verdict
        self.reason = reason
        self.checks = checks
        self.addresses = addresses
        self.vantage = vantage
    }

    /// The scan-file line. `type` first, so readers tell it from a probe line at a glance.
    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("type", "service")
        o.addIfPresent("record", record)
        o.add("target", target)
        o.add("kind", kind)
        o.add("checked_as", mode.rawValue)
        o.add("verdict", verdict.rawValue)
        o.add("reason", reason)
        o.add("addresses", strings: addresses.map(\.description))
        o.add("checks", .array(checks.map(\.json)))
        if let dnssec { o.add("dnssec", dnssec.json) }
        o.add("vantage", vantage.rawValue)
        if let ipv6Only { o.add("ipv6_only", ipv6Only.json) }
        return o.value
    }

    public var jsonLine: String { JSONWriter.compact(json) }

    /// Reads a line written by `json` (for tests and tools reading scans back); nil when it is not a service line.
    public init?(json value: JSONValue) {
        guard value["type"]?.stringValue == "service", let target = value["target"]?.stringValue,
              let kind = value["kind"]?.stringValue,
              let verdict = value["verdict"]?.stringValue.flatMap(ServiceColour.init(rawValue:)),
              let vantage = ScanVantage.reading(value["vantage"]) else { return nil }
        var checks: [ServiceCheck] = []
        for item in value["checks"]?.arrayValue ?? [] {
            guard let name = item["name"]?.stringValue,
                  let result = item["result"]?.stringValue.flatMap(CheckResult.init(rawValue:)) else { return nil }
            checks.append(ServiceCheck(name, result, item["explanation"]?.stringValue ?? "",
                                       address: item["address"]?.stringValue.flatMap(IPAddress.init)))
        }
        self.init(record: value["record"]?.stringValue, target: target, kind: kind,
                  mode: value["checked_as"]?.stringValue.flatMap(ServiceMode.init(rawValue:)) ?? .tcp,
                  verdict: verdict, reason: value["reason"]?.stringValue ?? "", checks: checks,
                  addresses: (value["addresses"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(IPAddress.init) },
                  vantage: vantage)
        ipv6Only = IPv6OnlyAssessment(json: value["ipv6_only"])
        dnssec = value["dnssec"].flatMap(ServiceDNSSEC.init(json:))
    }
}

extension ServiceCheck {
    /// The role a check name stands for (names are the contract; roles follow from them and are not written).
    public static func role(ofName name: String) -> CheckRole {
        switch name {
        case "aaaa", "ipv6-address", "mx-aaaa", "ns-aaaa": .publication
        case "same-page", "smtp-v6", "dns-udp-v6", "dns-tcp-v6": .function
        case _ where name.hasPrefix("tcp-") && name.hasSuffix("-v6"): .function
        default: .quality
        }
    }
}

/// How a service was checked, which decides its sub-checks.
public enum ServiceMode: String, Sendable, CaseIterable {
    /// A web site: AAAA, TCP 80/443 over IPv6, the same page over both families, PMTU, Happy Eyeballs.
    case web
    /// A mail domain: every MX with AAAA, an SMTP greeting over IPv6, PTR for each IPv6 mail address, PMTU.
    case mailDomain = "mail-domain"
    /// One mail server by name (no MX at that name): AAAA, SMTP greeting over IPv6, PTR, its other ports.
    case mailServer = "mail-server"
    /// A DNS zone: at least two NS with AAAA, each answering DNS over IPv6 (UDP and TCP), PMTU.
    case dnsZone = "dns-zone"
    /// One DNS server by name: AAAA, answers DNS over IPv6 (UDP and TCP), PMTU.
    case dnsServer = "dns-server"
    /// Any TCP service: its ports reachable over both families, PMTU, Happy Eyeballs.
    case tcp
}
