/// What must be ready before what, from the shape of the network:
/// the address plan before any segment; a segment before its devices; a site's edge and WAN routers, then its
/// firewalls, then the routers and firewalls inside, before the hosts behind them; a host before the services it
/// runs; the DNS that publishes a name before the service with that name.
public enum DependencyRules {
    /// Devices that route or filter a segment's traffic.
    public static let gatewayRoles: Set<DeviceRole> = [.router, .l3Switch, .firewall]
    static let outerSegmentKinds: Set<SegmentKind> = [.internetEdge, .wan]

    /// 0 edge/WAN routers, 1 edge/WAN firewalls, 2 inner routers, 3 inner firewalls, 4 everything else.
    /// A device depends only on gateways of a lower layer, so the graph has no cycles.
    public static func layer(role: DeviceRole, segmentKind: SegmentKind?) -> Int {
        let outer = segmentKind.map { outerSegmentKinds.contains($0) } ?? false
        switch role {
        case .router, .l3Switch: return outer ? 0 : 2
        case .firewall: return outer ? 1 : 3
        default: return 4
        }
    }

    /// The ids each record depends on, keyed by record id; `addressPlanID` names the address plan item.
    ///
    /// Only the nearest prerequisites are listed; the rest follow through them, so the order is the same as if every
    /// gateway in front were listed (an item is ready exactly when everything it transitively needs is placed):
    /// a device in an inner segment depends on the nearest-layer gateways of its own segment (routers, L3 switches
    /// and firewalls in it or named by it); the lowest of those, or a device whose segment has none, depends on the
    /// nearest-layer outer gateways of each site in front of it (its site's edge and WAN, else its agency's).
    public static func dependencies(_ inventory: Inventory, addressPlanID: String) -> [String: [String]] {
        dependencies(inventory, index: NetworkIndex(inventory), addressPlanID: addressPlanID)
    }

    static func dependencies(_ inventory: Inventory, index: NetworkIndex, addressPlanID: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        result.reserveCapacity(index.segmentByID.count + index.deviceByID.count + index.serviceByID.count)
        for s in inventory.agencyFiles.lazy.flatMap(\.segments) { result[s.id] = [addressPlanID] }
        for device in inventory.agencyFiles.lazy.flatMap(\.devices) {
            result[device.id] = [device.segment] + gatewaysInFront(of: device, index: index).map(\.id)
        }
        for service in inventory.agencyFiles.lazy.flatMap(\.services) {
            var deps: [String] = []
            if let host = service.device { deps.append(host) }
            if service.kind != .dns, let name = service.hostname?.lowercased() {
                let matching = index.nameServers(for: name)
                let sameAudience = matching.filter { $0.audience == service.audience }
                deps += (sameAudience.isEmpty ? matching : sameAudience).map(\.id).sorted()
            }
            result[service.id] = deps
        }
        return result
    }

    /// The nearest gateways a device waits for (see `dependencies`).
    static func gatewaysInFront(of device: Device, index: NetworkIndex) -> [Device] {
        guard let segment = index.segmentByID[device.segment] else { return [] }
        let myLayer = layer(role: device.role, segmentKind: segment.kind)
        func nearest(_ gateways: [Device]) -> [Device] {
            let lower = gateways.filter { $0.id != device.id && index.layer($0) < myLayer }
            guard let top = lower.map(index.layer).max() else { return [] }
            return lower.filter { index.layer($0) == top }
        }
        if !outerSegmentKinds.contains(segment.kind) {
            let own = nearest(index.gatewaysBySegment[segment.id] ?? [])
            if !own.isEmpty { return own }
        }
        var result: [Device] = []
        for group in index.outerPool(for: device, segment: segment) {
            for g in nearest(group.gateways) where !result.contains(where: { $0.id == g.id }) { result.append(g) }
        }
        return result
    }

    /// The firewalls blamed when a record of `segmentID` (on `device`, if any) sees broken IPv6 or filtered ICMPv6:
    /// the nearest ones in front of it, its own segment's first.
    static func frontFirewalls(segmentID: String, device deviceID: String?, index: NetworkIndex) -> [String] {
        var candidates = (index.firewallsBySegment[segmentID] ?? []).filter { $0.id != deviceID }
        if let deviceID, let device = index.deviceByID[deviceID], let segment = index.segmentByID[device.segment] {
            let myLayer = layer(role: device.role, segmentKind: segment.kind)
            let inFront = (index.gatewaysBySegment[segment.id] ?? []) + index.outerPool(for: device, segment: segment).flatMap { $0.gateways }
            candidates += inFront.filter { $0.role == .firewall && $0.id != deviceID && index.layer($0) < myLayer }
        }
        guard let nearest = candidates.map(index.layer).max() else { return [] }
        return Array(Set(candidates.filter { index.layer($0) == nearest }.map(\.id)))
    }

    /// The zone a name server serves, taken as its name without the first label: `ns1.vidu.example` → `vidu.example`.
    static func zone(of hostname: String) -> String? {
        let labels = hostname.lowercased().split(separator: ".")
        guard labels.count >= 2 else { return nil }
        return labels.dropFirst().joined(separator: ".")
    }
}
