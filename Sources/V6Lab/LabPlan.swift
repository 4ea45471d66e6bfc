import V6Core

/// One step of building a lab. Every `ip` command names its namespace (`ip netns add`, `ip -n NS`, or a veth pair
/// whose two ends are created directly inside two lab namespaces), so nothing is ever configured in the root
/// namespace; `LabPlan` tests check exactly that.
public enum LabStep: Sendable, Hashable, CustomStringConvertible {
    /// Run a tool from the root namespace; its arguments target a lab namespace (`ip -n NS`, `ip netns add`).
    case command(LabTool, [String])
    /// Run a tool inside a lab namespace (`ip netns exec NS tool ...`), with optional standard input.
    case inNamespace(String, LabTool, [String], input: String?)
    /// Start a dual-stack TCP listener on `port` inside `namespace`, and wait until it listens.
    case listen(namespace: String, port: Int)
    /// Wait until a veth end is ready for IPv6 (its link-local address exists). Until the kernel's link watcher
    /// marks a new link operational — anywhere from 0 to about 1 s after `link set up` — the namespace ignores
    /// neighbour solicitations, and the first IPv6 packet toward it would be lost.
    case awaitLink(namespace: String, interface: String)
    /// Create a link with added delay: a TUN interface at each end, joined by a relay thread of the building process
    /// (see `LabDelayedLink`). Takes the place of the veth pair such a link would otherwise be.
    case delayedLink(LabDelayedLink)
    /// Start a real server inside `namespace` (its files in the lab's registry directory); the lab waits for every
    /// server at the end, so their start-ups overlap.
    case serve(namespace: String, server: LabServer)
    /// Write `/etc/netns/<namespace>/resolv.conf` naming these name servers: the file `ip netns exec` mounts over
    /// /etc/resolv.conf, and the one `v6ready --netns` reads. Removed with the lab.
    case resolvConf(namespace: String, nameservers: [IPAddress])
    /// Start a translator or resolver daemon (TAYGA, Unbound) inside `namespace`; stopped at tear-down.
    case daemon(namespace: String, LabTranslatorDaemon)

    public var description: String {
        switch self {
        case .command(let tool, let arguments):
            return ([tool.rawValue] + arguments).joined(separator: " ")
        case .inNamespace(let namespace, let tool, let arguments, let input):
            let line = (["ip", "netns", "exec", namespace, tool.rawValue] + arguments).joined(separator: " ")
            return input.map { line + " <<EOF\n" + $0 + "EOF" } ?? line
        case .listen(let namespace, let port):
            return (["ip", "netns", "exec", namespace, "socat"] + LabPlan.listenerArguments(port: port))
                .joined(separator: " ")
        case .awaitLink(let namespace, let interface):
            return "# wait until \(interface) in \(namespace) has its IPv6 link-local address"
        case .delayedLink(let link):
            return link.description
        case .serve(let namespace, let server):
            return "# start \(server) in \(namespace)"
        case .resolvConf(let namespace, let nameservers):
            return "# write \(LabResolvConf.path(of: namespace)): "
                + nameservers.map { "nameserver \($0)" }.joined(separator: "; ")
        case .daemon(let namespace, let daemon):
            return "# start \(daemon) in \(namespace)"
        }
    }
}

/// Everything needed to build one lab from a spec: the layout it will have and the ordered steps that create it.
/// Pure: making a plan runs nothing, so it is tested without root and printed by `v6ready lab up --dry-run`.
public struct LabPlan: Sendable {
    public let id: LabID
    public let spec: LabSpec
    public let layout: LabLayout
    public let steps: [LabStep]

    /// Validates `spec` and plans lab `id`.
    public init(_ spec: LabSpec, id: LabID) throws {
        try spec.validate()
        var builder = Builder(spec: spec, id: id)
        builder.build()
        self.id = id
        self.spec = spec
        self.layout = builder.layout
        self.steps = builder.steps
    }

    /// The links with added delay, each relayed by the process that builds the lab.
    public var delayedLinks: [LabDelayedLink] {
        steps.compactMap { if case .delayedLink(let link) = $0 { link } else { nil } }
    }

    /// The `socat` arguments of a lab listener: dual-stack (`ipv6only=0` also takes IPv4), a child per connection
    /// that reads and discards what the client sends and closes when the client does.
    static func listenerArguments(port: Int) -> [String] {
        ["-lpv6r-listener", "TCP6-LISTEN:\(port),ipv6only=0,reuseaddr,fork,backlog=1024", "/dev/null"]
    }

    /// Link numbers: 0 scanner–router, 1 scanner–bulk, 2... router–host in spec order.
    static let routerLink = 0
    static let bulkLink = 1
    static let firstHostLink = 2

    // MARK: - Building

    private struct Builder {
        let spec: LabSpec
        let id: LabID
        var steps: [LabStep] = []
        var layout: LabLayout
        /// Every veth end, to wait for at the end.
        var linkEnds: [(namespace: String, interface: String)] = []

        init(spec: LabSpec, id: LabID) {
            self.spec = spec
            self.id = id
            let scanner = LabNames.namespace(id, "scanner")
            layout = LabLayout(id: id.hex, namespaces: [scanner], scannerNamespace: scanner, scannerAddresses: [],
                               routerNamespace: nil, scannerRouterInterface: nil, hosts: [], bulk: nil)
            layout.transit = [spec.transit.ipv4.description, spec.transit.ipv6.description]
        }

        var scanner: String { layout.scannerNamespace }
        var router: String { LabNames.namespace(id, "router") }
        var client: String { LabNames.namespace(id, "v6client") }
        var bulkNamespace: String { LabNames.namespace(id, "bulk") }

        func interface(_ role: Character, _ link: Int) -> String {
            LabNames.interface(id, role: role, link: link)
        }

        func linkAddresses(_ link: Int, _ family: AddressFamily) -> (upstream: IPAddress, downstream: IPAddress,
                                                                     length: Int) {
            LabAddressRanges.linkAddresses(link, family, transit: spec.transit)
        }

        mutating func build() {
            planNamespaces()
            if !spec.hosts.isEmpty { planRouterAndHosts() }
            if let bulk = spec.bulk { planBulk(bulk) }
            awaitLinks(linkEnds)
        }

        // Namespaces first, with their settings, before any interface exists: new interfaces copy the
        // `default` settings (DAD off) at creation.
        mutating func planNamespaces() {
            if !spec.hosts.isEmpty {
                layout.routerNamespace = router
                layout.namespaces.append(router)
                layout.namespaces += spec.hosts.map { LabNames.namespace(id, $0.name) }
            }
            if spec.ipv6OnlyClient != nil && !spec.hosts.isEmpty {
                layout.namespaces.append(client)
                layout.ipv6OnlyClientNamespace = client
            }
            if spec.bulk != nil { layout.namespaces.append(bulkNamespace) }
            for namespace in layout.namespaces {
                steps.append(.command(.ip, ["netns", "add", namespace]))
                steps.append(.inNamespace(namespace, .sysctl, ["-q", "-w"] + sysctls(for: namespace), input: nil))
                steps.append(.command(.ip, ["-n", namespace, "link", "set", "lo", "up"]))
            }
        }

        func sysctls(for namespace: String) -> [String] {
            // DAD off so IPv6 addresses work the moment they are added (otherwise ~1 s "tentative", and a
            // `nodad` flag alone does not cover link-local addresses).
            var settings = ["net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0"]
            if namespace == router {
                settings += ["net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1",
                             "net.ipv4.conf.all.send_redirects=0", "net.ipv4.conf.default.send_redirects=0"]
            }
            if namespace != scanner, spec.icmpErrorRateLimit == .unlimited {
                settings += ["net.ipv4.icmp_ratemask=0", "net.ipv6.icmp.ratemask="]
            }
            return settings
        }

        /// The link between two namespaces: a veth pair, or a relayed TUN pair when `impairment` adds delay.
        mutating func addLink(_ upstream: (namespace: String, interface: String),
                              _ downstream: (namespace: String, interface: String), impairment: LabImpairment?) {
            guard let impairment, impairment.addsDelay else { return addVeth(upstream, downstream) }
            // Both TUN ends are created inside their namespaces by `TunDevice.create`; they have no neighbour
            // discovery to wait for, so they join no `awaitLink`.
            steps.append(.delayedLink(LabDelayedLink(
                upstreamNamespace: upstream.namespace, upstreamInterface: upstream.interface,
                downstreamNamespace: downstream.namespace, downstreamInterface: downstream.interface,
                delayMilliseconds: impairment.delayMilliseconds, jitterMilliseconds: impairment.jitterMilliseconds)))
        }

        /// A veth pair created with both ends already inside their namespaces (never in the root namespace).
        mutating func addVeth(_ upstream: (namespace: String, interface: String),
                              _ downstream: (namespace: String, interface: String)) {
            steps.append(.command(.ip, ["link", "add", upstream.interface, "netns", upstream.namespace,
                                        "type", "veth", "peer", "name", downstream.interface,
                                        "netns", downstream.namespace]))
            linkEnds += [upstream, downstream]
        }

        mutating func addAddress(_ namespace: String, _ interface: String, _ address: IPAddress, length: Int) {
            var arguments = ["-n", namespace]
            if address.family == .v6 { arguments.append("-6") }
            arguments += ["addr", "add", "\(address)/\(length)", "dev", interface]
            if address.family == .v6 { arguments.append("nodad") }
            steps.append(.command(.ip, arguments))
        }

        mutating func addTransit(link: Int, families: [AddressFamily],
                                 _ upstream: (namespace: String, interface: String),
                                 _ downstream: (namespace: String, interface: String)) {
            for family in families {
                let ends = linkAddresses(link, family)
                addAddress(upstream.namespace, upstream.interface, ends.upstream, length: ends.length)
                addAddress(downstream.namespace, downstream.interface, ends.downstream, length: ends.length)
            }
        }

        mutating func setUp(_ namespace: String, _ interface: String) {
            steps.append(.command(.ip, ["-n", namespace, "link", "set", interface, "up"]))
        }

        /// `ip route` in `namespace`; `kind` is nil, `blackhole` or `local`.
        mutating func addRoute(_ namespace: String, _ prefix: IPPrefix, via gateway: IPAddress? = nil,
                               kind: String? = nil, device: String? = nil, replace: Bool = false,
                               lockedMTU: Int? = nil) {
            var arguments = ["-n", namespace]
            if prefix.family == .v6 { arguments.append("-6") }
            arguments += ["route", replace ? "replace" : "add"]
            if let kind { arguments.append(kind) }
            arguments.append(prefix.description)
            if let gateway { arguments += ["via", gateway.description] }
            if let device { arguments += ["dev", device] }
            if let lockedMTU { arguments += ["mtu", "lock", String(lockedMTU)] }
            steps.append(.command(.ip, arguments))
        }

        mutating func awaitLinks(_ ends: [(namespace: String, interface: String)]) {
            steps += ends.map { .awaitLink(namespace: $0.namespace, interface: $0.interface) }
        }

        mutating func addFirewall(_ namespace: String, _ firewall: LabFirewall) {
            guard !firewall.isEmpty else { return }
            steps.append(.inNamespace(namespace, .nft, ["-f", "-"], input: firewall.render()))
        }

        mutating func planRouterAndHosts() {
            let scannerEnd = (namespace: scanner, interface: interface("s", LabPlan.routerLink))
            let routerEnd = (namespace: router, interface: interface("r", LabPlan.routerLink))
            layout.scannerRouterInterface = scannerEnd.interface
            addVeth(scannerEnd, routerEnd)
            addTransit(link: LabPlan.routerLink, families: [.v4, .v6], scannerEnd, routerEnd)
            setUp(scanner, scannerEnd.interface)
            setUp(router, routerEnd.interface)
            for family in AddressFamily.allCases {
                layout.scannerAddresses.append(linkAddresses(LabPlan.routerLink, family)
                    .upstream.description)
            }

            var routerFirewall = LabFirewall()
            for (index, host) in spec.hosts.enumerated() {
                let link = LabPlan.firstHostLink + index
                let namespace = LabNames.namespace(id, host.name)
                let routerSide = (namespace: router, interface: interface("r", link))
                let hostSide = (namespace: namespace, interface: interface("h", link))
                layout.hosts.append(LabLayout.Host(
                    name: host.name, namespace: namespace, addresses: host.addresses.map(\.description),
                    openTCPPorts: host.openTCPPorts, behaviours: host.behaviours.map(\.description),
                    interface: hostSide.interface, routerInterface: routerSide.interface,
                    servers: host.servers.isEmpty ? nil : host.servers.map(\.description)))

                let families = host.families.sorted()
                let impairment = host.behaviours.lazy.compactMap { behaviour -> LabImpairment? in
                    if case .impaired(let impairment) = behaviour { impairment } else { nil }
                }.first
                addLink(routerSide, hostSide, impairment: impairment)
                addTransit(link: link, families: families, routerSide, hostSide)
                for address in host.addresses {
                    addAddress(namespace, hostSide.interface, address, length: address.family.bitWidth)
                }
                setUp(router, routerSide.interface)
                setUp(namespace, hostSide.interface)

                // The router reaches each service address through the host's transit address, except IPv6 of a
                // black-holed host, which it silently discards.
                // A PMTU black hole is a locked MTU on those routes: the router must send Packet Too Big /
                // fragmentation-needed for anything larger (and its firewall drops those), while both veth ends keep
                // MTU 1500, so the host still advertises a 1460-byte MSS and its large replies come back — the
                // bottleneck sits in the middle of the path, as in the classic black hole.
                let blackholed = host.behaviours.contains(.ipv6PathBlackholed)
                let lockedMTU = host.behaviours.lazy.compactMap { behaviour -> Int? in
                    if case .pmtuBlackHole(let mtu) = behaviour { mtu } else { nil }
                }.first
                if lockedMTU != nil { routerFirewall.output = LabFirewall.dropPacketTooBig }
                for address in host.addresses {
                    let prefix = IPPrefix(address: address, length: address.family.bitWidth)
                    if address.family == .v6 && blackholed {
                        addRoute(router, prefix, kind: "blackhole")
                    } else {
                        addRoute(router, prefix, via: linkAddresses(link, address.family).downstream,
                                 lockedMTU: lockedMTU)
                    }
                }
                // The host knows the lab ranges through the router and nothing else: no default route.
                for family in families {
                    let gateway = linkAddresses(link, family).upstream
                    for range in LabAddressRanges.allowed where range.family == family {
                        addRoute(namespace, range, via: gateway)
                    }
                }

                var hostFirewall = LabFirewall()
                for behaviour in host.behaviours {
                    switch behaviour {
                    case .echoFiltered(let filtered):
                        hostFirewall.input += filtered.sorted().map(LabFirewall.dropEchoRequests)
                    case .tcpPortsFiltered(let ports):
                        hostFirewall.input.append(LabFirewall.dropTCP(ports: ports))
                    case .tcpPortsFilteredOver(let family, let ports):
                        hostFirewall.input.append(LabFirewall.dropTCP(ports: ports, family: family))
                    case .adminProhibited(let prohibited):
                        for family in prohibited.sorted() {
                            routerFirewall.forward.append(
                                LabFirewall.rejectAdminProhibited(host.addresses(family), family))
                        }
                    case .impaired(let impairment):
                        if impairment.lossPercent > 0 {
                            for family in families {
                                for source in [false, true] {
                                    routerFirewall.forward.append(LabFirewall.randomLoss(
                                        host.addresses(family), family, percent: impairment.lossPercent,
                                        source: source))
                                }
                            }
                        }
                        // Delay: the host's link is a delayed link (above).
                    case .ipv6PathBlackholed, .pmtuBlackHole:
                        break  // routes and MTU above
                    }
                }
                addFirewall(namespace, hostFirewall)
            }
            addFirewall(router, routerFirewall)

            // The scanner reaches every lab range through the router, and nothing else: no default route, so a
            // probe of any other address fails inside the scanner namespace with "network unreachable".
            for family in AddressFamily.allCases {
                let gateway = linkAddresses(LabPlan.routerLink, family).downstream
                for range in LabAddressRanges.allowed where range.family == family {
                    addRoute(scanner, range, via: gateway)
                }
            }
            for host in spec.hosts {
                for port in host.openTCPPorts {
                    steps.append(.listen(namespace: LabNames.namespace(id, host.name), port: port))
                }
            }
            for host in spec.hosts {
                for server in host.servers {
                    steps.append(.serve(namespace: LabNames.namespace(id, host.name), server: server))
                }
            }
            if let resolver = spec.resolver {
                // The router's own end of the scanner link, IPv6 first: one hop from the scanner, in no host.
                let addresses = [AddressFamily.v6, .v4].map { linkAddresses(LabPlan.routerLink, $0).downstream }
                var zones = resolver.zones
                if spec.ipv6OnlyClient != nil, let primary = zones.first?.primary {
                    zones.append(LabIPv6OnlyClient.ipv4OnlyArpa(primary: primary))
                }
                steps.append(.serve(namespace: router, server: .nameServer(addresses: addresses, zones: zones)))
                steps.append(.resolvConf(namespace: scanner, nameservers: addresses))
                layout.scannerResolvers = addresses.map(\.description)
                if let ipv6Only = spec.ipv6OnlyClient { planIPv6OnlyClient(ipv6Only, nameServer: addresses[0]) }
            }
        }

        /// The IPv6-only client: a veth to the router carrying IPv6 only, routes to the lab's IPv6 ranges (the
        /// NAT64 prefix among them) and none for IPv4; TAYGA on a TUN device in the router, the prefix and the pool
        /// routed into it (hosts already route the pool's range back to the router); Unbound with DNS64 on the
        /// router's end of the link, forwarding to the lab's name server; the client's resolv.conf naming it.
        mutating func planIPv6OnlyClient(_ ipv6Only: LabIPv6OnlyClient, nameServer: IPAddress) {
            let link = LabPlan.firstHostLink + spec.hosts.count
            let routerSide = (namespace: router, interface: interface("r", link))
            let clientSide = (namespace: client, interface: interface("c", link))
            addVeth(routerSide, clientSide)
            addTransit(link: link, families: [.v6], routerSide, clientSide)
            setUp(router, routerSide.interface)
            setUp(client, clientSide.interface)
            let gateway = linkAddresses(link, .v6).upstream
            for range in LabAddressRanges.allowed where range.family == .v6 {
                addRoute(client, range, via: gateway)
            }
            let nat64 = ipv6Only.nat64
            steps.append(.command(.ip, ["-n", router, "tuntap", "add", "dev", nat64.device, "mode", "tun"]))
            setUp(router, nat64.device)
            addRoute(router, nat64.pool, device: nat64.device)
            addRoute(router, nat64.prefix.prefix, device: nat64.device)
            addRoute(router, IPPrefix(address: nat64.ipv6Address, length: 128), device: nat64.device)
            steps.append(.daemon(namespace: router, .nat64(nat64)))
            steps.append(.daemon(namespace: router, .dns64(LabDNS64Resolver(address: gateway, dns64: nat64.prefix, upstream: nameServer))))
            steps.append(.resolvConf(namespace: client, nameservers: [gateway]))
            layout.ipv6OnlyClientResolvers = [gateway.description]
            layout.nat64Prefix = nat64.prefix.description
        }

        mutating func planBulk(_ bulk: LabBulkTargets) {
            let link = LabPlan.bulkLink
            let scannerEnd = (namespace: scanner, interface: interface("s", link))
            let bulkEnd = (namespace: bulkNamespace, interface: interface("b", link))
            layout.bulk = LabLayout.Bulk(
                namespace: bulkNamespace, answering: bulk.answering.map(\.description),
                silent: bulk.silent.map(\.description), openTCPPorts: bulk.openTCPPorts,
                interface: bulkEnd.interface, scannerInterface: scannerEnd.interface)
            addLink(scannerEnd, bulkEnd, impairment: bulk.impairment)
            addTransit(link: link, families: [.v4, .v6], scannerEnd, bulkEnd)
            setUp(scanner, scannerEnd.interface)
            setUp(bulkNamespace, bulkEnd.interface)
            if spec.hosts.isEmpty {
                for family in AddressFamily.allCases {
                    layout.scannerAddresses.append(linkAddresses(link, family).upstream.description)
                }
            }
            // Answering prefixes are local routes on lo: the kernel owns every address in them ("AnyIP") and
            // answers echo and TCP for each. Silent prefixes are black holes: dropped without an ICMP error.
            for prefix in bulk.answering {
                addRoute(bulkNamespace, prefix, kind: "local", device: "lo")
            }
            for prefix in bulk.silent {
                addRoute(bulkNamespace, prefix, kind: "blackhole")
            }
            // `replace`, not `add`: a bulk prefix may equal a lab range the scanner already sends to the router.
            for prefix in bulk.answering + bulk.silent {
                addRoute(scanner, prefix, via: linkAddresses(link, prefix.family).downstream,
                         replace: true)
            }
            if let impairment = bulk.impairment {
                if impairment.lossPercent > 0 {
                    var firewall = LabFirewall()
                    firewall.input = [LabFirewall.randomLoss(percent: impairment.lossPercent)]
                    firewall.output = [LabFirewall.randomLoss(percent: impairment.lossPercent)]
                    addFirewall(bulkNamespace, firewall)
                }
            }
            for port in bulk.openTCPPorts {
                steps.append(.listen(namespace: bulkNamespace, port: port))
            }
        }
    }
}
