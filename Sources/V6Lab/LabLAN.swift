import Foundation
import V6Core

/// A LAN segment for the LAN audit: a bridge (in its own namespace, the switch) joining a router running radvd and
/// dnsmasq, a rogue box, a NAT64 box, a stranger the inventory does not know, and the client namespace where
/// `v6ready lan` runs. Daemons are started, changed and stopped per case; `tearDown()` removes everything, and the
/// lab's registry entry lets `v6ready lab down` and the leftover sweep find it after a crash.
///
/// ```
///   router (radvd, dnsmasq) ─┐
///   rogue (radvd)           ─┤
///   nat64 (PREF64 RAs)      ─┼── switch (br0) ── client (v6ready lan)
///   stranger                ─┘
/// ```
/// Only lab links carry these packets: the bridge lives in a lab namespace and no namespace has a route out.
public final class LabLAN: @unchecked Sendable {
    // @unchecked: `servers` and `announcer` are guarded by `lock`.
    public enum Member: String, Sendable, CaseIterable {
        case client, router, rogue, nat64, stranger
    }

    public let id: LabID
    /// The segment's prefix.
    public let prefix = IPPrefix("2001:db8:a10:1::/64")!
    /// A prefix outside the segment, what the rogue announces.
    public let roguePrefix = IPPrefix("2001:db8:66:1::/64")!
    public let layout: LabLayout

    private let lock = NSLock()
    private var servers: [String: LabDaemon] = [:]
    private var announcer: LabPREF64Announcer?
    private var tornDown = false

    private init(id: LabID, layout: LabLayout) {
        self.id = id
        self.layout = layout
    }

    deinit { try? tearDown() }

    public var switchNamespace: String { LabNames.namespace(id, "switch") }
    public func namespace(_ member: Member) -> String { LabNames.namespace(id, member.rawValue) }
    /// The member's end of its link to the bridge.
    public func interface(_ member: Member) -> String {
        LabNames.interface(id, role: "m", link: Member.allCases.firstIndex(of: member)!)
    }
    /// The member's address in the segment (the client has none: it gets one by SLAAC).
    public func address(_ member: Member) -> IPAddress? {
        let low: UInt64? = switch member {
        case .client: nil
        case .router: 1
        case .rogue: 0x66
        case .nat64: 0x64
        case .stranger: 0x99
        }
        return low.map { .v6(IPv6Address(high: prefix.address.ipv6!.high, low: $0)) }
    }

    /// Builds the segment. Needs root, iproute2, procps and the bridge driver; daemons start later, per case.
    public static func create() throws -> LabLAN {
        let support = Lab.isSupported()
        guard support.supported else { throw LabError.unsupported(support.reason) }
        let id = try Lab.claimFreshID()
        let members = Member.allCases.map { LabNames.namespace(id, $0.rawValue) }
        let switchNamespace = LabNames.namespace(id, "switch")
        let layout = LabLayout(id: id.hex, namespaces: [switchNamespace] + members, scannerNamespace: members[0],
                               scannerAddresses: [], routerNamespace: members[1], scannerRouterInterface: nil, hosts: [], bulk: nil)
        let start = ProcessClock.startTicks(of: ProcessInfo.processInfo.processIdentifier)
        try LabRegistry.save(LabRegistration(layout: layout, ownerPID: ProcessInfo.processInfo.processIdentifier,
                                             ownerStartTicks: start, persistent: false, createdAt: Date().timeIntervalSince1970))
        let lab = LabLAN(id: id, layout: layout)
        do {
            try lab.build()
        } catch {
            try? lab.tearDown()
            throw error
        }
        return lab
    }

    /// Builds a segment, runs `body`, and removes the segment whatever `body` does.
    public static func with<Result>(_ body: (LabLAN) throws -> Result) throws -> Result {
        let lab = try create()
        defer { try? lab.tearDown() }
        return try body(lab)
    }

    private func build() throws {
        // The switch forwards frames only: no IPv6 of its own, no multicast snooping (every RA reaches every port).
        try LabCommand.check(.ip, ["netns", "add", switchNamespace])
        try LabCommand.check(inNamespace: switchNamespace, .sysctl, ["-q", "-w", "net.ipv6.conf.all.disable_ipv6=1",
                                                                     "net.ipv6.conf.default.disable_ipv6=1"])
        try LabCommand.check(.ip, ["-n", switchNamespace, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0"])
        try LabCommand.check(.ip, ["-n", switchNamespace, "link", "set", "br0", "up"])
        for member in Member.allCases {
            let namespace = self.namespace(member)
            try LabCommand.check(.ip, ["netns", "add", namespace])
            // Hosts take RAs (the client must, to learn on-link prefixes); only the router forwards. No DAD delays.
            var settings = ["net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0",
                            "net.ipv6.conf.default.accept_ra=\(member == .client ? 1 : 0)"]
            if member == .router || member == .rogue || member == .nat64 { settings.append("net.ipv6.conf.all.forwarding=1") }
            try LabCommand.check(inNamespace: namespace, .sysctl, ["-q", "-w"] + settings)
            try LabCommand.check(.ip, ["-n", namespace, "link", "set", "lo", "up"])
            let port = LabNames.interface(id, role: "l", link: Member.allCases.firstIndex(of: member)!)
            try LabCommand.check(.ip, ["link", "add", port, "netns", switchNamespace, "type", "veth", "peer", "name",
                                       interface(member), "netns", namespace])
            try LabCommand.check(.ip, ["-n", switchNamespace, "link", "set", port, "master", "br0"])
            try LabCommand.check(.ip, ["-n", switchNamespace, "link", "set", port, "up"])
            if let address = address(member) {
                try LabCommand.check(.ip, ["-n", namespace, "-6", "addr", "add", "\(address)/\(prefix.length)", "dev", interface(member), "nodad"])
            }
            try LabCommand.check(.ip, ["-n", namespace, "link", "set", interface(member), "up"])
        }
        for member in Member.allCases { try Lab.awaitLink(namespace: namespace(member), interface: interface(member)) }
    }

    // MARK: Daemons

    /// Starts radvd in `member` (the router, the rogue) with `router`'s configuration, replacing the one running there.
    public func startRadvd(in member: Member, _ router: LabLANRouter) throws {
        stop(.radvd, in: member)
        let namespace = self.namespace(member)
        let directory = try LabServerProcess.makeDirectory(for: .radvd, namespace: namespace)
        try LabServerProcess.write(try router.radvdConfiguration(interface: interface(member)), to: "radvd.conf", in: directory)
        let daemon = try LabDaemon.start(.radvd, ["-n", "-m", "stderr", "-C", directory + "/radvd.conf",
                                                  "-p", directory + "/radvd.pid"],
                                         namespace: namespace, directory: directory, pidFile: directory + "/radvd.pid")
        lock.withLock { servers["radvd-\(member.rawValue)"] = daemon }
    }

    /// Starts dnsmasq as a DHCPv6 server in `member`, replacing the one running there; returns once it listens on 547.
    public func startDHCPv6(in member: Member, _ dhcp: LabLANDHCPv6) throws {
        stop(.dnsmasq, in: member)
        let namespace = self.namespace(member)
        let directory = try LabServerProcess.makeDirectory(for: .dnsmasq, namespace: namespace)
        try LabServerProcess.write(try dhcp.dnsmasqConfiguration(interface: interface(member), prefix: prefix, directory: directory),
                                   to: "dnsmasq.conf", in: directory)
        let daemon = try LabDaemon.start(.dnsmasq, ["-k", "-C", directory + "/dnsmasq.conf"], namespace: namespace,
                                         directory: directory, pidFile: directory + "/dnsmasq.pid")
        lock.withLock { servers["dnsmasq-\(member.rawValue)"] = daemon }
        try daemon.waitUntilListening(udpPort: 547)
    }

    /// Stops `program` in `member` if it runs (radvd sends its final zero-lifetime RA on the way out).
    public func stop(_ program: LabServerProgram, in member: Member) {
        let server = lock.withLock { servers.removeValue(forKey: "\(program.rawValue)-\(member.rawValue)") }
        server?.stop()
    }

    /// Starts sending RAs with a PREF64 option for `nat64Prefix` from the NAT64 box every 500 ms (Debian 12's radvd
    /// cannot send PREF64). The box offers itself as a default router so it is a well-formed RFC 8781 announcer.
    public func startPREF64Announcer(_ nat64Prefix: IPPrefix = IPPrefix("64:ff9b::/96")!) throws {
        stopPREF64Announcer()
        let ra = RouterAdvertisement(currentHopLimit: 64, routerLifetime: 1800, pref64: [PREF64(lifetime: 1800, prefix: nat64Prefix)])
        let started = try LabPREF64Announcer.start(namespace: namespace(.nat64), interface: interface(.nat64),
                                                   message: LANMessageEncoder.routerAdvertisement(ra))
        lock.withLock { announcer = started }
    }

    public func stopPREF64Announcer() {
        let running = lock.withLock { () -> LabPREF64Announcer? in defer { announcer = nil }; return announcer }
        running?.stop()
    }

    /// Stops every daemon and the announcer (between cases).
    public func stopAll() {
        let running = lock.withLock { () -> [LabDaemon] in defer { servers = [:] }; return Array(servers.values) }
        for server in running { server.stop() }
        stopPREF64Announcer()
    }

    // MARK: Tearing down

    /// Stops every daemon and removes every namespace (the bridge and veths go with them) and the registry entry.
    public func tearDown() throws {
        let first = lock.withLock { () -> Bool in defer { tornDown = true }; return !tornDown }
        guard first else { return }
        stopAll()
        try Lab.remove(id, namespaces: layout.namespaces, processes: [])
    }
}
