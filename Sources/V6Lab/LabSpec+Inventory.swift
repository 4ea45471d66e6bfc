import V6Core

/// A lab that stands in for an inventory's network (the demo): which services were broken on purpose, and which
/// inventoried addresses deliberately do not answer.
public struct InventoryLab: Sendable, Hashable {
    /// The spec to build.
    public var spec: LabSpec
    /// Service id → the failure its host shows, for the demo to narrate and to check the scan against.
    public var brokenServices: [String: LabBehaviour]
    /// Inventoried addresses the lab leaves silent: IPv6 of devices whose segment has no IPv6 prefix yet.
    public var silentAddresses: [IPAddress]
    /// Inventoried addresses the lab cannot use because they lie outside the lab ranges (or in its transit ranges).
    public var skippedAddresses: [IPAddress]
}

extension LabSpec {
    /// The failures `fromInventory` hands out in turn to the services it breaks.
    public static let inventoryFailures: [LabBehaviour] = [
        .ipv6PathBlackholed, .echoFiltered([.v6]), .adminProhibited([.v6]), .pmtuBlackHole(mtu: 1280),
    ]

    /// A lab in which every inventoried address answers as the inventory says it should: every device and service
    /// IPv4 address, the IPv6 addresses of services, and the IPv6 addresses of devices whose segment has an IPv6
    /// prefix; each service's TCP ports are open on its addresses (other ports answer RST). `breaking` services with
    /// IPv6 — spread evenly over the services in id order, so the choice is stable — get one of
    /// `inventoryFailures` each, in turn.
    ///
    /// Addresses share namespaces by their set of open ports (a listener serves every address of its namespace),
    /// so a lab for hundreds of addresses stays within a few dozen namespaces.
    public static func fromInventory(_ inventory: Inventory, breaking: Int = 4) -> InventoryLab {
        var ports: [IPAddress: Set<Int>] = [:]
        var order: [IPAddress] = []
        var silent: [IPAddress] = []
        var skipped: [IPAddress] = []
        func include(_ address: IPAddress, _ servicePorts: [Int]) {
            guard LabAddressRanges.isAvailable(address), address.ipv6?.zone == nil else {
                if !skipped.contains(address) { skipped.append(address) }
                return
            }
            if ports[address] == nil { order.append(address) }
            ports[address, default: []].formUnion(servicePorts.filter { (1...65535).contains($0) })
        }
        let services = inventory.services.sorted { $0.id < $1.id }
        for service in services {
            for address in service.ipv4 + service.ipv6 { include(address, service.ports) }
        }
        for device in inventory.devices {
            let segmentHasIPv6 = !(inventory.segment(device.segment)?.ipv6.isEmpty ?? true)
            for address in device.ipv4 { include(address, []) }
            for address in device.ipv6 {
                if segmentHasIPv6 {
                    include(address, [])
                } else if ports[address] == nil, !silent.contains(address) {
                    silent.append(address)
                }
            }
        }
        silent.removeAll { ports[$0] != nil }

        // The services to break: those with a usable IPv6 address, evenly spread.
        let breakable = services.filter { $0.ipv6.contains { ports[$0] != nil } }
        let count = min(max(breaking, 0), breakable.count, 16)
        var hosts: [LabHost] = []
        var taken = Set<IPAddress>()
        var broken: [String: LabBehaviour] = [:]
        for index in 0..<count {
            let service = breakable[index * breakable.count / count]
            let addresses = (service.ipv4 + service.ipv6).filter { ports[$0] != nil && !taken.contains($0) }
            guard addresses.contains(where: { $0.family == .v6 }) else { continue }
            let behaviour = inventoryFailures[index % inventoryFailures.count]
            taken.formUnion(addresses)
            broken[service.id] = behaviour
            let open = addresses.reduce(into: Set<Int>()) { $0.formUnion(ports[$1] ?? []) }
            hosts.append(LabHost("broken-\(hosts.count + 1)", addresses: addresses, openTCPPorts: open.sorted(),
                                 behaviours: [behaviour]))
        }

        // Everything else, grouped by port set; the largest groups first, the tail merged if namespaces run out.
        var groups: [[Int]: [IPAddress]] = [:]
        for address in order where !taken.contains(address) {
            groups[ports[address]!.sorted(), default: []].append(address)
        }
        var sorted = groups.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count
                                                                        : $0.key.lexicographicallyPrecedes($1.key) }
        let room = LabAddressRanges.maximumHosts - hosts.count
        if sorted.count > room, room > 0 {
            let tail = sorted[(room - 1)...]
            let merged = (tail.reduce(into: Set<Int>()) { $0.formUnion($1.key) }.sorted(), tail.flatMap(\.value))
            sorted = Array(sorted[..<(room - 1)]) + [merged]
        }
        for (index, group) in sorted.enumerated() {
            let name = group.key.isEmpty ? "no-ports" : "group-\(index + 1)"
            hosts.append(LabHost(name, addresses: group.value, openTCPPorts: group.key))
        }
        return InventoryLab(spec: LabSpec(hosts: hosts), brokenServices: broken, silentAddresses: silent,
                            skippedAddresses: skipped)
    }
}
