import V6Core

/// What the inventory lab breaks on purpose in one case: a network failure of the host that holds a service's
/// addresses, or a misconfigured real server — the failures only a real server shows.
public enum InventoryLabFailure: Hashable, Sendable, CustomStringConvertible {
    /// A failure of the path or the host (`LabBehaviour`): IPv6 black-holed, admin-prohibited, a PMTU black hole,
    /// ICMPv6 echo filtered.
    case network(LabBehaviour)
    /// The name server (NSD) listens on its IPv4 addresses only: over IPv6, UDP port 53 is unreachable and TCP
    /// port 53 refused, while the address itself answers.
    case nameServerIPv4Only
    /// Port 25 over IPv6 accepts and closes without a greeting (a proxy with no IPv6 backend); over IPv4 the
    /// server greets.
    case mailGreetsIPv4Only
    /// Over IPv6 the web server answers with another page (the web server's default) than over IPv4.
    case otherPageOverIPv6
    /// A device's SSH port listens over both families, but its firewall drops port 22 over IPv4 only: the rule
    /// was never mirrored for IPv6, so SSH is exposed over IPv6 (the parity audit's `ipv6-exposed`).
    case sshFilteredOverIPv4Only
    /// The web server presents another certificate (same name, another key) on its IPv6 listener than on IPv4.
    case otherCertificateOverIPv6
    /// The zone is signed, but the signatures over this name's A and AAAA records expired a month ago: bogus.
    case expiredSignatures

    public var description: String {
        switch self {
        case .network(let behaviour): "\(behaviour)"
        case .nameServerIPv4Only: "name server listens on IPv4 only"
        case .mailGreetsIPv4Only: "SMTP greets over IPv4 only"
        case .otherPageOverIPv6: "another page over IPv6"
        case .sshFilteredOverIPv4Only: "SSH filtered over IPv4 only"
        case .otherCertificateOverIPv6: "another certificate over IPv6"
        case .expiredSignatures: "expired DNSSEC signatures"
        }
    }
}

/// One broken-on-purpose case and what the scan must find: the colour the service must get and the sub-check that
/// shows why. Pure data, so the demo can print it before scanning and compare it with the scan afterwards.
public struct InventoryLabCase: Hashable, Sendable {
    /// The sub-check a case turns on: its name, the result it must have, and words its explanation must hold.
    public struct ExpectedCheck: Hashable, Sendable, CustomStringConvertible {
        public var name: String
        public var result: CheckResult
        public var phrase: String

        public var description: String { "\(name) \(result) (\(phrase))" }
    }

    /// A security finding a case must produce (`ScanData.securityFindingLines`): the record and the finding code.
    public struct ExpectedFinding: Hashable, Sendable, CustomStringConvertible {
        public var record: String
        public var code: String

        public var description: String { "\(code) on \(record)" }
    }

    /// The inventory record the case is about: a service, whose verdict the case judges, or a device for the
    /// exposure case (judged by its security finding alone).
    public var service: String
    /// The service's host name or id, as the scan's TARGET column shows it.
    public var target: String
    /// The device whose IPv6 address does not answer echo in the echo-filtered case (its service must stay green:
    /// filtered echo is not a broken service); nil otherwise.
    public var device: String?
    public var failure: InventoryLabFailure
    /// The addresses the case's host holds (all of the service's).
    public var addresses: [IPAddress]
    /// The colour the service must get; nil for a device case.
    public var verdict: ServiceColour?
    public var check: ExpectedCheck?
    /// The security finding the scan must list for the case, if any.
    public var finding: ExpectedFinding?
    /// ICMPv6 echo to the case's IPv6 addresses must go unanswered (the echo-filtered case).
    public var echoUnanswered: Bool

    /// `so-tttt-ns1 (ns1.vidu.example)` or `so-tc-sv-ngansach-01 (device of so-tc-ngansach)`.
    public var subject: String {
        if failure == .sshFilteredOverIPv4Only { return "device \(service)" }
        if let device { return "\(device) (device of \(service))" }
        return target == service ? service : "\(service) (\(target))"
    }

    /// The short name a table row goes by: the service id, or `device ID` for the echo-filtered case.
    public var label: String {
        if failure == .sshFilteredOverIPv4Only { return "device \(service)" }
        return device.map { "device \($0)" } ?? service
    }

    /// What the lab does, in words: `IPv6 black-holed in the router`.
    public var broken: String {
        switch failure {
        case .network(.ipv6PathBlackholed): "IPv6 path black-holed in the router"
        case .network(.adminProhibited): "router rejects IPv6 (admin-prohibited)"
        case .network(.pmtuBlackHole(let mtu)): "MTU \(mtu) on the path, Packet Too Big dropped"
        case .network(.echoFiltered): "the device drops ICMPv6 echo; TCP still open"
        case .network(let behaviour): "\(behaviour)"
        case .nameServerIPv4Only: "NSD listens on the IPv4 address only"
        case .mailGreetsIPv4Only: "port 25 over IPv6 closes without a greeting"
        case .otherPageOverIPv6: "nginx serves its default page over IPv6"
        case .sshFilteredOverIPv4Only: "SSH listens on both families; the firewall drops port 22 over IPv4 only"
        case .otherCertificateOverIPv6: "nginx presents another certificate on the IPv6 listener"
        case .expiredSignatures: "the zone is signed; this name's signatures expired a month ago"
        }
    }

    /// What the scan must find: `yellow: tcp-445-v6 fails (no answer over IPv6)`, `finding ipv6-exposed`.
    public var intended: String {
        var parts: [String] = []
        if let verdict, let check { parts.append("\(verdict): \(check.name) \(Self.word(check.result)) (\(check.phrase))") }
        if echoUnanswered { parts.append("ICMPv6 echo unanswered") }
        if let finding { parts.append("security finding \(finding.code)") }
        return parts.joined(separator: "; ")
    }

    /// The same without the words the explanation must hold, for a table cell: `yellow: tcp-445-v6 fails`.
    public var intendedBriefly: String {
        var parts: [String] = []
        if let verdict, let check { parts.append("\(verdict): \(check.name) \(Self.word(check.result))") }
        if echoUnanswered { parts.append("no echo reply") }
        if let finding { parts.append("finding \(finding.code)") }
        return parts.joined(separator: "; ")
    }

    /// `fails`, `passes`, `not-testable`.
    static func word(_ result: CheckResult) -> String {
        switch result {
        case .fail: "fails"
        case .pass: "passes"
        case .notTestable: "not-testable"
        }
    }
}
