/// Writes the inventory as the CSV files NetBox's bulk import takes, with its column names, one file per object type,
/// in the order NetBox must import them (each refers to the ones before it by name). What NetBox has no field for
/// (firmware version, criticality, owner, segment; a service's kind, audience, host name, category and agency) travels in
/// custom fields that `custom-fields.csv` creates. `inventory netbox-import` reads the same files back.
public enum NetBoxExport {
    public struct File: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public var rows: Int
        /// Where to import it in NetBox's UI.
        public var importPage: String
    }

    /// A custom field v6ready exports: what NetBox has no field for. Table exports head its column with the label.
    public struct CustomField: Sendable {
        public var field: NetBoxField
        public var name: String
        public var label: String
        public var objectType: String
        public var description: String
    }

    public static let customFields: [CustomField] = [
        CustomField(field: .firmwareVersion, name: "firmware_version", label: "Firmware version", objectType: "dcim.device",
                    description: "Firmware or OS version, matched against the v6ready IPv6 capability catalog"),
        CustomField(field: .criticality, name: "criticality", label: "Criticality", objectType: "dcim.device", description: "low, medium, high or critical (v6ready)"),
        CustomField(field: .owner, name: "owner", label: "Owner", objectType: "dcim.device", description: "The person or office responsible (v6ready)"),
        CustomField(field: .segment, name: "segment", label: "Segment", objectType: "dcim.device", description: "The v6ready segment id the device sits in"),
        CustomField(field: .kind, name: "service_kind", label: "Service kind", objectType: "ipam.service",
                    description: "web, public-service-portal, dns, mail, app, integration, vpn or other (v6ready)"),
        CustomField(field: .audience, name: "audience", label: "Audience", objectType: "ipam.service", description: "public or internal (v6ready)"),
        CustomField(field: .hostname, name: "hostname", label: "Host name", objectType: "ipam.service", description: "The DNS name the service is published under (v6ready)"),
        CustomField(field: .category, name: "category", label: "Category", objectType: "ipam.service", description: "A finer label such as e-portal or one-stop-shop (v6ready)"),
        CustomField(field: .agency, name: "agency", label: "Agency", objectType: "ipam.service", description: "The v6ready agency the service belongs to, when not its device's tenant"),
    ]

    /// The interface every exported device gets, holding its addresses (NetBox assigns addresses to interfaces).
    public static let interfaceName = "mgmt0"

    public static func export(_ inventory: Inventory) -> (files: [File], notes: [String]) {
        var notes: [String] = []
        var files: [File] = []
        func add(_ name: String, _ page: String, _ header: [String], _ rows: [[String]]) {
            files.append(File(name: name, bytes: CSV.format(header: header, rows: rows, byteOrderMark: false), rows: rows.count, importPage: page))
        }

        let agencyName = Dictionary(inventory.agencies.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        // Site names are unique in NetBox; two agencies' "Trụ sở" get their agency added.
        var siteCounts: [String: Int] = [:]
        for s in inventory.sites { siteCounts[s.name, default: 0] += 1 }
        var siteName: [String: String] = [:]
        var siteAgency: [String: String] = [:]
        for file in inventory.agencyFiles {
            for s in file.sites {
                siteName[s.id] = siteCounts[s.name]! > 1 ? "\(s.name) (\(file.agency.id))" : s.name
                siteAgency[s.id] = file.agency.id
            }
        }
        let segments = Dictionary(inventory.segments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        // NetBox 4.x requires every column its model keeps a default for (a CSV import does not fill them in):
        // search_weight, filter_logic and weight here, weight for IPAM roles.
        add("custom-fields.csv", "Customization → Custom Fields → Import",
            ["name", "label", "type", "object_types", "description", "search_weight", "filter_logic", "weight"],
            customFields.enumerated().map { i, f in [f.name, f.label, "text", f.objectType, f.description, "1000", "loose", String(100 + i)] })
        add("tenants.csv", "Organization → Tenants → Import", ["name", "slug", "description"],
            inventory.agencies.map { [$0.name, $0.id, "v6ready agency (\($0.kind.rawValue))"] })
        add("sites.csv", "Organization → Sites → Import", ["name", "slug", "status", "tenant", "physical_address"],
            inventory.agencyFiles.flatMap { file in file.sites.map { [siteName[$0.id]!, $0.id, "active", file.agency.name, $0.address ?? ""] } })

        let devices = inventory.agencyFiles.flatMap { file in file.devices.map { (file.agency.id, $0) } }
        let vendors = Set(devices.map(\.1.vendor).filter { !$0.isEmpty }).sorted()
        add("manufacturers.csv", "Devices → Manufacturers → Import", ["name", "slug"], vendors.map { [$0, Slug.make($0)] })
        let platforms = Set(devices.compactMap(\.1.os)).sorted()
        add("platforms.csv", "Devices → Platforms → Import", ["name", "slug"], platforms.map { [$0, Slug.make($0)] })
        let roles = DeviceRole.allCases.filter { r in devices.contains { $0.1.role == r } }
        add("device-roles.csv", "Devices → Device Roles → Import", ["name", "slug", "color"],
            roles.map { [NetBoxMapping.roleNames[$0]!, $0.rawValue, NetBoxMapping.roleColors[$0]!] })
        var types: [String: (String, String)] = [:]
        for (_, d) in devices where !d.vendor.isEmpty && !d.model.isEmpty { types[d.vendor + "\u{0}" + d.model] = (d.vendor, d.model) }
        add("device-types.csv", "Devices → Device Types → Import", ["manufacturer", "model", "slug", "u_height"],
            types.keys.sorted().map { k in let (v, m) = types[k]!; return [v, m, Slug.make(m), "1"] })

        let kinds = SegmentKind.allCases.filter { k in inventory.segments.contains { $0.kind == k } }
        add("ipam-roles.csv", "IPAM → Prefix & VLAN Roles → Import", ["name", "slug", "weight"],
            kinds.map { [NetBoxMapping.segmentRoleNames[$0]!, $0.rawValue, "1000"] })
        var vlanRows: [[String]] = []
        var prefixRows: [[String]] = []
        var vlanSeen = Set<String>()
        for file in inventory.agencyFiles {
            for s in file.segments {
                let site = siteName[s.site] ?? ""
                if let vid = s.vlan, vlanSeen.insert(site + "\u{0}\(vid)").inserted {
                    vlanRows.append([site, String(vid), s.id, file.agency.name, "active", NetBoxMapping.segmentRoleNames[s.kind]!, s.name])
                }
                for p in s.ipv4 + s.ipv6 {
                    prefixRows.append([p.description, file.agency.name, s.vlan == nil ? "" : site, s.vlan.map(String.init) ?? "", "active",
                                       NetBoxMapping.segmentRoleNames[s.kind]!, s.name])
                }
            }
        }
        add("vlans.csv", "IPAM → VLANs → Import", ["site", "vid", "name", "tenant", "status", "role", "description"], vlanRows)
        add("prefixes.csv", "IPAM → Prefixes → Import", ["prefix", "tenant", "vlan_site", "vlan", "status", "role", "description"], prefixRows)

        add("devices.csv", "Devices → Devices → Import",
            ["name", "role", "tenant", "manufacturer", "device_type", "platform", "status", "site", "description", "comments",
             "cf_firmware_version", "cf_criticality", "cf_owner", "cf_segment"],
            devices.map { agency, d in
                let site = segments[d.segment].flatMap { siteName[$0.site] } ?? ""
                if d.vendor.isEmpty || d.model.isEmpty {
                    notes.append("device \(quoted(d.id)): no vendor or model; NetBox requires a device type, so this row will not import until one is set")
                }
                return [d.id, NetBoxMapping.roleNames[d.role]!, agencyName[agency] ?? agency, d.vendor, d.model, d.os ?? "", "active", site,
                        d.name, d.notes ?? "", d.version ?? "", d.criticality.rawValue, d.owner ?? "", d.segment]
            })
        add("interfaces.csv", "Devices → Interfaces → Import", ["device", "name", "type", "description"],
            devices.filter { !$0.1.ipv4.isEmpty || !$0.1.ipv6.isEmpty }.map { [$0.1.id, interfaceName, "virtual", "Addresses from the v6ready inventory"] })

        // Primary addresses last: NetBox sets (or, with an empty is_primary, clears) the device's primary IP per row.
        var others: [[String]] = [], primaries: [[String]] = []
        for (agency, d) in devices {
            let segment = segments[d.segment]
            for family in [AddressFamily.v4, .v6] {
                for (i, a) in d.addresses(family).enumerated() {
                    let length = segment?.prefixes(family).first { $0.contains(a) }?.length ?? family.bitWidth
                    let row = ["\(a)/\(length)", agencyName[agency] ?? agency, "active", "", d.id, interfaceName, i == 0 ? "true" : ""]
                    if i == 0 { primaries.append(row) } else { others.append(row) }
                }
            }
        }
        // A service address that is not its device's own (a load balancer's VIP) is assigned to the device with
        // role vip: NetBox wants a service's addresses on its parent, and the import keeps it off the device.
        let deviceByID = Dictionary(devices.map { ($0.1.id, $0.1) }, uniquingKeysWith: { a, _ in a })
        var vips: [[String]] = []
        var vipSeen = Set<IPAddress>()
        for file in inventory.agencyFiles {
            for s in file.services {
                guard let hostID = s.device, let host = deviceByID[hostID] else { continue }
                for a in s.ipv4 + s.ipv6 where !host.ipv4.contains(a) && !host.ipv6.contains(a) && vipSeen.insert(a).inserted {
                    let length = segments[host.segment]?.prefixes(a.family).first { $0.contains(a) }?.length ?? a.family.bitWidth
                    vips.append(["\(a)/\(length)", agencyName[file.agency.id] ?? file.agency.id, "active", "vip", hostID, interfaceName, ""])
                }
            }
        }
        add("ip-addresses.csv", "IPAM → IP Addresses → Import", ["address", "tenant", "status", "role", "device", "interface", "is_primary"],
            others + vips + primaries)

        var serviceRows: [[String]] = []
        for file in inventory.agencyFiles {
            for s in file.services {
                guard let hostID = s.device, let host = deviceByID[hostID] else {
                    notes.append("service \(quoted(s.id)): no host device; NetBox services belong to a device, so it is not exported")
                    continue
                }
                let segment = segments[host.segment]
                var listed: [String] = []
                for a in s.ipv4 + s.ipv6 {
                    let length = segment?.prefixes(a.family).first { $0.contains(a) }?.length ?? a.family.bitWidth
                    listed.append("\(a)/\(length)")
                }
                serviceRows.append(["dcim.device", hostID, s.id, s.kind == .dns ? "udp" : "tcp", s.ports.map(String.init).joined(separator: ","),
                                    listed.joined(separator: ","), s.name, s.notes ?? "", s.kind.rawValue, s.audience.rawValue,
                                    s.hostname ?? "", s.category ?? "", file.agency.id])
            }
        }
        add("services.csv", "IPAM → Services → Import",
            ["parent_object_type", "parent", "name", "protocol", "ports", "ipaddresses", "description", "comments",
             "cf_service_kind", "cf_audience", "cf_hostname", "cf_category", "cf_agency"], serviceRows)
        return (files, notes)
    }
}
