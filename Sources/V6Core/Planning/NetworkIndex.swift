/// What the dependency rules look up, indexed once so that planning a 100,000-device inventory stays linear:
/// records by id, the gateways of each segment, the outer (edge/WAN) gateways of each site, firewalls per segment and
/// the name servers of each zone.
struct NetworkIndex {
    var segmentByID: [String: Segment] = [:]
    var deviceByID: [String: Device] = [:]
    var serviceByID: [String: Service] = [:]
    /// Routers, layer-3 switches and firewalls in a segment, then the gateway devices the segment names as its routers.
    var gatewaysBySegment: [String: [Device]] = [:]
    var firewallsBySegment: [String: [Device]] = [:]
    /// Per agency file (by index), the gateways in its outer segments, grouped by site in first-seen order.
    var outerGatewaysByFile: [[(site: String, gateways: [Device])]] = []
    /// Per agency file, the sites that have at least one outer segment.
    var sitesWithOuterSegments: [Set<String>] = []
    /// The agency file (index) that holds each device.
    var fileOfDevice: [String: Int] = [:]
    /// Name servers with a host name, by the zone they serve (lowercased), in inventory order.
    var nameServersByZone: [String: [Service]] = [:]

    init(_ inventory: Inventory) {
        for (fileIndex, file) in inventory.agencyFiles.enumerated() {
            for s in file.segments where segmentByID[s.id] == nil { segmentByID[s.id] = s }
            for d in file.devices where deviceByID[d.id] == nil { deviceByID[d.id] = d; fileOfDevice[d.id] = fileIndex }
            for s in file.services where serviceByID[s.id] == nil { serviceByID[s.id] = s }
        }
        for file in inventory.agencyFiles {
            let outerSegmentIDs = Set(file.segments.filter { DependencyRules.outerSegmentKinds.contains($0.kind) }.map(\.id))
            sitesWithOuterSegments.append(Set(file.segments.filter { outerSegmentIDs.contains($0.id) }.map(\.site)))
            var outerBySite: [(site: String, gateways: [Device])] = []
            var siteSlot: [String: Int] = [:]
            for device in file.devices where DependencyRules.gatewayRoles.contains(device.role) {
                gatewaysBySegment[device.segment, default: []].append(device)
                if device.role == .firewall { firewallsBySegment[device.segment, default: []].append(device) }
                guard outerSegmentIDs.contains(device.segment), let site = segmentByID[device.segment]?.site else { continue }
                if let slot = siteSlot[site] { outerBySite[slot].gateways.append(device) } else {
                    siteSlot[site] = outerBySite.count
                    outerBySite.append((site, [device]))
                }
            }
            outerGatewaysByFile.append(outerBySite)
        }
        for segment in segmentByID.values where !segment.routers.isEmpty {
            var list = gatewaysBySegment[segment.id] ?? []
            for id in segment.routers where !list.contains(where: { $0.id == id }) {
                if let d = deviceByID[id], DependencyRules.gatewayRoles.contains(d.role) { list.append(d) }
            }
            gatewaysBySegment[segment.id] = list
        }
        for service in inventory.services where service.kind == .dns {
            guard let hostname = service.hostname, let zone = DependencyRules.zone(of: hostname) else { continue }
            nameServersByZone[zone, default: []].append(service)
        }
    }

    func layer(_ device: Device) -> Int {
        DependencyRules.layer(role: device.role, segmentKind: segmentByID[device.segment]?.kind)
    }

    /// The outer gateways that stand in front of a device of this segment: those of its site's outer segments, or of
    /// every outer segment of its agency when its site has none; grouped by site.
    func outerPool(for device: Device, segment: Segment) -> [(site: String, gateways: [Device])] {
        guard let file = fileOfDevice[device.id] else { return [] }
        let pool = outerGatewaysByFile[file]
        return sitesWithOuterSegments[file].contains(segment.site) ? pool.filter { $0.site == segment.site } : pool
    }

    /// Name servers whose zone is the name or one of its parents.
    func nameServers(for name: String) -> [Service] {
        var result: [Service] = []
        var rest = Substring(name)
        while true {
            result += nameServersByZone[String(rest)] ?? []
            guard let dot = rest.firstIndex(of: ".") else { break }
            rest = rest[rest.index(after: dot)...]
        }
        return result
    }
}
