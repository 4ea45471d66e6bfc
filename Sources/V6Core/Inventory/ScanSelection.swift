/// The part of an inventory one scan covers — all of it, an agency and the agencies below it, or one site's
/// segments — and what that part asks the prober to do: every device address gets an echo probe, every service
/// address a TCP connect to each of its ports, every service a verdict.
public struct ScanSelection: Sendable {
    public var targets: [ProbeTarget] = []
    public var services: [Service] = []

    /// Why a selection cannot be made: the named agency or site is not in the inventory.
    public enum Problem: Error, Sendable, Equatable {
        case unknownAgency(String)
        case unknownSite(String)
    }

    public init(_ inventory: Inventory, agency: String? = nil, site: String? = nil) throws(Problem) {
        var agencies: Set<String>?
        if let agency {
            guard inventory.agencyFileIndex(agency) != nil else { throw .unknownAgency(agency) }
            agencies = inventory.agencySubtree(of: agency)
        }
        var segments: Set<String>?
        if let site {
            guard inventory.sites.contains(where: { $0.id == site }) else { throw .unknownSite(site) }
            segments = Set(inventory.segments.filter { $0.site == site }.map(\.id))
        }
        var deviceSegment: [String: String] = [:]
        for file in inventory.agencyFiles {
            for device in file.devices {
                deviceSegment[device.id] = device.segment
                guard agencies?.contains(file.agency.id) ?? true, segments?.contains(device.segment) ?? true else { continue }
                for address in device.ipv4 + device.ipv6 {
                    targets.append(ProbeTarget(label: device.id, address: address, record: device.id))
                }
            }
        }
        for file in inventory.agencyFiles where agencies?.contains(file.agency.id) ?? true {
            for service in file.services {
                // With a site, a service belongs to it through the device that hosts it.
                if let segments {
                    guard let device = service.device, let segment = deviceSegment[device], segments.contains(segment) else { continue }
                }
                services.append(service)
                guard !service.ports.isEmpty else { continue }
                for address in service.ipv4 + service.ipv6 {
                    targets.append(ProbeTarget(label: service.id, address: address, record: service.id, ports: service.ports, echo: false))
                }
            }
        }
    }
}
