/// A router's preference (RFC 4191 §2.1): which default router hosts pick when several advertise.
public enum RouterPreference: String, Sendable, CaseIterable {
    case high, medium, low
    /// The reserved value 10: RFC 4191 says receivers treat it as medium; kept apart so the audit can say so.
    case reserved

    /// From the two-bit field of the RA header or a route information option.
    init(bits: UInt8) {
        switch bits & 0x3 {
        case 0b01: self = .high
        case 0b00: self = .medium
        case 0b11: self = .low
        default: self = .reserved
        }
    }
}

/// A prefix information option (RFC 4861 §4.6.2): a prefix hosts may treat as on-link (L) and form addresses in (A).
public struct PrefixInformation: Sendable, Equatable {
    public var prefix: IPPrefix
    /// L: the prefix is on-link.
    public var onLink: Bool
    /// A: hosts may form addresses in it by SLAAC (only useful on a /64).
    public var autonomous: Bool
    /// Seconds; 0xFFFFFFFF is infinity.
    public var validLifetime: UInt32
    public var preferredLifetime: UInt32

    public init(prefix: IPPrefix, onLink: Bool, autonomous: Bool, validLifetime: UInt32, preferredLifetime: UInt32) {
        self.prefix = prefix; self.onLink = onLink; self.autonomous = autonomous
        self.validLifetime = validLifetime; self.preferredLifetime = preferredLifetime
    }
}

/// A route information option (RFC 4191 §2.3): a more specific route through this router.
public struct RouteInformation: Sendable, Equatable {
    public var prefix: IPPrefix
    public var preference: RouterPreference
    /// Seconds; 0xFFFFFFFF is infinity.
    public var lifetime: UInt32

    public init(prefix: IPPrefix, preference: RouterPreference, lifetime: UInt32) {
        self.prefix = prefix; self.preference = preference; self.lifetime = lifetime
    }
}

/// A recursive DNS server option (RFC 8106 §5.1): the DNS servers hosts learn without DHCPv6.
public struct RecursiveDNSServers: Sendable, Equatable {
    /// Seconds; 0 means "stop using these".
    public var lifetime: UInt32
    public var servers: [IPv6Address]

    public init(lifetime: UInt32, servers: [IPv6Address]) { self.lifetime = lifetime; self.servers = servers }
}

/// A DNS search list option (RFC 8106 §5.2).
public struct DNSSearchList: Sendable, Equatable {
    public var lifetime: UInt32
    /// Domains in presentation form with the trailing dot, e.g. `vidu.example.`.
    public var domains: [String]

    public init(lifetime: UInt32, domains: [String]) { self.lifetime = lifetime; self.domains = domains }
}

/// A PREF64 option (RFC 8781): the NAT64 prefix, so IPv6-only hosts can synthesise addresses without DNS64 tricks.
public struct PREF64: Sendable, Equatable {
    /// Seconds (the option carries it in units of 8 seconds).
    public var lifetime: UInt32
    /// /96, /64, /56, /48, /40 or /32 (RFC 6052).
    public var prefix: IPPrefix

    public init(lifetime: UInt32, prefix: IPPrefix) { self.lifetime = lifetime; self.prefix = prefix }
}

/// One decoded router advertisement (ICMPv6 type 134, RFC 4861 §4.2), with the options this audit judges and the
/// problems met on the way. The IPv6 source and hop limit come from the socket, not from these bytes.
public struct RouterAdvertisement: Sendable, Equatable {
    /// Cur Hop Limit hosts should use (0: unspecified).
    public var currentHopLimit: UInt8
    /// M: addresses are available from DHCPv6.
    public var managed: Bool
    /// O: other configuration (DNS) is available from DHCPv6.
    public var otherConfiguration: Bool
    /// H: the router is a Mobile IPv6 home agent (RFC 6275).
    public var homeAgent: Bool
    /// Prf (RFC 4191).
    public var preference: RouterPreference
    /// P: proxied (RFC 4389).
    public var proxy: Bool
    /// Seconds this router is a default router; 0: it is not one (hosts get no default route from it).
    public var routerLifetime: UInt16
    /// Milliseconds (0: unspecified).
    public var reachableTime: UInt32
    /// Milliseconds (0: unspecified).
    public var retransTimer: UInt32
    /// Option 1.
    public var sourceLinkLayerAddress: LinkLayerAddress?
    /// Option 5.
    public var mtu: UInt32?
    /// Option 3, in order.
    public var prefixes: [PrefixInformation]
    /// Option 24.
    public var routes: [RouteInformation]
    /// Option 25.
    public var dnsServers: [RecursiveDNSServers]
    /// Option 31.
    public var searchLists: [DNSSearchList]
    /// Option 38.
    public var pref64: [PREF64]
    /// Types of options this decoder does not read (skipped, as RFC 4861 asks).
    public var unknownOptions: [UInt8]
    /// Malformed options, each skipped.
    public var problems: [LANDecodeProblem]

    public init(currentHopLimit: UInt8 = 0, managed: Bool = false, otherConfiguration: Bool = false, homeAgent: Bool = false,
                preference: RouterPreference = .medium, proxy: Bool = false, routerLifetime: UInt16 = 0,
                reachableTime: UInt32 = 0, retransTimer: UInt32 = 0, sourceLinkLayerAddress: LinkLayerAddress? = nil,
                mtu: UInt32? = nil, prefixes: [PrefixInformation] = [], routes: [RouteInformation] = [],
                dnsServers: [RecursiveDNSServers] = [], searchLists: [DNSSearchList] = [], pref64: [PREF64] = [],
                unknownOptions: [UInt8] = [], problems: [LANDecodeProblem] = []) {
        self.currentHopLimit = currentHopLimit; self.managed = managed; self.otherConfiguration = otherConfiguration
        self.homeAgent = homeAgent; self.preference = preference; self.proxy = proxy; self.routerLifetime = routerLifetime
        self.reachableTime = reachableTime; self.retransTimer = retransTimer
        self.sourceLinkLayerAddress = sourceLinkLayerAddress; self.mtu = mtu; self.prefixes = prefixes
        self.routes = routes; self.dnsServers = dnsServers; self.searchLists = searchLists; self.pref64 = pref64
        self.unknownOptions = unknownOptions; self.problems = problems
    }

    /// Every RDNSS address with a lifetime above zero, in order, without repeats.
    public var usableDNSServers: [IPv6Address] {
        var seen = Set<IPv6Address>()
        return dnsServers.filter { $0.lifetime > 0 }.flatMap(\.servers).filter { seen.insert($0).inserted }
    }
}
