/// One record to audit over both families: a dual-stack device or service, or the pair `probe --parity` names.
public struct SecuritySubject: Sendable, Equatable {
    public var parity: ParitySubject
    /// The host name certificates must cover; nil for addresses only.
    public var name: String?
    /// A device: read its SSH banner and connect to its HTTPS admin port over each family.
    public var isDevice: Bool
    /// Shake hands with TLS on 443 over each family (not for web services: their service check already does).
    public var probesTLS: Bool

    public init(parity: ParitySubject, name: String? = nil, isDevice: Bool = false, probesTLS: Bool = true) {
        self.parity = parity; self.name = name; self.isDevice = isDevice; self.probesTLS = probesTLS
    }

    /// What a scan audits: every selected device with addresses (management ports; parity when dual-stack) and every
    /// selected dual-stack service, each on its own ports plus `parityPorts`. Web services that are service-checked
    /// shake hands with TLS there (`servicesChecked`), so not again here.
    public static func subjects(_ inventory: Inventory, _ selection: ScanSelection, parityPorts: [Int],
                                servicesChecked: Bool) -> [SecuritySubject] {
        let selectedDevices = Set(selection.targets.filter { $0.echo }.compactMap(\.record))
        var result: [SecuritySubject] = []
        for device in inventory.devices where selectedDevices.contains(device.id) && !(device.ipv4.isEmpty && device.ipv6.isEmpty) {
            result.append(SecuritySubject(parity: ParitySubject(record: device.id, target: device.name, v4: device.ipv4, v6: device.ipv6,
                                                                ports: parityPorts),
                                          isDevice: true, probesTLS: false))
        }
        for service in selection.services where !service.ipv4.isEmpty && !service.ipv6.isEmpty {
            let request = ServiceRequest(service: service)
            result.append(SecuritySubject(parity: ParitySubject(record: service.id, target: request.label, v4: service.ipv4,
                                                                v6: service.ipv6, ports: service.ports + parityPorts),
                                          name: request.name.map(ServiceRequest.displayName),
                                          probesTLS: !(servicesChecked && request.profile == .web && service.ports.contains(443))))
        }
        return result
    }
}

