/// One router's advertisement as the link session saw it: the router's link-local source, the hop limit it arrived
/// with (RFC 4861 §6.1.2: anything but 255 was forwarded, so not from this link), how often it came during the
/// listen, and the last copy decoded.
public struct ObservedRouterAdvertisement: Sendable, Equatable {
    public var source: IPv6Address
    public var hopLimit: Int?
    public var count: Int
    public var advertisement: RouterAdvertisement

    public init(source: IPv6Address, hopLimit: Int? = 255, count: Int = 1, advertisement: RouterAdvertisement) {
        self.source = source; self.hopLimit = hopLimit; self.count = count; self.advertisement = advertisement
    }
}

/// One DHCPv6 server's answers: to our Solicit (an Advertise) and to our Information-request (a Reply).
public struct ObservedDHCPv6Server: Sendable, Equatable {
    public var source: IPv6Address
    public var advertise: DHCPv6Message?
    public var reply: DHCPv6Message?

    public init(source: IPv6Address, advertise: DHCPv6Message? = nil, reply: DHCPv6Message? = nil) {
        self.source = source; self.advertise = advertise; self.reply = reply
    }

    public var serverID: DUID? { advertise?.serverID ?? reply?.serverID }
    /// DNS servers from either answer, without repeats.
    public var dnsServers: [IPv6Address] {
        var seen = Set<IPv6Address>()
        return ((advertise?.dnsServers ?? []) + (reply?.dnsServers ?? [])).filter { seen.insert($0).inserted }
    }
    public var domains: [String] {
        var seen = Set<String>()
        return ((advertise?.domainList ?? []) + (reply?.domainList ?? [])).filter { seen.insert($0).inserted }
    }
}

/// A host seen on the link: by answering the all-nodes echo, by answering a unicast echo, in the kernel's
/// neighbour table, or by sending us something.
public struct LANNeighbour: Sendable, Equatable {
    public var address: IPAddress
    public var linkLayerAddress: LinkLayerAddress?
    /// The kernel marked it as a router (`ip -6 neigh` shows `router`).
    public var isRouter: Bool
    /// How it was found, e.g. `ff02::1 echo`, `neighbour table`.
    public var foundBy: [String]

    public init(address: IPAddress, linkLayerAddress: LinkLayerAddress? = nil, isRouter: Bool = false, foundBy: [String] = []) {
        self.address = address; self.linkLayerAddress = linkLayerAddress; self.isRouter = isRouter; self.foundBy = foundBy
    }
}

/// A message the session received but could not decode: who sent it and why it was refused.
public struct LANRejectedMessage: Sendable, Equatable {
    public var source: IPv6Address
    public var what: String
    public var reason: String
    public init(source: IPv6Address, what: String, reason: String) { self.source = source; self.what = what; self.reason = reason }
}

/// Everything one LAN audit saw on a link during its listen: router advertisements, DHCPv6 answers and neighbours.
/// Made by the link session (V6Probe `LANAudit`); judged by `LANEvaluator` without any socket.
public struct LANObservation: Sendable, Equatable {
    public var interface: String
    public var listenSeconds: Double
    /// The interface's MTU, to compare with the MTU routers announce.
    public var interfaceMTU: Int?
    public var routerAdvertisements: [ObservedRouterAdvertisement]
    public var rejected: [LANRejectedMessage]
    /// False when DHCPv6 could not be asked (port 546 taken by a DHCP client, say): DHCPv6 is then not judged.
    public var dhcpv6Queried: Bool
    public var dhcpv6Servers: [ObservedDHCPv6Server]
    public var neighbours: [LANNeighbour]
    /// What the session could not do, in words (e.g. "DHCPv6 not asked: port 546 is in use").
    public var notices: [String]

    public init(interface: String, listenSeconds: Double, interfaceMTU: Int? = nil,
                routerAdvertisements: [ObservedRouterAdvertisement] = [], rejected: [LANRejectedMessage] = [],
                dhcpv6Queried: Bool = true, dhcpv6Servers: [ObservedDHCPv6Server] = [], neighbours: [LANNeighbour] = [],
                notices: [String] = []) {
        self.interface = interface; self.listenSeconds = listenSeconds; self.interfaceMTU = interfaceMTU
        self.routerAdvertisements = routerAdvertisements; self.rejected = rejected; self.dhcpv6Queried = dhcpv6Queried
        self.dhcpv6Servers = dhcpv6Servers; self.neighbours = neighbours; self.notices = notices
    }

    /// The link-layer address the neighbour table (or an RA's own option) gives `address`.
    public func linkLayerAddress(of address: IPAddress) -> LinkLayerAddress? {
        if let entry = neighbours.first(where: { $0.address == address && $0.linkLayerAddress != nil }) {
            return entry.linkLayerAddress
        }
        if case let .v6(v6) = address {
            return routerAdvertisements.first { $0.source == v6 }?.advertisement.sourceLinkLayerAddress
        }
        return nil
    }
}
