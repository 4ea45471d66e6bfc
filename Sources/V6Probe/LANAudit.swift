import V6Core
import V6System

/// Why a LAN audit could not run: the sockets could not be opened or the interface does not exist. The message says
/// what to do (root, an interface name, a free port).
public struct LANAuditError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// True when the cause is missing privileges (raw sockets, port 546, binding to a device).
    public var needsPrivileges: Bool
    public init(_ message: String, needsPrivileges: Bool = false) { self.message = message; self.needsPrivileges = needsPrivileges }
    public var description: String { message }
}

/// The sockets of one LAN audit on one link, opened together so a command can open them, drop its privileges, and
/// only then put packets on the wire:
/// - a raw ICMPv6 socket bound to the interface, passing only echo replies, router and neighbour advertisements
///   (`ICMP6_FILTER`), hop limit 255 for the router solicitation, multicast loop off;
/// - a UDP socket on the DHCPv6 client port 546 bound to the interface, for Solicit and Information-request to
///   ff02::1:2 and the servers' answers (when the port is taken, DHCPv6 is skipped and said so).
///
/// ```swift
/// let link = try LANLink.open(interface: "eth0")       // before the privilege drop
/// try Privileges.dropAll(environment: ...)
/// let observation = link.observe(listenSeconds: 4, resolving: addresses)
/// let verdict = LANEvaluator.evaluate(observation, context: context)
/// ```
public final class LANLink {
    public let interface: String
    let interfaceIndex: UInt32
    let icmp: Socket
    let dhcp: Socket?
    let mtu: Int?
    let linkLayerAddress: LinkLayerAddress?
    /// Why DHCPv6 cannot be asked, when it cannot.
    let dhcpProblem: String?

    /// ICMPv6 types the audit reads: echo reply, router advertisement, neighbour advertisement.
    static let icmpTypes: [UInt8] = [129, RouterAdvertisementDecoder.messageType, 136]

    private init(interface: String, interfaceIndex: UInt32, icmp: Socket, dhcp: Socket?, mtu: Int?,
                 linkLayerAddress: LinkLayerAddress?, dhcpProblem: String?) {
        self.interface = interface; self.interfaceIndex = interfaceIndex; self.icmp = icmp; self.dhcp = dhcp
        self.mtu = mtu; self.linkLayerAddress = linkLayerAddress; self.dhcpProblem = dhcpProblem
    }

    deinit {
        try? icmp.close()
        try? dhcp?.close()
    }

    /// Opens the audit's sockets on `interface` in the calling thread's network namespace. Needs `CAP_NET_RAW`
    /// (raw socket, `SO_BINDTODEVICE`) and `CAP_NET_BIND_SERVICE` (port 546).
    public static func open(interface: String) throws(LANAuditError) -> LANLink {
        guard NeighbourTable.isValidInterfaceName(interface) else {
            throw LANAuditError("\"\(interface)\" is not an interface name")
        }
        let index: UInt32
        do { index = try SocketAddress.interfaceIndex(named: interface) } catch {
            throw LANAuditError("no interface \(interface) here: \(error)")
        }
        let icmp: Socket
        do {
            icmp = try Socket(.ipv6, .raw, protocol: .icmpv6)
            try icmp.setICMPv6Filter(passing: icmpTypes)
            try icmp.bindToDevice(interface)
            try icmp.setMulticastHopLimit(255)
            try icmp.setMulticastLoop(false)
            try icmp.enableReceiveHopLimit()
        } catch {
            throw LANAuditError("cannot open a raw ICMPv6 socket on \(interface): \(error)", needsPrivileges: error.errno == .notPermitted)
        }
        let mtu = try? icmp.interfaceMTU(interface)
        let mac = (try? icmp.interfaceHardwareAddress(interface))?.flatMap { $0 }.map(LinkLayerAddress.init(bytes:))
        var dhcp: Socket?
        var problem: String?
        do {
            let socket = try Socket(.ipv6, .datagram, protocol: .udp)
            try socket.setReuseAddress()
            try socket.bindToDevice(interface)
            try socket.bind(to: SocketAddress(ipv6High: 0, low: 0, port: 546))
            try socket.setMulticastHopLimit(1)
            try socket.setMulticastLoop(false)
            dhcp = socket
        } catch {
            problem = "DHCPv6 not asked: cannot bind the DHCPv6 client port 546 on \(interface): \(error)"
        }
        return LANLink(interface: interface, interfaceIndex: index, icmp: icmp, dhcp: dhcp, mtu: mtu,
                       linkLayerAddress: mac, dhcpProblem: problem)
    }

    /// Sends a router solicitation to ff02::2, a DHCPv6 Solicit and Information-request to ff02::1:2, an echo to
    /// ff02::1 and one to each of `resolving` (so the neighbour table learns their link-layer addresses), listens for
    /// `listenSeconds` (solicited and periodic RAs; the solicitation and DHCPv6 are repeated once half-way when
    /// nothing has answered), then reads the neighbour tables.
    public func observe(listenSeconds: Double, resolving: [IPAddress] = []) -> LANObservation {
        observe(listenSeconds: listenSeconds) { _ in resolving }
    }

    /// Like `observe(listenSeconds:resolving:)`, but the addresses to resolve are asked for at the start and again
    /// half-way with what has been seen so far: a command that infers the segment from the prefixes the routers
    /// announce can then resolve that segment's routers before the neighbour table is read.
    public func observe(listenSeconds: Double, resolving: (LANObservation) -> [IPAddress]) -> LANObservation {
        var session = LANSession(link: self, listenSeconds: listenSeconds)
        session.run(resolving: resolving)
        return session.observation
    }
}

/// One listen on a `LANLink`: what was sent and what came back.
struct LANSession {
    let link: LANLink
    var observation: LANObservation
    let identifier = UInt16.random(in: 1...UInt16.max)
    let cookie = UInt64.random(in: 0...UInt64.max)
    let solicitID = UInt32.random(in: 0...0xFF_FFFF)
    let informationID = UInt32.random(in: 0...0xFF_FFFF)
    let clientID: DUID
    /// Echo sequence numbers: 0 is the all-nodes echo, n the n-th unicast target.
    var unicastTargets: [IPv6Address] = []

    init(link: LANLink, listenSeconds: Double) {
        self.link = link
        observation = LANObservation(interface: link.interface, listenSeconds: listenSeconds, interfaceMTU: link.mtu,
                                     dhcpv6Queried: link.dhcp != nil, notices: link.dhcpProblem.map { [$0] } ?? [])
        clientID = link.linkLayerAddress.map(DUID.linkLayer)
            ?? DUID.uuid((0..<16).map { _ in UInt8.random(in: 0...255) })
    }

    mutating func run(resolving: (LANObservation) -> [IPAddress]) {
        let watch: Epoll
        do {
            watch = try Epoll()
            try watch.add(link.icmp.descriptor.rawValue, events: .readable, token: 0)
            if let dhcp = link.dhcp { try watch.add(dhcp.descriptor.rawValue, events: .readable, token: 1) }
        } catch {
            observation.notices.append("cannot wait on the audit's sockets: \(error)")
            return
        }
        defer { try? watch.close() }
        unicastTargets = resolving(observation).compactMap(\.ipv6)
        sendSolicitations()
        sendEchoes()
        let start = SystemClock.monotonicNanoseconds()
        let total = UInt64(max(0, observation.listenSeconds) * 1e9)
        var repeated = false
        while true {
            let now = SystemClock.monotonicNanoseconds()
            let elapsed = now - start
            if elapsed >= total { break }
            if !repeated && elapsed >= total / 2 {
                repeated = true
                if observation.routerAdvertisements.isEmpty { send(LANMessageEncoder.routerSolicitation(linkLayerAddress: link.linkLayerAddress), allRouters: true) }
                if observation.dhcpv6Servers.isEmpty { sendDHCPv6() }
                for address in resolving(observation).compactMap(\.ipv6) where !unicastTargets.contains(address) { unicastTargets.append(address) }
                sendEchoes(resolvingResponders: true)
            }
            let wait = min(total - elapsed, repeated ? total - elapsed : total / 2 - elapsed)
            let events = (try? watch.wait(timeoutMilliseconds: Int32(max(1, min(wait / 1_000_000, 60_000))))) ?? []
            for event in events {
                if event.token == 0 { drainICMP() } else { drainDHCP() }
            }
        }
        readNeighbourTables()
    }

    // MARK: Sending

    func sendSolicitations() {
        send(LANMessageEncoder.routerSolicitation(linkLayerAddress: link.linkLayerAddress), allRouters: true)
        sendDHCPv6()
    }

    func sendDHCPv6() {
        guard let dhcp = link.dhcp else { return }
        // ff02::1:2, All_DHCP_Relay_Agents_and_Servers (RFC 8415 §7.1), on this link.
        let servers = SocketAddress(ipv6High: 0xff02_0000_0000_0000, low: 0x1_0002, port: 547, scopeID: link.interfaceIndex)
        _ = try? dhcp.send(LANMessageEncoder.solicit(transactionID: solicitID, clientID: clientID), to: servers)
        _ = try? dhcp.send(LANMessageEncoder.informationRequest(transactionID: informationID, clientID: clientID), to: servers)
    }

    /// Sends an ICMPv6 message to ff02::2 (all routers) or ff02::1 (all nodes) on the link.
    func send(_ message: [UInt8], allRouters: Bool) {
        let group = SocketAddress(ipv6High: 0xff02_0000_0000_0000, low: allRouters ? 2 : 1, port: 0, scopeID: link.interfaceIndex)
        _ = try? link.icmp.send(message, to: group)
    }

    /// The all-nodes echo and one unicast echo to each address to resolve. The second round (half-way, once RAs have
    /// given the kernel its on-link routes) also echoes every link-local responder, so the neighbour table holds the
    /// link-layer address of each; only that round's send errors are noted.
    mutating func sendEchoes(resolvingResponders: Bool = false) {
        var targets = unicastTargets
        if resolvingResponders {
            let responders = observation.neighbours.compactMap { $0.address.ipv6 }.filter { $0.high >> 54 == 0x3FA && !targets.contains($0) }
            targets += responders.prefix(256)
        } else {
            send(ICMPEchoEncoder.encode(family: .v6, identifier: identifier, sequence: 0, cookie: cookie), allRouters: false)
        }
        for (index, target) in targets.enumerated() {
            let bytes = ICMPEchoEncoder.encode(family: .v6, identifier: identifier, sequence: UInt16(truncatingIfNeeded: index + 1), cookie: cookie)
            // Link-local targets need the interface as their scope.
            let scope = target.high >> 54 == 0x3FA ? link.interfaceIndex : 0
            do {
                _ = try link.icmp.send(bytes, to: SocketAddress(ipv6High: target.high, low: target.low, port: 0, scopeID: scope))
            } catch where resolvingResponders {
                observation.notices.append("echo to \(target) not sent: \(error)")
            } catch {}
        }
    }

    // MARK: Receiving

    mutating func drainICMP() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let received: ReceivedMessage
            do {
                guard case let .processed(message) = try buffer.withUnsafeMutableBytes({ try link.icmp.receiveMessage(into: $0) }) else { return }
                received = message
            } catch {
                observation.notices.append("receiving on the ICMPv6 socket failed: \(error)")
                return
            }
            guard let halves = received.sender?.ipv6Halves else { continue }
            let source = IPv6Address(high: halves.high, low: halves.low)
            let message = Array(buffer.prefix(received.count))
            handleICMP(message, from: source, hopLimit: received.hopLimit.map(Int.init))
        }
    }

    mutating func handleICMP(_ message: [UInt8], from source: IPv6Address, hopLimit: Int?) {
        switch message.first {
        case RouterAdvertisementDecoder.messageType:
            switch RouterAdvertisementDecoder.decode(message) {
            case .success(let ra):
                if let index = observation.routerAdvertisements.firstIndex(where: { $0.source == source }) {
                    observation.routerAdvertisements[index].count += 1
                    observation.routerAdvertisements[index].advertisement = ra
                    observation.routerAdvertisements[index].hopLimit = hopLimit
                } else {
                    observation.routerAdvertisements.append(ObservedRouterAdvertisement(source: source, hopLimit: hopLimit, advertisement: ra))
                }
            case .failure(let error):
                observation.rejected.append(LANRejectedMessage(source: source, what: "a router advertisement", reason: error.message))
            }
        case 136:
            guard let advertisement = NeighbourAdvertisement.decode(message) else { return }
            note(.v6(advertisement.target), mac: advertisement.linkLayerAddress, router: advertisement.isRouter, how: "neighbour advertisement")
        case 129:
            guard case let .echoReply(reply) = ICMPDecoder.decode(message, family: .v6, source: .v6(source)),
                  reply.identifier == identifier, reply.cookie == cookie else { return }
            note(.v6(source), mac: nil, router: false, how: reply.sequence == 0 ? "ff02::1 echo" : "echo")
        default:
            return
        }
    }

    mutating func drainDHCP() {
        guard let dhcp = link.dhcp else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let received: ReceivedMessage
            do {
                guard case let .processed(message) = try buffer.withUnsafeMutableBytes({ try dhcp.receive(into: $0) }) else { return }
                received = message
            } catch {
                observation.notices.append("receiving on the DHCPv6 socket failed: \(error)")
                return
            }
            guard let halves = received.sender?.ipv6Halves, received.sender?.port == 547 else { continue }
            let source = IPv6Address(high: halves.high, low: halves.low)
            switch DHCPv6Decoder.decode(Array(buffer.prefix(received.count))) {
            case .success(let message):
                // Only answers to our own transactions, for our client id.
                guard message.clientID == clientID,
                      (message.type == .advertise && message.transactionID == solicitID)
                      || (message.type == .reply && message.transactionID == informationID) else { continue }
                var server = observation.dhcpv6Servers.first { $0.source == source } ?? ObservedDHCPv6Server(source: source)
                if message.type == .advertise { server.advertise = message } else { server.reply = message }
                observation.dhcpv6Servers.removeAll { $0.source == source }
                observation.dhcpv6Servers.append(server)
            case .failure(let error):
                observation.rejected.append(LANRejectedMessage(source: source, what: "a DHCPv6 message", reason: error.message))
            }
        }
    }

    mutating func note(_ address: IPAddress, mac: LinkLayerAddress?, router: Bool, how: String) {
        if let index = observation.neighbours.firstIndex(where: { $0.address == address }) {
            if !observation.neighbours[index].foundBy.contains(how) { observation.neighbours[index].foundBy.append(how) }
            if observation.neighbours[index].linkLayerAddress == nil { observation.neighbours[index].linkLayerAddress = mac }
            observation.neighbours[index].isRouter = observation.neighbours[index].isRouter || router
        } else {
            observation.neighbours.append(LANNeighbour(address: address, linkLayerAddress: mac, isRouter: router, foundBy: [how]))
        }
    }

    mutating func readNeighbourTables() {
        do {
            for entry in try NeighbourTable.ipv6Entries(interface: link.interface) + NeighbourTable.ipv4Entries(interface: link.interface) {
                guard let address = IPAddress(entry.address) else { continue }
                note(address, mac: entry.linkLayerAddress.flatMap(LinkLayerAddress.init), router: entry.isRouter, how: "neighbour table")
                // The table's address wins over a neighbour advertisement's for the same host.
                if let mac = entry.linkLayerAddress.flatMap(LinkLayerAddress.init),
                   let index = observation.neighbours.firstIndex(where: { $0.address == address }) {
                    observation.neighbours[index].linkLayerAddress = mac
                }
            }
        } catch {
            observation.notices.append("neighbour table not read: \(error)")
        }
        observation.neighbours.sort { $0.address < $1.address }
    }
}

/// The one call a command needs: open the link's sockets (inside `namespace` when given), optionally drop
/// privileges, listen, and return what was seen.
public enum LANAudit {
    /// Runs a whole audit. `afterOpening` runs once the sockets are open and before any packet is sent: the place to
    /// drop privileges. `namespace` is entered for the calling thread for good (as `probe --netns` does).
    public static func run(interface: String, listenSeconds: Double = 4, resolving: [IPAddress] = [],
                           namespace: String? = nil, afterOpening: () throws -> Void = {}) throws -> LANObservation {
        if let namespace {
            do { try NetworkNamespace.enter(named: namespace) } catch {
                throw LANAuditError("cannot enter network namespace \(namespace): \(error)", needsPrivileges: error.errno == .notPermitted)
            }
        }
        let link = try LANLink.open(interface: interface)
        try afterOpening()
        return link.observe(listenSeconds: listenSeconds, resolving: resolving)
    }
}
