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
    public static func dependencies(_ inventory: Inventory, addressPlanID: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        var segmentOf: [String: Segment] = [:]
        for s in inventory.segments { segmentOf[s.id] = s; result[s.id] = [addressPlanID] }
        for file in inventory.agencyFiles {
            let outerSegments = file.segments.filter { outerSegmentKinds.contains($0.kind) }
            func gateways(in segments: [Segment]) -> [Device] {
                let ids = Set(segments.map(\.id))
                return file.devices.filter { ids.contains($0.segment) && gatewayRoles.contains($0.role) }
            }
            for device in file.devices {
                var deps: [String] = [device.segment]
                guard let segment = segmentOf[device.segment] else { result[device.id] = deps; continue }
                let siteOuter = outerSegments.filter { $0.site == segment.site }
                let outer = siteOuter.isEmpty ? outerSegments : siteOuter
                let myLayer = layer(role: device.role, segmentKind: segment.kind)
                var candidates = gateways(in: [segment])
                for g in gateways(in: outer) where !candidates.contains(where: { $0.id == g.id }) { candidates.append(g) }
                for g in candidates where g.id != device.id {
                    if layer(role: g.role, segmentKind: segmentOf[g.segment]?.kind) < myLayer { deps.append(g.id) }
                }
                result[device.id] = deps
            }
        }
        let dnsServices = inventory.services.filter { $0.kind == .dns && $0.hostname != nil }
        for service in inventory.services {
            var deps: [String] = []
            if let host = service.device { deps.append(host) }
            if service.kind != .dns, let name = service.hostname?.lowercased() {
                let matching = dnsServices.filter { dns in
                    guard let zone = zone(of: dns.hostname!) else { return false }
                    return name == zone || name.hasSuffix("." + zone)
                }
                let sameAudience = matching.filter { $0.audience == service.audience }
                deps += (sameAudience.isEmpty ? matching : sameAudience).map(\.id).sorted()
            }
            result[service.id] = deps
        }
        return result
    }

    /// The zone a name server serves, taken as its name without the first label: `ns1.vidu.example` → `vidu.example`.
    static func zone(of hostname: String) -> String? {
        let labels = hostname.lowercased().split(separator: ".")
        guard labels.count >= 2 else { return nil }
        return labels.dropFirst().joined(separator: ".")
    }
}
