/// Reads NetBox files: REST API list responses (`curl .../api/dcim/devices/?limit=0 > devices.json`), the CSV files its
/// bulk import takes (and `v6ready inventory netbox-export` writes), and the CSV its tables export. Which object type a
/// file holds is told by its content, else by its name. Pure: the caller reads the bytes.
public enum NetBoxReader {
    /// Reads one file. `name` is its file name (for messages and to guess its kind).
    public static func read(_ bytes: [UInt8], name: String) -> Result<NetBoxData, ValidationFailure> {
        // Interfaces, device types, ... carry nothing the inventory needs (their content is in the device rows);
        // not even parsed, as NetBox's interface list is large.
        if auxiliaryFiles.contains(fileStem(name)) { return .success(NetBoxData()) }
        var body = bytes[...]
        if body.starts(with: CSV.byteOrderMark) { body = body.dropFirst(3) }
        let firstByte = body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[") || name.lowercased().hasSuffix(".json") {
            return readJSON(Array(body), name: name)
        }
        return readCSV(Array(body), name: name)
    }

    /// The kind a file name suggests: `devices.json`, `ip-addresses.csv`, `dcim_devices.csv`, ...
    public static func kind(fromFileName name: String) -> NetBoxKind? {
        let stem = (name.split(separator: "/").last.map(String.init) ?? name).lowercased()
            .split(separator: ".").first.map(String.init) ?? ""
        let words = Slug.make(stem.replacingUnderscores())
        let table: [(String, NetBoxKind)] = [
            ("ip-addresses", .ipAddresses), ("ipaddresses", .ipAddresses), ("ip-address", .ipAddresses),
            ("devices", .devices), ("device", .devices), ("prefixes", .prefixes), ("prefix", .prefixes),
            ("services", .services), ("service", .services), ("tenants", .tenants), ("tenant", .tenants),
            ("sites", .sites), ("site", .sites), ("vlans", .vlans), ("vlan", .vlans),
        ]
        for (suffix, kind) in table where words == suffix || words.hasSuffix("-" + suffix) { return kind }
        return nil
    }

    /// Files v6ready's own NetBox export writes that carry nothing the inventory needs.
    public static let auxiliaryFiles: Set<String> = ["manufacturers", "device-types", "device-roles", "platforms", "ipam-roles",
                                                     "interfaces", "custom-fields", "customfields", "tags"]

    // MARK: - JSON

    static func readJSON(_ bytes: [UInt8], name: String) -> Result<NetBoxData, ValidationFailure> {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes, recordLines: false).value } catch {
            return .failure(ValidationFailure([Diagnostic(file: "netbox \(name)", line: error.line, message: "\(error.message) (column \(error.column))")]))
        }
        var data = NetBoxData()
        let results: [JSONValue]
        var count: Int?
        if let array = value.arrayValue {
            results = array
        } else if let array = value["results"]?.arrayValue {
            results = array
            if let member = value["count"] {
                // NetBox's counts are small whole numbers; anything else (1e19, -1, 2.5) is not NetBox's.
                guard let n = integer(member), n >= 0 else {
                    return .failure(ValidationFailure([Diagnostic(file: "netbox \(name)", message: "count: \(JSONWriter.compact(member)) is not a count of results")]))
                }
                count = n
            }
        } else {
            return .failure(ValidationFailure([Diagnostic(file: "netbox \(name)",
                message: "not a NetBox list response: expected {\"count\": N, \"results\": [...]} (e.g. curl -H 'Authorization: Token ...' https://netbox/api/dcim/devices/?limit=0)")]))
        }
        let kind = results.first.flatMap(kindOfJSON) ?? kind(fromFileName: name)
        guard let kind else {
            if results.isEmpty || auxiliaryFiles.contains(fileStem(name)) { return .success(data) }
            return .failure(ValidationFailure([Diagnostic(file: "netbox \(name)",
                message: "cannot tell which NetBox objects these are (devices, ip-addresses, prefixes, services, sites, tenants, vlans); name the file after them, e.g. devices.json")]))
        }
        data.kindsRead.insert(kind)
        if let count {
            data.pages.append(NetBoxPage(file: name, kind: kind, count: count, results: results.count,
                                         ids: results.compactMap { integer($0["id"]) }, next: value["next"]?.stringValue))
        }
        var problems: [Diagnostic] = []
        for (i, item) in results.enumerated() {
            guard item.objectValue != nil else {
                problems.append(Diagnostic(file: "netbox \(name)", message: "results[\(i)]: expected an object, found \(item.typeName)"))
                continue
            }
            let label = (item["name"]?.stringValue ?? item["address"]?.stringValue ?? item["prefix"]?.stringValue ?? item["display"]?.stringValue)
            let field = item["name"] != nil ? "name" : item["address"] != nil ? "address" : item["prefix"] != nil ? "prefix" : "display"
            let source = NetBoxSource(file: name, index: i, label: label.map { "\(field) \(quoted($0))" })
            func missing(_ what: String) { problems.append(Diagnostic(file: source.description, message: "\(what) is missing")) }
            switch kind {
            case .tenants:
                guard let n = item["name"]?.stringValue else { missing("name"); continue }
                data.tenants.append(NetBoxTenant(source: source, name: n, slug: item["slug"]?.stringValue, description: nonEmpty(item["description"])))
            case .sites:
                guard let n = item["name"]?.stringValue else { missing("name"); continue }
                data.sites.append(NetBoxSite(source: source, name: n, slug: item["slug"]?.stringValue, tenant: ref(item["tenant"]),
                                             description: nonEmpty(item["description"]), physicalAddress: nonEmpty(item["physical_address"])))
            case .devices:
                guard let n = item["name"]?.stringValue, !n.isEmpty else { missing("name (an unnamed device cannot become an inventory record)"); continue }
                let custom = item["custom_fields"]
                var device = NetBoxDevice(
                    source: source, name: n, role: ref(item["role"] ?? item["device_role"]) ?? NetBoxRef(),
                    tenant: ref(item["tenant"]), site: ref(item["site"]),
                    manufacturer: item["device_type"]?["manufacturer"].flatMap(ref)?.name,
                    model: item["device_type"]?["model"]?.stringValue,
                    platform: ref(item["platform"])?.name, status: choice(item["status"]),
                    description: nonEmpty(item["description"]), comments: nonEmpty(item["comments"]),
                    primaryIPv4: ipText(item["primary_ip4"]), primaryIPv6: ipText(item["primary_ip6"]),
                    firmwareVersion: customField(custom, ["firmware_version", "sw_version", "software_version", "os_version", "firmware"]),
                    criticality: customField(custom, ["criticality"]), owner: customField(custom, ["owner"]),
                    segment: customField(custom, ["segment"]))
                device.carried = carriedByREST(custom, [
                    .firmwareVersion: ["firmware_version", "sw_version", "software_version", "os_version", "firmware"],
                    .criticality: ["criticality"], .owner: ["owner"], .segment: ["segment"],
                ]).subtracting([.primaryIP])
                data.devices.append(device)
            case .ipAddresses:
                guard let a = item["address"]?.stringValue else { missing("address"); continue }
                let assigned = item["assigned_object"]
                let device = assigned?["device"].flatMap(ref)?.name
                data.ipAddresses.append(NetBoxIPAddress(source: source, address: a, device: device,
                                                        interface: assigned?["name"]?.stringValue, isPrimary: nil,
                                                        tenant: ref(item["tenant"]), status: choice(item["status"]), role: choice(item["role"])))
            case .prefixes:
                guard let p = item["prefix"]?.stringValue else { missing("prefix"); continue }
                // NetBox 4.2+ scopes a prefix (`scope_type` dcim.site and `scope`); before, it had a `site`.
                var site = ref(item["site"])
                if site == nil, item["scope_type"]?.stringValue == "dcim.site" { site = ref(item["scope"]) }
                let vlan = item["vlan"]
                data.prefixes.append(NetBoxPrefix(source: source, prefix: p, tenant: ref(item["tenant"]), site: site,
                                                  vlanID: integer(vlan?["id"]), vlanVID: vlanNumber(vlan?["vid"]),
                                                  vlanName: vlan?["name"]?.stringValue, vlanSite: nil,
                                                  role: ref(item["role"]), status: choice(item["status"]),
                                                  description: nonEmpty(item["description"])))
            case .vlans:
                guard let vid = vlanNumber(item["vid"]), let n = item["name"]?.stringValue else {
                    if let v = item["vid"], v.doubleValue != nil {
                        problems.append(Diagnostic(file: source.description, message: "vid: \(JSONWriter.compact(v)) is not a VLAN id (1-4094)"))
                    } else { missing("vid or name") }
                    continue
                }
                data.vlans.append(NetBoxVLAN(source: source, id: integer(item["id"]), vid: vid, name: n, site: ref(item["site"]),
                                             group: ref(item["group"]), tenant: ref(item["tenant"]), description: nonEmpty(item["description"])))
            case .services:
                guard let n = item["name"]?.stringValue else { missing("name"); continue }
                let parentIsDevice = item["parent_object_type"].map { $0.stringValue == "dcim.device" } ?? true
                let device = parentIsDevice ? (ref(item["parent"]) ?? ref(item["device"]))?.name : nil
                let custom = item["custom_fields"]
                var service = NetBoxService(
                    source: source, device: device, name: n, protocolName: choice(item["protocol"]),
                    ports: (item["ports"]?.arrayValue ?? []).compactMap { integer($0).flatMap { (0...65535).contains($0) ? $0 : nil } },
                    ipAddresses: (item["ipaddresses"]?.arrayValue ?? []).compactMap(ipText),
                    description: nonEmpty(item["description"]), comments: nonEmpty(item["comments"]),
                    kind: customField(custom, ["service_kind"]), audience: customField(custom, ["audience"]),
                    hostname: customField(custom, ["hostname"]), category: customField(custom, ["category"]),
                    agency: customField(custom, ["agency"]))
                service.carried = carriedByREST(custom, [
                    .kind: ["service_kind"], .audience: ["audience"], .hostname: ["hostname"], .category: ["category"], .agency: ["agency"],
                ])
                data.services.append(service)
            }
        }
        if !problems.isEmpty { return .failure(ValidationFailure(problems)) }
        return .success(data)
    }

    /// A REST object carries every standard field; a custom field only where that NetBox defines it (the key is in
    /// `custom_fields`, even with a null value).
    static func carriedByREST(_ custom: JSONValue?, _ customFields: [NetBoxField: [String]]) -> Set<NetBoxField> {
        var carried = Set(NetBoxField.allCases)
        for (field, names) in customFields where !names.contains(where: { custom?[$0] != nil }) { carried.remove(field) }
        return carried
    }

    /// A whole number NetBox could have written (an id, a count, a port): finite, integral, and within ±2^53 so the
    /// conversion can neither trap (`1e19`, `1e999`) nor round.
    static func integer(_ value: JSONValue?) -> Int? {
        guard let d = value?.doubleValue, d.isFinite, d == d.rounded(), abs(d) <= 9_007_199_254_740_992 else { return nil }
        return Int(d)
    }

    /// A VLAN id: 1–4094 (0 and 4095 are reserved by 802.1Q).
    static func vlanNumber(_ value: JSONValue?) -> Int? {
        integer(value).flatMap { (1...4094).contains($0) ? $0 : nil }
    }

    static func kindOfJSON(_ o: JSONValue) -> NetBoxKind? {
        if o["device_type"] != nil { return .devices }
        if o["prefix"] != nil { return .prefixes }
        if o["ports"] != nil, o["protocol"] != nil { return .services }
        if o["address"] != nil, o["assigned_object_type"] != nil || o["dns_name"] != nil || o["family"] != nil { return .ipAddresses }
        if o["vid"] != nil { return .vlans }
        if o["slug"] != nil, o["physical_address"] != nil || o["facility"] != nil || o["time_zone"] != nil || o["region"] != nil { return .sites }
        return nil
    }

    static func ref(_ value: JSONValue?) -> NetBoxRef? {
        guard let value else { return nil }
        switch value {
        case let .string(s): return s.isEmpty ? nil : NetBoxRef(name: s)
        case .object:
            let r = NetBoxRef(name: value["name"]?.stringValue ?? value["display"]?.stringValue, slug: value["slug"]?.stringValue)
            return r.isEmpty ? nil : r
        default: return nil
        }
    }

    /// A status or protocol: `{"value": "active", "label": "Active"}` in the API, a word in CSV.
    static func choice(_ value: JSONValue?) -> String? {
        if let s = value?.stringValue { return s.isEmpty ? nil : s }
        return value?["value"]?.stringValue
    }

    static func ipText(_ value: JSONValue?) -> String? {
        if let s = value?.stringValue { return s.isEmpty ? nil : s }
        return value?["address"]?.stringValue
    }

    static func nonEmpty(_ value: JSONValue?) -> String? {
        guard let s = value?.stringValue?.trimmingSpaces(), !s.isEmpty else { return nil }
        return s
    }

    static func customField(_ fields: JSONValue?, _ names: [String]) -> String? {
        for n in names {
            if let v = fields?[n] {
                if let s = v.stringValue, !s.isEmpty { return s }
                if let d = v.doubleValue { return JSONWriter.formatNumber(d) }
            }
        }
        return nil
    }

    // MARK: - CSV

    /// `dcim_devices.csv` → `dcim-devices`, `netbox/ip-addresses.json` → `ip-addresses`.
    static func fileStem(_ name: String) -> String {
        Slug.make(((name.split(separator: "/").last.map(String.init) ?? name).split(separator: ".").first.map(String.init) ?? "").replacingUnderscores())
    }

    /// The columns a CSV may head a field with: NetBox's import names, its table headers ("Current view"/"All data"
    /// show display names: `Type`, `IPv4 Address`), and for custom fields `cf_NAME`, `NAME` or the field's label.
    static let deviceColumns: [(NetBoxField, [String])] = [
        (.name, ["name"]), (.description, ["description"]), (.comments, ["comments"]), (.role, ["role", "device_role"]),
        (.tenant, ["tenant"]), (.site, ["site"]), (.manufacturer, ["manufacturer"]), (.model, ["device_type", "type", "model"]),
        (.platform, ["platform"]), (.status, ["status"]),
        (.primaryIPv4, ["primary_ip4", "primary_ipv4", "ipv4_address"]), (.primaryIPv6, ["primary_ip6", "primary_ipv6", "ipv6_address"]),
        (.primaryIP, ["ip_address", "primary_ip"]),
    ] + customColumns([.firmwareVersion, .criticality, .owner, .segment]) + [
        (.firmwareVersion, ["cf_sw_version", "cf_software_version", "cf_os_version", "sw_version", "software_version"]),
    ]

    static let serviceColumns: [(NetBoxField, [String])] = [
        (.name, ["name"]), (.description, ["description"]), (.comments, ["comments"]), (.device, ["parent", "device"]),
        (.ports, ["ports"]), (.protocolName, ["protocol"]), (.ipAddresses, ["ipaddresses", "ip_addresses"]),
    ] + customColumns([.kind, .audience, .hostname, .category, .agency])

    /// `cf_service_kind`, `service_kind` and `service_kind` again from its label `Service kind`; `Host name` → hostname.
    static func customColumns(_ fields: [NetBoxField]) -> [(NetBoxField, [String])] {
        fields.compactMap { field in
            guard let cf = NetBoxExport.customFields.first(where: { $0.field == field }) else { return nil }
            return (field, ["cf_" + cf.name, cf.name, normalizeHeader(cf.label)])
        }
    }

    static func readCSV(_ bytes: [UInt8], name: String) -> Result<NetBoxData, ValidationFailure> {
        let rows: [CSVRow]
        do { rows = try CSV.parse(bytes) } catch {
            return .failure(ValidationFailure([Diagnostic(file: "netbox \(name)", line: error.line, message: error.message)]))
        }
        var data = NetBoxData()
        guard let header = rows.first else { return .success(data) }
        let columns = header.fields.map(normalizeHeader)
        // The other files of a NetBox export (manufacturers, device types, interfaces, ...) carry nothing the
        // inventory needs: their content is in the device rows.
        if auxiliaryFiles.contains(fileStem(name)) { return .success(data) }
        guard let kind = kind(fromFileName: name) ?? kindOfCSV(Set(columns)) else {
            return .failure(ValidationFailure([Diagnostic(file: "netbox \(name)", line: header.line,
                message: "cannot tell which NetBox objects these columns describe (\(header.fields.joined(separator: ", "))); name the file after them, e.g. devices.csv")]))
        }
        data.kindsRead.insert(kind)
        func carried(_ table: [(NetBoxField, [String])]) -> Set<NetBoxField> {
            Set(table.filter { _, names in names.contains(where: columns.contains) }.map(\.0))
        }
        func names(_ table: [(NetBoxField, [String])], _ field: NetBoxField) -> [String] {
            table.filter { $0.0 == field }.flatMap(\.1)
        }
        var problems: [Diagnostic] = []
        for row in rows.dropFirst() where !row.fields.allSatisfy({ $0.trimmingSpaces().isEmpty }) {
            func cell(_ names: [String]) -> String? {
                for n in names {
                    if let i = columns.firstIndex(of: n), i < row.fields.count {
                        let v = row.fields[i].trimmingSpaces()
                        if !v.isEmpty { return v }
                    }
                }
                return nil
            }
            func cell(_ names: String...) -> String? { cell(names) }
            func device(_ field: NetBoxField) -> String? { cell(names(deviceColumns, field)) }
            func service(_ field: NetBoxField) -> String? { cell(names(serviceColumns, field)) }
            let label = cell("name").map { "name \(quoted($0))" } ?? cell("address", "ip_address").map { "address \(quoted($0))" }
                ?? cell("prefix").map { "prefix \(quoted($0))" }
            let source = NetBoxSource(file: name, line: row.line, label: label)
            func missing(_ what: String) { problems.append(Diagnostic(file: source.description, message: "\(what) is empty")) }
            func named(_ text: String?) -> NetBoxRef? { text.map { NetBoxRef(name: $0) } }
            switch kind {
            case .tenants:
                guard let n = cell("name") else { missing("name"); continue }
                data.tenants.append(NetBoxTenant(source: source, name: n, slug: cell("slug"), description: cell("description")))
            case .sites:
                guard let n = cell("name") else { missing("name"); continue }
                data.sites.append(NetBoxSite(source: source, name: n, slug: cell("slug"), tenant: named(cell("tenant")),
                                             description: cell("description"), physicalAddress: cell("physical_address")))
            case .devices:
                guard let n = device(.name) else { missing("name"); continue }
                var v4 = device(.primaryIPv4), v6 = device(.primaryIPv6)
                // A table export's single `IP Address` is the primary IP: IPv6 for a dual-stack device (unless
                // NetBox prefers IPv4). It is one of the device's addresses, never the whole list.
                if let ip = device(.primaryIP) {
                    if ip.contains(":") { v6 = v6 ?? ip } else { v4 = v4 ?? ip }
                }
                var record = NetBoxDevice(
                    source: source, name: n, role: NetBoxRef(name: device(.role)),
                    tenant: named(device(.tenant)), site: named(device(.site)),
                    manufacturer: device(.manufacturer), model: device(.model), platform: device(.platform),
                    status: device(.status), description: device(.description), comments: device(.comments),
                    primaryIPv4: v4, primaryIPv6: v6,
                    firmwareVersion: device(.firmwareVersion), criticality: device(.criticality), owner: device(.owner),
                    segment: device(.segment))
                record.carried = carried(deviceColumns)
                data.devices.append(record)
            case .ipAddresses:
                guard let a = cell("address", "ip_address") else { missing("address"); continue }
                let primary = cell("is_primary").map { ["true", "yes", "1", "✔", "✓"].contains($0.lowercased()) }
                // The bulk-import names (`device`, `interface`); a table export's `Parent` and `Interface`.
                data.ipAddresses.append(NetBoxIPAddress(source: source, address: a, device: cell("device", "parent", "assigned_object_parent"),
                                                        interface: cell("interface", "assigned_object"), isPrimary: primary,
                                                        tenant: named(cell("tenant")), status: cell("status"), role: cell("role")?.lowercased()))
            case .prefixes:
                guard let p = cell("prefix") else { missing("prefix"); continue }
                let vlan = cell("vlan").map(parseVLAN)
                // The import's `scope` is an id (with `scope_type`); a table's `Scope` (or `Site`) names the site.
                let scopeType = cell("scope_type")?.lowercased()
                var site = cell("site")
                if site == nil, let scope = cell("scope"), scopeType == nil || scopeType == "dcim.site" || scopeType!.hasSuffix("site"),
                   Int(scope) == nil { site = scope }
                data.prefixes.append(NetBoxPrefix(source: source, prefix: p, tenant: named(cell("tenant")),
                                                  site: named(site), vlanVID: vlan?.vid, vlanName: vlan?.name,
                                                  vlanSite: cell("vlan_site"), vlanGroup: cell("vlan_group"),
                                                  role: named(cell("role")), status: cell("status"), description: cell("description")))
            case .vlans:
                guard let vidText = cell("vid"), let n = cell("name") else { missing("vid or name"); continue }
                guard let vid = Int(vidText), (1...4094).contains(vid) else {
                    problems.append(Diagnostic(file: source.description, message: "vid: \(quoted(vidText)) is not a VLAN id (1-4094)")); continue
                }
                data.vlans.append(NetBoxVLAN(source: source, vid: vid, name: n, site: named(cell("site")), group: named(cell("group")),
                                             tenant: named(cell("tenant")), description: cell("description")))
            case .services:
                guard let n = service(.name) else { missing("name"); continue }
                if let type = cell("parent_object_type"), type != "dcim.device" {
                    data.notes.append("\(source): its parent is a \(type), not a device; skipped")
                    continue
                }
                let ports = (service(.ports) ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Int($0) }
                let addresses = (service(.ipAddresses) ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
                var record = NetBoxService(
                    source: source, device: service(.device), name: n, protocolName: service(.protocolName)?.lowercased(),
                    ports: ports.filter { (0...65535).contains($0) }, ipAddresses: addresses,
                    description: service(.description), comments: service(.comments),
                    kind: service(.kind), audience: service(.audience), hostname: service(.hostname), category: service(.category),
                    agency: service(.agency))
                record.carried = carried(serviceColumns)
                data.services.append(record)
            }
        }
        if !problems.isEmpty { return .failure(ValidationFailure(problems)) }
        return .success(data)
    }

    /// `Name` → `name`, `Primary IPv4` → `primary_ipv4`, `Device Type` → `device_type`, `Host name` → `host_name`.
    static func normalizeHeader(_ text: String) -> String {
        text.trimmingSpaces().lowercased().split(whereSeparator: { $0 == " " || $0 == "-" }).joined(separator: "_")
    }

    static func kindOfCSV(_ columns: Set<String>) -> NetBoxKind? {
        if columns.contains("device_type") || (columns.contains("type") && columns.contains("role") && columns.contains("manufacturer")) { return .devices }
        if columns.contains("prefix") { return .prefixes }
        if columns.contains("ports") && columns.contains("protocol") { return .services }
        if columns.contains("address") || columns.contains("ip_address") { return .ipAddresses }
        if columns.contains("vid") { return .vlans }
        return nil
    }

    /// A VLAN as CSV files show it: `10` (the import's VID), `a-lan (10)` (how NetBox's tables and its VLAN's name
    /// read), `10 (a-lan)`, or a bare name.
    static func parseVLAN(_ text: String) -> (vid: Int?, name: String?) {
        let t = text.trimmingSpaces()
        if let vid = Int(t) { return ((1...4094).contains(vid) ? vid : nil, nil) }
        if t.hasSuffix(")"), let open = t.lastIndex(of: "(") {
            let inner = String(t[t.index(after: open)..<t.index(before: t.endIndex)]).trimmingSpaces()
            let outer = String(t[..<open]).trimmingSpaces()
            if let vid = Int(inner), (1...4094).contains(vid) { return (vid, outer.isEmpty ? nil : outer) }
            if let vid = Int(outer), (1...4094).contains(vid) { return (vid, inner.isEmpty ? nil : inner) }
        }
        return (nil, t.isEmpty ? nil : t)
    }
}

extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}
