import Foundation
import V6Core

/// An IPv6-only client segment with real translators: the client namespace has IPv6 only (no IPv4 address, no
/// IPv4 route); the router runs two TAYGA NAT64 translators (the well-known prefix and a network-specific one),
/// three Unbound resolvers (DNS64 with each prefix, and one with DNS64 off), NSD for the lab's zones and
/// `ipv4only.arpa`, and on demand an RA announcer with PREF64; the server namespace has a dual-stack web site, an
/// IPv4-only one and a page with an IPv4 literal (nginx), and an IPv4-only mail exchanger (socat); the zone has a
/// second name server with no AAAA. An nftables counter in the client counts every IPv4 and
/// IPv6 packet it sends. `tearDown()` removes everything, also after a failure.
///
/// ```
///   client (2001:db8:6::100, IPv6 only) ── router (tayga ×2, unbound ×3, nsd, PREF64 RAs) ── server (nginx, socat)
/// ```
public final class LabIPv6Only: @unchecked Sendable {
    // @unchecked: `servers`, `daemons` and `announcer` are guarded by `lock`.
    public enum Member: String, Sendable, CaseIterable { case client = "v6client", router, server = "v6server" }

    public let id: LabID
    public let layout: LabLayout
    private let lock = NSLock()
    private var servers: [LabServerProcess] = []
    private var daemons: [LabDaemon] = []
    private var announcer: LabPREF64Announcer?
    private var tornDown = false

    // Addresses: the client link, the server link, the translators.
    public static let clientLink = IPPrefix("2001:db8:6::/64")!
    public let clientAddress = IPAddress("2001:db8:6::100")!
    public let routerClientAddress = IPAddress("2001:db8:6::1")!
    public let nameServerAddress = IPAddress("2001:db8:6::5")!
    /// DNS64 with the well-known prefix. Its translator refuses to translate the lab's documentation-range IPv4
    /// addresses, as RFC 6052 §3.1 requires of the Well-Known Prefix (non-global IPv4 of RFC 5735): through it an
    /// IPv4-only lab service is broken, the translated path failing with ICMPv6 unreachable.
    public let dns64Resolver = IPAddress("2001:db8:6::53")!
    /// DNS64 off: IPv4-only names have no AAAA.
    public let plainResolver = IPAddress("2001:db8:6::54")!
    /// DNS64 with the network-specific prefix: the client's resolv.conf names it.
    public let networkSpecificResolver = IPAddress("2001:db8:6::55")!
    public let wellKnown = LabNAT64(device: "nat64a", prefix: .wellKnown, ipv4Address: IPAddress("198.18.64.1")!,
                                    pool: IPPrefix("198.18.64.0/24")!, ipv6Address: IPAddress("2001:db8:6464::1")!)
    public let networkSpecific = LabNAT64(device: "nat64b", prefix: NAT64Prefix(IPPrefix("2001:db8:64::/96")!)!,
                                          ipv4Address: IPAddress("198.18.65.1")!, pool: IPPrefix("198.18.65.0/24")!,
                                          ipv6Address: IPAddress("2001:db8:6465::1")!)
    public static let zone = "v6only.example"
    /// The sites: native (dual-stack), legacy (IPv4 only), literal (dual-stack, its page embeds an IPv4 literal).
    public let sites: [(name: String, addresses: [IPAddress], page: String)] = [
        ("native", [IPAddress("203.0.113.81")!, IPAddress("2001:db8:7::81")!], "<html><body>native</body></html>\n"),
        ("legacy", [IPAddress("203.0.113.80")!], "<html><body>legacy IPv4-only</body></html>\n"),
        ("literal", [IPAddress("203.0.113.82")!, IPAddress("2001:db8:7::82")!],
         "<html><body><img src=\"http://203.0.113.82/logo.png\"> literal</body></html>\n"),
    ]

    /// The zone's mail exchanger for `post.v6only.example`: IPv4 only, greeting over SMTP (socat). From the
    /// IPv6-only client it is reached only through NAT64: `mx-ipv4-only`.
    public let mailExchangerAddress = IPAddress("203.0.113.83")!
    /// The zone's second name server, `ns4`: an A record only, so the zone is not fully served over IPv6 (`ns-not-ipv6`).
    /// Nothing answers there; the resolvers forward to NSD and never ask it.
    public let ipv4OnlyNameServerAddress = IPAddress("203.0.113.84")!
    /// `post.v6only.example`: the mail domain whose MX is `mx4`.
    public var mailDomain: String { "post.\(Self.zone)" }

    private init(id: LabID, layout: LabLayout) { self.id = id; self.layout = layout }
    deinit { try? tearDown() }

    public func namespace(_ member: Member) -> String { LabNames.namespace(id, member.rawValue) }
    /// The client's end of its link (and the interface to listen on for PREF64).
    public var clientInterface: String { LabNames.interface(id, role: "c", link: 0) }
    var routerClientInterface: String { LabNames.interface(id, role: "r", link: 0) }
    var routerServerInterface: String { LabNames.interface(id, role: "r", link: 1) }
    var serverInterface: String { LabNames.interface(id, role: "v", link: 1) }
    /// `native.v6only.example` and so on.
    public func name(_ site: String) -> String { "\(site).\(Self.zone)" }

    /// What must be installed, or nil when it all is.
    public static var missing: String? {
        let support = Lab.isSupported()
        if !support.supported { return support.reason }
        if !FileManager.default.fileExists(atPath: "/dev/net/tun") { return "/dev/net/tun is missing (TAYGA needs a TUN device)" }
        return LabServerProgram.missing([.tayga, .unbound, .nsd, .nginx, .socat])
    }

    /// Builds the segment and starts every server; throws (after removing what was built) if anything fails.
    public static func create() throws -> LabIPv6Only {
        if let missing { throw LabError.unsupported(missing) }
        let id = try Lab.claimFreshID()
        let namespaces = Member.allCases.map { LabNames.namespace(id, $0.rawValue) }
        let layout = LabLayout(id: id.hex, namespaces: namespaces, scannerNamespace: namespaces[0], scannerAddresses: [],
                               routerNamespace: namespaces[1], scannerRouterInterface: nil, hosts: [], bulk: nil)
        let start = ProcessClock.startTicks(of: ProcessInfo.processInfo.processIdentifier)
        try LabRegistry.save(LabRegistration(layout: layout, ownerPID: ProcessInfo.processInfo.processIdentifier,
                                             ownerStartTicks: start, persistent: false, createdAt: Date().timeIntervalSince1970))
        let lab = LabIPv6Only(id: id, layout: layout)
        do {
            try lab.build()
            try lab.startServers()
        } catch {
            try? lab.tearDown()
            throw error
        }
        return lab
    }

    /// Builds the segment, runs `body`, and removes everything whatever `body` does.
    public static func with<Result>(_ body: (LabIPv6Only) throws -> Result) throws -> Result {
        let lab = try create()
        defer { try? lab.tearDown() }
        return try body(lab)
    }

    private func ip(_ member: Member, _ arguments: [String]) throws {
        try LabCommand.check(.ip, ["-n", namespace(member)] + arguments)
    }

    private func build() throws {
        for member in Member.allCases {
            let ns = namespace(member)
            try LabCommand.check(.ip, ["netns", "add", ns], timeout: LabCommand.namespaceTimeout)
            var settings = ["net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0",
                            "net.ipv6.conf.all.accept_ra=0", "net.ipv6.conf.default.accept_ra=0"]
            if member == .router { settings += ["net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1"] }
            try LabCommand.check(inNamespace: ns, .sysctl, ["-q", "-w"] + settings)
            try ip(member, ["link", "set", "lo", "up"])
        }
        try LabCommand.check(.ip, ["link", "add", clientInterface, "netns", namespace(.client), "type", "veth", "peer",
                                   "name", routerClientInterface, "netns", namespace(.router)])
        try LabCommand.check(.ip, ["link", "add", routerServerInterface, "netns", namespace(.router), "type", "veth", "peer",
                                   "name", serverInterface, "netns", namespace(.server)])
        // The client: IPv6 only. No IPv4 address, no IPv4 route.
        try ip(.client, ["-6", "addr", "add", "\(clientAddress)/64", "dev", clientInterface, "nodad"])
        for address in [routerClientAddress, nameServerAddress, dns64Resolver, plainResolver, networkSpecificResolver] {
            try ip(.router, ["-6", "addr", "add", "\(address)/64", "dev", routerClientInterface, "nodad"])
        }
        try ip(.router, ["addr", "add", "203.0.113.1/24", "dev", routerServerInterface])
        try ip(.router, ["-6", "addr", "add", "2001:db8:7::1/64", "dev", routerServerInterface, "nodad"])
        try ip(.server, ["addr", "add", "\(mailExchangerAddress)/24", "dev", serverInterface])
        for site in sites {
            for address in site.addresses {
                let length = address.family == .v4 ? 24 : 64
                try ip(.server, (address.family == .v6 ? ["-6"] : []) + ["addr", "add", "\(address)/\(length)", "dev", serverInterface]
                       + (address.family == .v6 ? ["nodad"] : []))
            }
        }
        for (member, interface) in [(Member.client, clientInterface), (.router, routerClientInterface),
                                    (.router, routerServerInterface), (.server, serverInterface)] {
            try ip(member, ["link", "set", interface, "up"])
        }
        // The translators' TUN devices and routes: the router sends each NAT64 prefix and each pool into its TAYGA.
        for nat64 in [wellKnown, networkSpecific] {
            try ip(.router, ["tuntap", "add", "dev", nat64.device, "mode", "tun"])
            try ip(.router, ["link", "set", nat64.device, "up"])
            try ip(.router, ["route", "add", nat64.pool.description, "dev", nat64.device])
            try ip(.router, ["-6", "route", "add", nat64.prefix.description, "dev", nat64.device])
            try ip(.router, ["-6", "route", "add", "\(nat64.ipv6Address)/128", "dev", nat64.device])
            try ip(.client, ["-6", "route", "add", nat64.prefix.description, "via", routerClientAddress.description])
        }
        try ip(.client, ["-6", "route", "add", "2001:db8:7::/64", "via", routerClientAddress.description])
        try ip(.server, ["route", "add", "198.18.64.0/23", "via", "203.0.113.1"])
        try ip(.server, ["-6", "route", "add", Self.clientLink.description, "via", "2001:db8:7::1"])
        // Counts what leaves the client through its interface, per family: the proof that an IPv6-only vantage
        // sends no IPv4. (Loopback is not counted: Foundation's run loop wakes itself with UDP to 127.0.0.1, which
        // never leaves the namespace.)
        try LabCommand.check(inNamespace: namespace(.client), .nft, ["-f", "-"], input: """
            table inet v6rcount {
                set v4sent {
                    type ipv4_addr . inet_proto
                    flags dynamic
                    size 256
                }
                chain out {
                    type filter hook postrouting priority 0; policy accept;
                    oifname "\(clientInterface)" meta nfproto ipv4 counter add @v4sent { ip daddr . meta l4proto }
                    oifname "\(clientInterface)" meta nfproto ipv6 counter
                }
            }

            """)
        for (member, interface) in [(Member.client, clientInterface), (.router, routerClientInterface),
                                    (.router, routerServerInterface), (.server, serverInterface)] {
            try Lab.awaitLink(namespace: namespace(member), interface: interface)
        }
        try LabResolvConf.write(nameservers: [networkSpecificResolver], for: namespace(.client), lab: id)
    }

    private func startServers() throws {
        var zone = LabDNSZone(origin: Self.zone, primary: "ns1.\(Self.zone).", records: [
            .init("@", "NS", "ns1"), .init("ns1", "AAAA", nameServerAddress.description),
            .init("@", "NS", "ns4"), .init("ns4", "A", ipv4OnlyNameServerAddress.description),
            .init("post", "MX", "10 mx4"), .init("mx4", "A", mailExchangerAddress.description)])
        for site in sites {
            for address in site.addresses { zone.records.append(.init(site.name, address.family == .v4 ? "A" : "AAAA", address.description)) }
        }
        let arpa = LabDNSZone(origin: "ipv4only.arpa", primary: "ns1.\(Self.zone).", records: [
            .init("@", "NS", "ns1.\(Self.zone)."), .init("@", "A", "192.0.0.170"), .init("@", "A", "192.0.0.171")])
        let nsd = try LabDNSServer.launch(in: namespace(.router), addresses: [nameServerAddress], zones: [zone, arpa])
        lock.withLock { servers.append(nsd) }
        let web = try LabWebServer.launch(in: namespace(.server), sites: sites.map {
            LabWebSite(addresses: $0.addresses, ports: [80], page: $0.page, names: [name($0.name)])
        })
        lock.withLock { servers.append(web) }
        let mail = try LabMailServer(greeting: [mailExchangerAddress], banner: "mx4.\(Self.zone) ESMTP v6ready-lab").launch(in: namespace(.server))
        lock.withLock { servers += mail }
        for nat64 in [wellKnown, networkSpecific] {
            let directory = try LabServerProcess.makeDirectory(for: .tayga, namespace: namespace(.router))
            try LabServerProcess.write(try nat64.configuration(directory: directory), to: "tayga.conf", in: directory)
            let daemon = try LabDaemon.start(.tayga, ["--nodetach", "-c", directory + "/tayga.conf", "-p", directory + "/tayga.pid"],
                                             namespace: namespace(.router), directory: directory, pidFile: directory + "/tayga.pid")
            lock.withLock { daemons.append(daemon) }
        }
        for (address, prefix) in [(dns64Resolver, Optional(wellKnown.prefix)), (plainResolver, nil),
                                  (networkSpecificResolver, networkSpecific.prefix)] {
            let resolver = LabDNS64Resolver(address: address, dns64: prefix, upstream: nameServerAddress)
            let directory = try LabServerProcess.makeDirectory(for: .unbound, namespace: namespace(.router))
            try LabServerProcess.write(resolver.configuration(directory: directory), to: "unbound.conf", in: directory)
            let daemon = try LabDaemon.start(.unbound, ["-d", "-c", directory + "/unbound.conf"], namespace: namespace(.router),
                                             directory: directory, pidFile: directory + "/unbound.pid")
            lock.withLock { daemons.append(daemon) }
        }
        try nsd.waitUntilReady()
        try web.waitUntilReady()
        for server in mail { try server.waitUntilReady() }
        for address in [dns64Resolver, plainResolver, networkSpecificResolver] {
            try awaitUDP(address, port: 53)
        }
    }

    private func awaitUDP(_ address: IPAddress, port: Int) throws {
        let deadline = Date().addingTimeInterval(10)
        let shown = "[\(address)]:\(port) "
        repeat {
            if try LabCommand.run(inNamespace: namespace(.router), .ss, ["-H", "-l", "-n", "-u"]).standardOutput.contains(shown) { return }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        let logs = lock.withLock { daemons.map(\.log) }.joined(separator: "\n")
        throw LabError.unsupported("unbound is not listening on udp \(shown): \(logs)")
    }

    /// Starts router advertisements with a PREF64 option for `prefix` on the client's link (RFC 8781).
    public func startPREF64Announcer(_ prefix: NAT64Prefix) throws {
        stopPREF64Announcer()
        let ra = RouterAdvertisement(currentHopLimit: 64, routerLifetime: 0, pref64: [PREF64(lifetime: 1800, prefix: prefix.prefix)])
        let started = try LabPREF64Announcer.start(namespace: namespace(.router), interface: routerClientInterface,
                                                   message: LANMessageEncoder.routerAdvertisement(ra))
        lock.withLock { announcer = started }
    }

    public func stopPREF64Announcer() {
        let running = lock.withLock { () -> LabPREF64Announcer? in defer { announcer = nil }; return announcer }
        running?.stop()
    }

    /// Packets that left the client through its interface so far, per family (nftables counters), and the IPv4 destinations
    /// with their protocols if any IPv4 left (`203.0.113.1 . udp`), for the failure message.
    public func clientPacketsSent() throws -> (ipv4: Int, ipv6: Int, ipv4Destinations: String) {
        let text = try LabCommand.check(inNamespace: namespace(.client), .nft, ["list", "table", "inet", "v6rcount"]).standardOutput
        let counts = text.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: "counter packets ") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        guard counts.count == 2 else { throw LabError.unsupported("cannot read the client's packet counters: \(text)") }
        let elements = text.range(of: "elements = {").map { String(text[$0.upperBound...].prefix { $0 != "}" }) } ?? ""
        return (counts[0], counts[1], elements.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Stops every server and removes every namespace, the TUN devices with them, and the registry entry.
    public func tearDown() throws {
        let first = lock.withLock { () -> Bool in defer { tornDown = true }; return !tornDown }
        guard first else { return }
        stopPREF64Announcer()
        let (running, spawned) = lock.withLock { () -> ([LabServerProcess], [LabDaemon]) in
            defer { servers = []; daemons = [] }
            return (servers, daemons)
        }
        for daemon in spawned { daemon.stop() }
        for server in running { server.stop() }
        try Lab.remove(id, namespaces: layout.namespaces, processes: [])
    }
}
