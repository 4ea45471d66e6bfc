import V6Core

/// A declarative description of a test network: a scanner namespace always, a router namespace with one namespace
/// per host behind it when there are hosts, and a "bulk" namespace one hop from the scanner when whole prefixes
/// should answer. `Lab.create` turns it into namespaces; nothing here touches the system.
///
/// ```
///   scanner ──veth── router ──veth── host (one namespace per host; behaviours live here and in the router)
///      └────veth── bulk (whole prefixes answer from `lo`; silent prefixes are black-holed)
/// ```
public struct LabSpec: Hashable, Sendable {
    /// Hosts behind the router, each in its own namespace.
    public var hosts: [LabHost]
    /// Whole prefixes that answer (or stay silent) one hop from the scanner, for sweeps and benchmarks.
    public var bulk: LabBulkTargets?
    /// Whether lab namespaces keep the kernel's ICMP error rate limits (see `LabICMPRateLimit`).
    public var icmpErrorRateLimit: LabICMPRateLimit
    /// The ranges the lab's own links are numbered from; no host or bulk address may lie in them.
    public var transit: LabTransit
    /// The scanner's name server, when the spec has one (it needs hosts: it runs in the router).
    public var resolver: LabResolver?
    /// An IPv6-only client segment with NAT64 and DNS64 in the router (it needs hosts and the resolver).
    public var ipv6OnlyClient: LabIPv6OnlyClient?

    public init(hosts: [LabHost] = [], bulk: LabBulkTargets? = nil,
                icmpErrorRateLimit: LabICMPRateLimit = .unlimited, transit: LabTransit = .standard,
                resolver: LabResolver? = nil, ipv6OnlyClient: LabIPv6OnlyClient? = nil) {
        self.hosts = hosts
        self.bulk = bulk
        self.icmpErrorRateLimit = icmpErrorRateLimit
        self.transit = transit
        self.resolver = resolver
        self.ipv6OnlyClient = ipv6OnlyClient
    }

    /// The real servers the lab runs (hosts' and the resolver), for the skip reason that names what is missing.
    public var serverPrograms: [LabServerProgram] {
        let programs = Set(hosts.flatMap(\.servers).map(\.program) + (resolver == nil ? [] : [.nsd])
                           + (ipv6OnlyClient == nil ? [] : [.tayga, .unbound]))
        return LabServerProgram.allCases.filter(programs.contains)
    }

    /// The host called `name`, if the spec has one.
    public func host(named name: String) -> LabHost? {
        hosts.first { $0.name == name }
    }
}

/// One host: a namespace behind the router with its addresses (on its veth end), its open TCP ports (a listener
/// each; every other port answers RST), the real servers it runs and the failures it shows.
public struct LabHost: Hashable, Sendable {
    /// The host's name; its namespace is `v6r-<id>-<name>`. 1–32 of `a-z 0-9 -`; not `scanner`, `router`, `bulk`.
    public var name: String
    /// Its service addresses, either family. A host with IPv4 addresses only is an IPv4-only host.
    public var addresses: [IPAddress]
    /// TCP ports with a plain listener on every address of the host (dual-stack, accepts and says nothing). Any
    /// port neither here nor served by `servers` is closed: the kernel answers RST.
    public var openTCPPorts: [Int]
    /// The failures this host shows; at most one of each kind.
    public var behaviours: [LabBehaviour]
    /// Real servers (NSD, nginx, an SMTP listener) on some of the host's addresses; their ports are not in
    /// `openTCPPorts`.
    public var servers: [LabServer]

    public init(_ name: String, addresses: [IPAddress], openTCPPorts: [Int] = [], behaviours: [LabBehaviour] = [],
                servers: [LabServer] = []) {
        self.name = name
        self.addresses = addresses
        self.openTCPPorts = openTCPPorts
        self.behaviours = behaviours
        self.servers = servers
    }

    /// Every TCP port something listens on, on some address: the plain listeners' and the servers'.
    public var listeningTCPPorts: [Int] {
        Set(openTCPPorts + servers.flatMap(\.tcpPorts)).sorted()
    }

    /// The host's addresses of one family, in spec order.
    public func addresses(_ family: AddressFamily) -> [IPAddress] {
        addresses.filter { $0.family == family }
    }

    /// The families the host has addresses in.
    public var families: Set<AddressFamily> { Set(addresses.map(\.family)) }
}

/// A failure a host shows, each the case a probe must classify correctly.
public enum LabBehaviour: Hashable, Sendable, CustomStringConvertible {
    /// The host's IPv6 addresses exist (published) but the router black-holes them: IPv6 probes see silence, IPv4
    /// works. (`ip -6 route add blackhole ADDR/128` in the router.)
    case ipv6PathBlackholed
    /// The host drops ICMP echo requests of these families while TCP keeps working (nftables in the host).
    case echoFiltered(Set<AddressFamily>)
    /// The host silently drops TCP SYNs to these ports: "filtered" (timeout), unlike a closed port (RST).
    case tcpPortsFiltered([Int])
    /// The host drops TCP SYNs to these ports over one family only, while the other family reaches them: the
    /// firewall rule written for IPv4 and never mirrored for IPv6 (or the reverse) that the parity audit finds.
    case tcpPortsFilteredOver(AddressFamily, [Int])
    /// The router rejects everything to the host with ICMP / ICMPv6 "administratively prohibited" (type 3 code 13,
    /// type 1 code 1) for these families.
    case adminProhibited(Set<AddressFamily>)
    /// Delay and loss on the router–host link, in each direction (see `LabImpairment`).
    case impaired(LabImpairment)
    /// The router's routes to the host carry this smaller, locked MTU and the router's Packet Too Big /
    /// fragmentation-needed messages are dropped: small packets pass, large ones with DF (and all large IPv6
    /// ones) vanish — a PMTU black hole. The host's own link keeps MTU 1500, so it advertises a 1460-byte MSS.
    case pmtuBlackHole(mtu: Int)

    /// The behaviour's kind, to refuse two of one kind on one host.
    public var kind: String {
        switch self {
        case .ipv6PathBlackholed: "ipv6-path-blackholed"
        case .echoFiltered: "echo-filtered"
        case .tcpPortsFiltered: "tcp-ports-filtered"
        case .tcpPortsFilteredOver: "tcp-ports-filtered-one-family"
        case .adminProhibited: "admin-prohibited"
        case .impaired: "impaired"
        case .pmtuBlackHole: "pmtu-black-hole"
        }
    }

    public var description: String {
        func families(_ set: Set<AddressFamily>) -> String {
            set.sorted().map(\.description).joined(separator: "+")
        }
        switch self {
        case .ipv6PathBlackholed: return kind
        case .echoFiltered(let set): return "\(kind) \(families(set))"
        case .tcpPortsFiltered(let ports): return "\(kind) " + ports.map(String.init).joined(separator: ",")
        case .tcpPortsFilteredOver(let family, let ports):
            return "\(kind) \(family) " + ports.map(String.init).joined(separator: ",")
        case .adminProhibited(let set): return "\(kind) \(families(set))"
        case .impaired(let impairment): return "\(kind) \(impairment)"
        case .pmtuBlackHole(let mtu): return "\(kind) mtu \(mtu)"
        }
    }
}

/// Delay and random loss on a link, applied in each direction: a ping crosses it twice, so its round trip gains
/// twice the delay and is lost with probability 1 − (1 − loss)².
///
/// Loss is done by nftables (`numgen random`), which every kernel with nftables has. Delay makes the link a
/// `LabDelayedLink` — a TUN interface at each end, relayed by the process that builds the lab — so it needs only
/// `/dev/net/tun` (`Lab.isSupported().delay`), not the `sch_netem` qdisc many minimal kernels lack.
public struct LabImpairment: Hashable, Sendable, CustomStringConvertible {
    /// Added one-way delay in milliseconds.
    public var delayMilliseconds: Int
    /// Random variation of that delay in milliseconds, at most the delay (packets keep their order).
    public var jitterMilliseconds: Int
    /// Percentage of packets dropped in each direction, 0–100 (nftables).
    public var lossPercent: Int

    public init(delayMilliseconds: Int = 0, jitterMilliseconds: Int = 0, lossPercent: Int = 0) {
        self.delayMilliseconds = delayMilliseconds
        self.jitterMilliseconds = jitterMilliseconds
        self.lossPercent = lossPercent
    }

    /// True when the impairment delays packets (its link becomes a `LabDelayedLink`).
    public var addsDelay: Bool { delayMilliseconds > 0 || jitterMilliseconds > 0 }

    public var description: String {
        var parts: [String] = []
        if delayMilliseconds > 0 {
            parts.append("delay \(delayMilliseconds)ms" + (jitterMilliseconds > 0 ? "±\(jitterMilliseconds)ms" : ""))
        }
        if lossPercent > 0 { parts.append("loss \(lossPercent)%") }
        return parts.isEmpty ? "none" : parts.joined(separator: " ")
    }
}

/// Whole prefixes one veth hop from the scanner: every address of an answering prefix replies to ICMP echo (and
/// to TCP on the open ports) because the prefix is a `local` route on `lo`; every address of a silent prefix is
/// routed there and black-holed. Cheap enough for a million targets: no per-address state anywhere.
public struct LabBulkTargets: Hashable, Sendable {
    /// Prefixes whose every address answers.
    public var answering: [IPPrefix]
    /// Prefixes routed to the bulk namespace and dropped without a word.
    public var silent: [IPPrefix]
    /// TCP ports with a dual-stack listener answering on every answering address. Meant for modest connection
    /// counts: the listener forks per connection.
    public var openTCPPorts: [Int]
    /// Optional delay/loss on the scanner–bulk link.
    public var impairment: LabImpairment?

    public init(answering: [IPPrefix], silent: [IPPrefix] = [], openTCPPorts: [Int] = [],
                impairment: LabImpairment? = nil) {
        self.answering = answering
        self.silent = silent
        self.openTCPPorts = openTCPPorts
        self.impairment = impairment
    }
}

/// Whether lab namespaces keep the kernel's ICMP error rate limits.
///
/// By default Linux sends ICMP errors (unreachable, admin-prohibited, time exceeded) from one namespace to one peer
/// in a token bucket of about 6 with one more per `icmp_ratelimit` (IPv4 1000 ms, IPv6 100 ms on this kernel), plus
/// a per-namespace budget of `icmp_msgs_per_sec` (1000, burst 50). A scan that expects 500 admin-prohibited replies
/// would see 7. Echo replies, RSTs and Packet Too Big are never limited.
public enum LabICMPRateLimit: Hashable, Sendable {
    /// Every lab namespace except the scanner clears `net.ipv4.icmp_ratemask` and `net.ipv6.icmp.ratemask`, so
    /// every error is sent: tests see deterministic answers. One exception no namespace can lift: IPv4 "network
    /// unreachable" for a destination the router has no route to comes from the routing code, limited by the
    /// machine-wide `net.ipv4.route.error_cost`/`error_burst` (1 per second, burst 5), which the lab leaves alone.
    case unlimited
    /// Kernel defaults, to watch a scanner cope with real-world rate limiting.
    case kernelDefault
}
