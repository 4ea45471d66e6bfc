/// Turns inventory + capability catalog + the latest scan into a verdict per device, service and segment.
///
/// The rules, in short: a record with IPv6 configured is judged by the scan (answers on IPv6 → dual stack or
/// IPv6-only; silent on IPv6 while IPv4 answers → IPv6 broken; silent on both → unknown); without a scan line it is
/// "configured, not verified". A record without IPv6 is judged by the catalog (supported → configure it, upgrade
/// → firmware to a version, no → replace, no entry → unknown). A service without IPv6 inherits its host's
/// capability; a segment follows its devices (any broken → broken) and its routers and firewalls.
public enum Assessor {
    public static func assess(_ inventory: Inventory, catalog: CapabilityCatalog, scan: ScanData?, program: Program) -> Assessment {
        let index = scan?.index()
        var segmentInfo: [String: (segment: Segment, agency: String)] = [:]
        for file in inventory.agencyFiles { for s in file.segments { segmentInfo[s.id] = (s, file.agency.id) } }

        // Devices first: segments and services depend on them.
        var deviceItems: [String: AssessedItem] = [:]
        let deviceCount = inventory.agencyFiles.reduce(0) { $0 + $1.devices.count }
        deviceItems.reserveCapacity(deviceCount)
        var orderedDevices: [AssessedItem] = []
        orderedDevices.reserveCapacity(deviceCount)
        // Where each device sits, by segment: positions, not copies (a device is a large value).
        var devicesBySegment: [String: [(file: Int, index: Int)]] = [:]
        // A province has thousands of the same model: look each vendor, model and version up once.
        var verdicts: [String: CapabilityVerdict] = [:]
        func verdict(_ device: Device) -> CapabilityVerdict {
            let key = device.vendor + "\u{0}" + device.model + "\u{0}" + (device.version ?? "\u{1}")
            if let known = verdicts[key] { return known }
            let found = catalog.verdict(for: device)
            verdicts[key] = found
            return found
        }
        for (fileIndex, file) in inventory.agencyFiles.enumerated() {
            for (deviceIndex, device) in file.devices.enumerated() {
                devicesBySegment[device.segment, default: []].append((fileIndex, deviceIndex))
                let segment = segmentInfo[device.segment]?.segment
                let subject = SelectorSubject(record: .device, segmentKind: segment?.kind, deviceRole: device.role)
                var item = assessDevice(device, verdict: verdict(device), index: index, hasScan: scan != nil)
                if let management = scan?.security.management(of: device.id) { ManagementReadiness.apply(management, to: &item) }
                item.agency = file.agency.id
                item.site = segment?.site
                item.category = program.categorize(subject)
                deviceItems[device.id] = item
                orderedDevices.append(item)
            }
        }

        var segmentItems: [AssessedItem] = []
        for file in inventory.agencyFiles {
            for segment in file.segments {
                let devices: [(Device, AssessedItem)] = (devicesBySegment[segment.id] ?? []).compactMap { position in
                    let device = inventory.agencyFiles[position.file].devices[position.index]
                    return deviceItems[device.id].map { (device, $0) }
                }
                var item = assessSegment(segment, devices: devices, hasScan: scan != nil)
                if let audit = scan?.lanVerdictsBySegment[segment.id] { LANReadiness.apply(audit, to: &item, segment: segment) }
                item.agency = file.agency.id
                item.category = program.categorize(SelectorSubject(record: .segment, segmentKind: segment.kind))
                segmentItems.append(item)
            }
        }

        var serviceItems: [AssessedItem] = []
        // The first device of each id: only where it sits and what it is, for the services it hosts.
        var deviceByID: [String: (segment: String, role: DeviceRole)] = [:]
        deviceByID.reserveCapacity(deviceCount)
        for file in inventory.agencyFiles {
            for device in file.devices where deviceByID[device.id] == nil { deviceByID[device.id] = (device.segment, device.role) }
        }
        for file in inventory.agencyFiles {
            for service in file.services {
                let host = service.device.flatMap { deviceItems[$0] }
                let hostDevice = service.device.flatMap { deviceByID[$0] }
                let subject = SelectorSubject(record: .service, segmentKind: hostDevice.flatMap { segmentInfo[$0.segment]?.segment.kind },
                                              deviceRole: hostDevice?.role, serviceKind: service.kind,
                                              serviceCategory: service.category, audience: service.audience,
                                              hostCategory: host?.category)
                var item = assessService(service, host: host, index: index, scan: scan)
                item.agency = file.agency.id
                item.site = host?.site
                item.segment = host?.segment
                item.category = program.categorize(subject)
                serviceItems.append(item)
            }
        }

        func rank(_ kind: ItemKind) -> Int {
            switch kind {
            case .segment: 0
            case .device: 1
            case .service: 2
            }
        }
        // Sorted by index, then gathered: an item is large, and moving it at every step of the sort costs more
        // than the sort itself at 100,000 devices.
        let all = segmentItems + orderedDevices + serviceItems
        let order = all.indices.sorted { a, b in
            (all[a].agency, rank(all[a].kind), all[a].id) < (all[b].agency, rank(all[b].kind), all[b].id)
        }
        let items = order.map { all[$0] }
        return Assessment(inventoryName: inventory.manifest.name, scanName: scan?.name, scanTime: scan?.time,
                          items: items, categories: program.categories)
    }

    // MARK: - Devices

    static func assessDevice(_ device: Device, verdict: CapabilityVerdict, index: ScanIndex?, hasScan: Bool) -> AssessedItem {
        var item = AssessedItem(kind: .device, id: device.id, name: device.name, agency: "", site: nil, segment: device.segment,
                                category: "", status: .unknown)
        let probes = index?.probes(record: device.id, addresses: device.ipv4 + device.ipv6) ?? []
        let v4 = probes.filter { $0.result.family == .v4 }, v6 = probes.filter { $0.result.family == .v6 }
        switch verdict {
        case let .supported(entry), let .unsupported(entry), let .needsUpgrade(entry, _):
            item.catalog = entry
            item.evidence.append(.catalog(entry, deviceVersion: device.version))
        case .unknown:
            item.evidence.append(.notInCatalog(vendor: device.vendor, model: device.model))
        }
        if !device.ipv6.isEmpty {
            item.evidence.append(.configured(device.ipv6.map(\.description)))
        } else {
            item.evidence.append(.noIPv6Configured)
        }
        item.evidence += probes.map(EvidenceFact.probe)
        if !hasScan {
            item.evidence.append(.noScan)
        } else if probes.isEmpty {
            item.evidence.append(.notInScan)
        }
        let v4Answered = v4.contains { $0.hostAnswered }
        let v6Answered = v6.contains { $0.hostAnswered }
        item.icmpv6Filtered = icmpFiltered(v6)
        if item.icmpv6Filtered { item.evidence.append(.icmpv6Filtered) }

        if !device.ipv6.isEmpty {
            if v6.isEmpty {
                item.status = .configured
            } else if v6Answered {
                item.status = device.ipv4.isEmpty ? .ipv6Only : .dualStack
            } else if v4Answered {
                item.status = .ipv6Broken
            } else {
                item.status = .unknown
                item.silent = true
                item.evidence.append(.silent)
            }
            return item
        }
        switch verdict {
        case .supported: item.status = .capable
        case let .needsUpgrade(_, to): item.status = .needsUpgrade; item.upgradeTo = to
        case .unsupported: item.status = .needsReplacement
        case .unknown: item.status = .unknown
        }
        if !v4.isEmpty, !v4Answered {
            item.silent = true
            item.evidence.append(.silent)
        }
        return item
    }

    /// Echo over IPv6 unanswered while a TCP connection over IPv6 succeeded.
    static func icmpFiltered(_ v6: [ScanProbe]) -> Bool {
        let icmp = v6.filter { $0.result.method == .icmp }
        return !icmp.isEmpty && !icmp.contains { $0.hostAnswered }
            && v6.contains { $0.result.method == .tcp && $0.reachable }
    }

    // MARK: - Segments

    static func assessSegment(_ segment: Segment, devices: [(Device, AssessedItem)], hasScan: Bool) -> AssessedItem {
        var item = AssessedItem(kind: .segment, id: segment.id, name: segment.name, agency: "", site: segment.site,
                                segment: segment.id, category: "", status: .unknown)
        let answered = devices.filter { $0.1.status.isReady }.count
        let broken = devices.filter { $0.1.status == .ipv6Broken }.map(\.0.id).sorted()
        item.evidence.append(segment.ipv6.isEmpty ? .noIPv6Configured : .configured(segment.ipv6.map(\.description)))
        item.evidence.append(.segmentDevices(answeredIPv6: answered, total: devices.count, broken: broken))
        if !hasScan { item.evidence.append(.noScan) }
        // Broken when its routers or firewalls are, or when most of its IPv6 hosts are: then the segment's IPv6 is
        // what fails, not one host.
        let configured = devices.filter { !$0.0.ipv6.isEmpty && $0.1.status != .configured }.count
        let gatewayBroken = devices.contains { DependencyRules.gatewayRoles.contains($0.0.role) && $0.1.status == .ipv6Broken }
        if gatewayBroken || (!broken.isEmpty && 2 * broken.count >= max(configured, 1)) {
            item.status = .ipv6Broken
        } else if !segment.ipv6.isEmpty {
            item.status = answered > 0 ? .dualStack : .configured
        } else {
            // Without a prefix the segment is as ready as the devices that route and filter it.
            let gateways = devices.filter { DependencyRules.gatewayRoles.contains($0.0.role) }.map(\.1)
            if let worst = gateways.first(where: { $0.status == .needsReplacement }) {
                item.status = .needsReplacement
                item.evidence.append(.host(id: worst.id, status: worst.status))
            } else if let worst = gateways.first(where: { $0.status == .needsUpgrade }) {
                item.status = .needsUpgrade
                item.upgradeTo = worst.upgradeTo
                item.evidence.append(.host(id: worst.id, status: worst.status))
            } else {
                item.status = .capable
            }
        }
        return item
    }

    // MARK: - Services

    static func assessService(_ service: Service, host: AssessedItem?, index: ScanIndex?, scan: ScanData?) -> AssessedItem {
        var item = AssessedItem(kind: .service, id: service.id, name: service.name, agency: "", site: nil, segment: nil,
                                category: "", status: .unknown)
        let all = index?.probes(record: service.id, addresses: service.ipv4 + service.ipv6) ?? []
        // A service is judged by its ports (TCP, DNS); ICMP only says the host is there.
        let onPorts = all.filter { $0.result.method != .icmp }
        let used = onPorts.isEmpty ? all : onPorts
        let v4 = used.filter { $0.result.family == .v4 }, v6 = used.filter { $0.result.family == .v6 }
        let verdict = scan?.serviceVerdicts[service.id]
        item.evidence.append(service.ipv6.isEmpty ? .noIPv6Configured : .configured(service.ipv6.map(\.description)))
        if let host { item.evidence.append(.host(id: host.id, status: host.status)) } else { item.evidence.append(.noHost) }
        item.evidence += all.map(EvidenceFact.probe)
        if let verdict { item.evidence.append(.serviceVerdict(line: verdict.line, verdict: verdict.verdict)) }
        if let only = scan?.ipv6OnlyVerdicts[service.id] {
            item.evidence.append(.ipv6OnlyVerdict(line: only.line, verdict: only.verdict, reason: only.assessment.reason))
        }
        if scan == nil {
            item.evidence.append(.noScan)
        } else if all.isEmpty && verdict == nil {
            item.evidence.append(.notInScan)
        }
        item.icmpv6Filtered = icmpFiltered(all.filter { $0.result.family == .v6 })
        if item.icmpv6Filtered { item.evidence.append(.icmpv6Filtered) }
        let v4OK = v4.contains { $0.reachable }, v6OK = v6.contains { $0.reachable }

        if !service.ipv6.isEmpty {
            if v6.isEmpty {
                switch verdict?.verdict {
                case .green: item.status = service.ipv4.isEmpty ? .ipv6Only : .dualStack
                case .yellow: item.status = .ipv6Broken
                default: item.status = .configured
                }
            } else if v6OK {
                item.status = service.ipv4.isEmpty ? .ipv6Only : .dualStack
            } else if v4OK || verdict?.verdict == .yellow {
                item.status = .ipv6Broken
            } else {
                item.status = .unknown
                item.silent = true
                item.evidence.append(.silent)
            }
            return item
        }
        guard let host else { item.status = .unknown; return item }
        switch host.status {
        case .needsUpgrade: item.status = .needsUpgrade; item.upgradeTo = host.upgradeTo
        case .needsReplacement: item.status = .needsReplacement
        case .unknown: item.status = .unknown
        default: item.status = .capable
        }
        if !v4.isEmpty, !v4OK {
            item.silent = true
            item.evidence.append(.silent)
        }
        return item
    }
}
