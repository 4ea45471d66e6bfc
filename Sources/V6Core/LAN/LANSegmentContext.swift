/// What a LAN segment should look like, from the inventory: its prefixes, the devices that should send router
/// advertisements and answer DHCPv6 (with their addresses, to recognise them on the link), and every address the
/// inventory knows (to tell unknown neighbours). Without a segment only what needs no expectation is judged.
public struct LANSegmentContext: Sendable, Equatable {
    /// A device named by the segment, with the addresses it may be recognised by.
    public struct NamedDevice: Sendable, Equatable {
        public var id: String
        public var addresses: [IPAddress]
        public init(id: String, addresses: [IPAddress]) { self.id = id; self.addresses = addresses }
    }

    public var segment: Segment?
    public var routers: [NamedDevice]
    public var dhcpv6Servers: [NamedDevice]
    /// Every device address of the inventory, with its device id; empty: no inventory, unknown neighbours not judged.
    public var knownAddresses: [IPAddress: String]

    public init(segment: Segment? = nil, routers: [NamedDevice] = [], dhcpv6Servers: [NamedDevice] = [],
                knownAddresses: [IPAddress: String] = [:]) {
        self.segment = segment; self.routers = routers; self.dhcpv6Servers = dhcpv6Servers; self.knownAddresses = knownAddresses
    }

    /// The context of `segment` in `inventory` (nil when no segment has that id).
    public init?(segment id: String, in inventory: Inventory) {
        guard let segment = inventory.segments.first(where: { $0.id == id }) else { return nil }
        func named(_ ids: [String]) -> [NamedDevice] {
            ids.compactMap { id in inventory.device(id).map { NamedDevice(id: id, addresses: $0.ipv4 + $0.ipv6) } }
        }
        self.init(segment: segment, routers: named(segment.routers), dhcpv6Servers: named(segment.dhcpv6Servers),
                  knownAddresses: Self.knownAddresses(of: inventory))
    }

    /// Every device and service address of the inventory, with the record that has it.
    public static func knownAddresses(of inventory: Inventory) -> [IPAddress: String] {
        var known: [IPAddress: String] = [:]
        for device in inventory.devices { for address in device.ipv4 + device.ipv6 where known[address] == nil { known[address] = device.id } }
        for service in inventory.services { for address in service.ipv4 + service.ipv6 where known[address] == nil { known[address] = service.id } }
        return known
    }

    /// The segment a link belongs to, judged from what its routers announce: the one inventory segment whose IPv6
    /// prefixes hold an announced prefix (LAN segments first). Nil when none or several match.
    public static func infer(from observation: LANObservation, in inventory: Inventory) -> LANSegmentContext? {
        let announced = observation.routerAdvertisements.flatMap(\.advertisement.prefixes).map(\.prefix)
        guard !announced.isEmpty else { return nil }
        let matching = inventory.segments.filter { segment in announced.contains { p in segment.ipv6.contains { $0.contains(p) } } }
        let lans = matching.filter { $0.kind == .lan }
        let chosen = lans.count == 1 ? lans : matching
        guard chosen.count == 1, let segment = chosen.first else { return nil }
        return LANSegmentContext(segment: segment.id, in: inventory)
    }

    /// Addresses worth a unicast echo before the neighbour table is read, so it holds their link-layer addresses:
    /// the IPv6 addresses of the segment's routers, DHCPv6 servers and other devices (at most `limit`).
    public func addressesToResolve(devicesOf inventory: Inventory?, limit: Int = 256) -> [IPAddress] {
        var result: [IPAddress] = []
        var seen = Set<IPAddress>()
        for device in routers + dhcpv6Servers { for a in device.addresses where a.family == .v6 && seen.insert(a).inserted { result.append(a) } }
        if let inventory, let segment {
            for device in inventory.devices where device.segment == segment.id {
                for a in device.ipv6 where seen.insert(a).inserted { result.append(a) }
            }
        }
        return Array(result.prefix(limit))
    }

    /// Whether `prefix` lies inside one of the segment's IPv6 prefixes (always true without a segment).
    func isInsideSegment(_ prefix: IPPrefix) -> Bool {
        guard let segment else { return true }
        return segment.ipv6.contains { $0.contains(prefix) }
    }
}
