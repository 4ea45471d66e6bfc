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

    public var description: String {
        switch self {
        case .network(let behaviour): "\(behaviour)"
        case .nameServerIPv4Only: "name server listens on IPv4 only"
        case .mailGreetsIPv4Only: "SMTP greets over IPv4 only"
        case .otherPageOverIPv6: "another page over IPv6"
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

    /// The inventory service whose verdict the case is about.
    public var service: String
    /// The service's host name or id, as the scan's TARGET column shows it.
    public var target: String
    /// The device whose IPv6 address does not answer echo in the echo-filtered case (its service must stay green:
    /// filtered echo is not a broken service); nil otherwise.
    public var device: String?
    public var failure: InventoryLabFailure
    /// The addresses the case's host holds (all of the service's).
    public var addresses: [IPAddress]
    /// The colour the service must get.
    public var verdict: ServiceColour
    public var check: ExpectedCheck
    /// ICMPv6 echo to the case's IPv6 addresses must go unanswered (the echo-filtered case).
    public var echoUnanswered: Bool

    /// `so-tttt-ns1 (ns1.vidu.example)` or `so-tc-sv-ngansach-01 (device of so-tc-ngansach)`.
    public var subject: String {
        if let device { return "\(device) (device of \(service))" }
        return target == service ? service : "\(service) (\(target))"
    }

    /// The short name a table row goes by: the service id, or `device ID` for the echo-filtered case.
    public var label: String {
        device.map { "device \($0)" } ?? service
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
        }
    }

    /// What the scan must find: `yellow: tcp-445-v6 fails (no answer over IPv6)`.
    public var intended: String {
        var text = "\(verdict): \(check.name) \(Self.word(check.result)) (\(check.phrase))"
        if echoUnanswered { text += "; ICMPv6 echo unanswered" }
        return text
    }

    /// The same without the words the explanation must hold, for a table cell: `yellow: tcp-445-v6 fails`.
    public var intendedBriefly: String {
        "\(verdict): \(check.name) \(Self.word(check.result))" + (echoUnanswered ? "; no echo reply" : "")
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
