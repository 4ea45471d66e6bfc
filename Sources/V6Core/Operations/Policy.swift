/// What "compliant" means for `v6ready check`: a list of rules, from a policy file (`--policy FILE`, schema 1, see
/// docs/operations.md) or, without one, the program's yearly targets. Each rule is evaluated against the assessment
/// of the newest scan; the check is compliant when every rule passes.
public struct Policy: Sendable, Equatable {
    public var name: String?
    public var rules: [PolicyRule]
    public init(name: String? = nil, rules: [PolicyRule]) { self.name = name; self.rules = rules }

    /// Without a policy file: the program's targets for today (the plan's yearly percentages per category).
    public static let programTargets = Policy(name: nil, rules: [PolicyRule(index: 0, line: nil, kind: .programTargets, scope: PolicyScope())])
}

/// One rule of a policy, with where it was written (for messages).
public struct PolicyRule: Sendable, Equatable {
    public var index: Int
    public var line: Int?
    public var kind: PolicyRuleKind
    public var scope: PolicyScope
    public init(index: Int, line: Int?, kind: PolicyRuleKind, scope: PolicyScope) {
        self.index = index; self.line = line; self.kind = kind; self.scope = scope
    }

    /// The rule's name as written in policy files, e.g. `services-green`.
    public var name: String { kind.name }
}

/// Which records a rule looks at; every list given must match (agencies include the agencies below them).
public struct PolicyScope: Sendable, Equatable {
    public var agencies: [String]?
    public var sites: [String]?
    public var categories: [String]?
    public init(agencies: [String]? = nil, sites: [String]? = nil, categories: [String]? = nil) {
        self.agencies = agencies; self.sites = sites; self.categories = categories
    }
    public var isEmpty: Bool { agencies == nil && sites == nil && categories == nil }
}

/// The rules a policy can state.
public enum PolicyRuleKind: Sendable, Equatable {
    /// Every category is at or above the program's target for the last year that has ended.
    case programTargets
    /// Every service (of this audience and these kinds) has the scanner's verdict `green`, or one of `accept`.
    /// A service without a verdict line in the scan is not green.
    case servicesGreen(audience: Audience?, kinds: [ServiceKind]?, accept: [ServiceColour])
    /// At least `percent` % of the records of this kind work over IPv6, verified (dual stack or IPv6-only), from `by` on.
    case dualStackPercent(percent: Double, by: CalendarDate?, records: ItemKind)
    /// No record of these kinds is IPv6-broken (IPv6 published but unreachable while IPv4 works).
    case noIPv6Broken(records: [ItemKind])
    /// No host answers in the scan that the inventory does not know.
    case noUnknownHosts
    /// The scan is at most this many hours old (a cron job that stopped scanning is a finding too).
    case maxScanAge(hours: Double)
    /// No LAN audit of the scan heard a rogue router advertisement (`rogue-ra`).
    case noRogueRA
    /// Every LAN segment (in scope) was audited and gives its hosts an IPv6 address and DNS over IPv6.
    case lanIPv6DNS
    /// No port answers over IPv6 that IPv4 filters or refuses (the scan's parity lines, `ipv6-exposed`).
    case noIPv6Exposure
    /// At least `percent` % of the records of this kind work IPv6-only — seen from an IPv6-only vantage, or with no
    /// IPv4 at all — from `by` on (the 2026–2030 program's figure).
    case ipv6OnlyPercent(percent: Double, by: CalendarDate?, records: ItemKind)
    /// Circular 32/2017 art. 15(4): every web and DNS service (of this audience and these kinds) is green over IPv6
    /// and its name's DNSSEC chain validates (`secure`); the scan must have been run with --dnssec or --trust-anchor.
    case ipv6AndDNSSEC(audience: Audience?, kinds: [ServiceKind]?)
    /// No device put in service on or after `from` lacks IPv6 (the 2026 equipment rule: nothing new without it).
    case noNewDeviceWithoutIPv6(from: CalendarDate)
    /// No public service (in scope) is broken from an IPv6-only client (`scan --vantage ipv6-only`); one without
    /// an IPv6-only verdict in the scan fails too.
    case noIPv6OnlyBroken

    public var name: String {
        switch self {
        case .programTargets: return "program-targets"
        case .servicesGreen: return "services-green"
        case .dualStackPercent: return "dual-stack-percent"
        case .noIPv6Broken: return "no-ipv6-broken"
        case .noUnknownHosts: return "no-unknown-hosts"
        case .maxScanAge: return "max-scan-age"
        case .noRogueRA: return "no-rogue-ra"
        case .lanIPv6DNS: return "lan-ipv6-dns"
        case .noIPv6Exposure: return "no-ipv6-exposure"
        case .ipv6OnlyPercent: return "ipv6-only-percent"
        case .noNewDeviceWithoutIPv6: return "no-new-device-without-ipv6"
        case .ipv6AndDNSSEC: return "ipv6-and-dnssec"
        case .noIPv6OnlyBroken: return "no-ipv6-only-broken"
        }
    }

    public static let names = ["program-targets", "services-green", "dual-stack-percent", "no-ipv6-broken", "no-unknown-hosts", "max-scan-age",
                              "no-rogue-ra", "lan-ipv6-dns", "ipv6-only-percent", "no-new-device-without-ipv6",
                              "no-ipv6-only-broken", "ipv6-and-dnssec", "no-ipv6-exposure"]
}
