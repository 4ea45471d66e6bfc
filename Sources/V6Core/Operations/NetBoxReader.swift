/// Reads NetBox files: REST API list responses (`curl .../api/dcim/devices/?limit=0 > devices.json`), the CSV files its
/// bulk import takes (and `v6ready inventory netbox-export` writes), and the CSV its tables export. Which object type a
/// file holds is told by its content, else by its name. Pure: the caller reads the bytes.
public enum NetBoxReader {
    /// Reads one file. `name` is its file name (for messages and to guess its kind).
    public static func read(_ bytes: [UInt8], name: String) -> Result<NetBoxData, ValidationFailure> {
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
        if let array = value.arrayValue {
            results = array
        } else if let array = value["results"]?.arrayValue {
            results = array
            if let count = value["count"]?.doubleValue, Int(count) > array.count {
                data.notes.append("netbox \(name): holds \(array.count) of \(Int(count)) results (a paginated response); fetch with ?limit=0, or pass every page")
            }
        } else {
            return .failure(ValidationFailure([Diagnostic(file: "netbox \(name)",
                message: "not a NetBox list response: expected {\"count\": N, \"results\": [...]} (e.g. curl -H 'Authorization: Token ...' https://netbox/api/dcim/devices/?limit=0)")]))
        }
        let kind = results.first.flatMap(kindOfJSON) ?? kind(fromFileName: name)
        guard let kind else {
            if results.isEmpty { return .success(data) }
            return .failure(ValidationFailure([Diagnostic(file: "netbox \(name)",
                message: "cannot tell which NetBox objects these are (devices, ip-addresses, prefixes, services, sites, tenants, vlans); name the file after them, e.g. devices.json")]))
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
                data.devices.append(NetBoxDevice(
                    source: source, name: n, role: ref(item["role"] ?? item["device_role"]) ?? NetBoxRef(),
                    tenant: ref(item["tenant"]), site: ref(item["site"]),
                    manufacturer: item["device_type"]?["manufacturer"].flatMap(ref)?.name,
                    model: item["device_type"]?["model"]?.stringValue,
                    platform: ref(item["platform"])?.name, status: choice(item["status"]),
                    description: nonEmpty(item["description"]), comments: nonEmpty(item["comments"]),
                    primaryIPv4: ipText(item["primary_ip4"]), primaryIPv6: ipText(item["primary_ip6"]),
                    firmwareVersion: customField(custom, ["firmware_version", "sw_version", "software_version", "os_version", "firmware"]),
                    criticality: customField(custom, ["criticality"]), owner: customField(custom, ["owner"]),
                    segment: customField(custom, ["segment"])))
            case .ipAddresses:
                guard let a = item["address"]?.stringValue else { missing("address"); continue }
                let assigned = item["assigned_object"]
                let device = assigned?["device"].flatMap(ref)?.name
                data.ipAddresses.append(NetBoxIPAddress(source: source, address: a, device: device,
                                                        interface: assigned?["name"]?.stringValue, isPrimary: nil,
                                                        tenant: ref(item["tenant"]), status: choice(item["status"]), role: choice(item["role"])))
            case .prefixes:
                guard let p = item["prefix"]?.stringValue else { missing("prefix"); continue }
                var site = ref(item["site"])
                if site == nil, item["scope_type"]?.stringValue == "dcim.site" { site = ref(item["scope"]) }
                let vlan = item["vlan"]
                data.prefixes.append(NetBoxPrefix(source: source, prefix: p, tenant: ref(item["tenant"]), site: site,
                                                  vlanVID: vlan?["vid"]?.doubleValue.map { Int($0) }, vlanName: vlan?["name"]?.stringValue,
                                                  vlanSite: nil, role: ref(item["role"]), status: choice(item["status"]),
                                                  description: nonEmpty(item["description"])))
            case .vlans:
                guard let vid = item["vid"]?.doubleValue, let n = item["name"]?.stringValue else { missing("vid or name"); continue }
                data.vlans.append(NetBoxVLAN(source: source, vid: Int(vid), name: n, site: ref(item["site"]), tenant: ref(item["tenant"]),
                                             description: nonEmpty(item["description"])))
            case .services:
                guard let n = item["name"]?.stringValue else { missing("name"); continue }
                let parentIsDevice = item["parent_object_type"].map { $0.stringValue == "dcim.device" } ?? true
                let device = parentIsDevice ? (ref(item["parent"]) ?? ref(item["device"]))?.name : nil
                let custom = item["custom_fields"]
                data.services.append(NetBoxService(
                    source: source, device: device, name: n, protocolName: choice(item["protocol"]),
                    ports: (item["ports"]?.arrayValue ?? []).compactMap { $0.doubleValue.map { Int($0) } },
                    ipAddresses: (item["ipaddresses"]?.arrayValue ?? []).compactMap(ipText),
                    description: nonEmpty(item["description"]), comments: nonEmpty(item["comments"]),
                    kind: customField(custom, ["service_kind"]), audience: customField(custom, ["audience"]),
                    hostname: customField(custom, ["hostname"]), category: customField(custom, ["category"]),
                    agency: customField(custom, ["agency"])))
            }
        }
        if !problems.isEmpty { return .failure(ValidationFailure(problems)) }
        return .success(data)
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

    static func readCSV(_ bytes: [UInt8], name: String) -> Result<NetBoxData, ValidationFailure> {
        let rows: [CSVRow]
        do { rows = try CSV.parse(bytes) } catch {
            return .failure(ValidationFailure([Diagnostic(file: "netbox \(name)", line: error.line, message: error.message)]))
        }
        var data = NetBoxData()
        guard let header = rows.first else { return .success(data) }
        let columns = header.fields.map(normalizeHeader)
        let stem = Slug.make(((name.split(separator: "/").last.map(String.init) ?? name).split(separator: ".").first.map(String.init) ?? "").replacingUnderscores())
        // The other files of a NetBox export (manufacturers, device types, interfaces, ...) carry nothing the
        // inventory needs: their content is in the device rows.
        if auxiliaryFiles.contains(stem) { return .success(data) }
        guard let kind = kind(fromFileName: name) ?? kindOfCSV(Set(columns)) else {
            return .failure(ValidationFailure([Diagnostic(file: "netbox \(name)", line: header.line,
                message: "cannot tell which NetBox objects these columns describe (\(header.fields.joined(separator: ", "))); name the file after them, e.g. devices.csv")]))
        }
        var problems: [Diagnostic] = []
        for row in rows.dropFirst() where !row.fields.allSatisfy({ $0.trimmingSpaces().isEmpty }) {
            func cell(_ names: String...) -> String? {
                for n in names {
                    if let i = columns.firstIndex(of: n), i < row.fields.count {
                        let v = row.fields[i].trimmingSpaces()
                        if !v.isEmpty { return v }
                    }
                }
                return nil
            }
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
                guard let n = cell("name") else { missing("name"); continue }
                var v4 = cell("primary_ip4", "primary_ipv4"), v6 = cell("primary_ip6", "primary_ipv6")
                if let ip = cell("ip_address", "primary_ip") {
                    if ip.contains(":") { v6 = v6 ?? ip } else { v4 = v4 ?? ip }
                }
                data.devices.append(NetBoxDevice(
                    source: source, name: n, role: NetBoxRef(name: cell("role", "device_role")),
                    tenant: named(cell("tenant")), site: named(cell("site")),
                    manufacturer: cell("manufacturer"), model: cell("device_type", "type", "model"), platform: cell("platform"),
                    status: cell("status"), description: cell("description"), comments: cell("comments"),
                    primaryIPv4: v4, primaryIPv6: v6,
                    firmwareVersion: cell("cf_firmware_version", "firmware_version", "cf_sw_version", "cf_software_version", "cf_os_version"),
                    criticality: cell("cf_criticality", "criticality"), owner: cell("cf_owner", "owner"), segment: cell("cf_segment")))
            case .ipAddresses:
                guard let a = cell("address", "ip_address") else { missing("address"); continue }
                let primary = cell("is_primary").map { ["true", "yes", "1", "✔", "✓"].contains($0.lowercased()) }
                data.ipAddresses.append(NetBoxIPAddress(source: source, address: a, device: cell("device", "parent"),
                                                        interface: cell("interface"), isPrimary: primary,
                                                        tenant: named(cell("tenant")), status: cell("status"), role: cell("role")?.lowercased()))
            case .prefixes:
                guard let p = cell("prefix") else { missing("prefix"); continue }
                let vlanText = cell("vlan")
                let vid = vlanText.flatMap { Int($0) } ?? vlanText.flatMap(leadingVID)
                data.prefixes.append(NetBoxPrefix(source: source, prefix: p, tenant: named(cell("tenant")),
                                                  site: named(cell("site", "scope")), vlanVID: vid, vlanName: nil,
                                                  vlanSite: cell("vlan_site"), role: named(cell("role")), status: cell("status"),
                                                  description: cell("description")))
            case .vlans:
                guard let vidText = cell("vid"), let vid = Int(vidText), let n = cell("name") else { missing("vid or name"); continue }
                data.vlans.append(NetBoxVLAN(source: source, vid: vid, name: n, site: named(cell("site")), tenant: named(cell("tenant")),
                                             description: cell("description")))
            case .services:
                guard let n = cell("name") else { missing("name"); continue }
                if let type = cell("parent_object_type"), type != "dcim.device" {
                    data.notes.append("\(source): its parent is a \(type), not a device; skipped")
                    continue
                }
                let ports = (cell("ports") ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Int($0) }
                let addresses = (cell("ipaddresses", "ip_addresses") ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
                data.services.append(NetBoxService(
                    source: source, device: cell("parent", "device"), name: n, protocolName: cell("protocol")?.lowercased(),
                    ports: ports, ipAddresses: addresses, description: cell("description"), comments: cell("comments"),
                    kind: cell("cf_service_kind"), audience: cell("cf_audience"), hostname: cell("cf_hostname"), category: cell("cf_category"),
                    agency: cell("cf_agency")))
            }
        }
        if !problems.isEmpty { return .failure(ValidationFailure(problems)) }
        return .success(data)
    }

    /// `Name` → `name`, `Primary IPv4` → `primary_ipv4`, `Device Type` → `device_type`.
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

    /// `10 (LAN)` → 10, the way table exports show a VLAN.
    static func leadingVID(_ text: String) -> Int? {
        Int(String(text.prefix { $0.isASCII && $0.isNumber }))
    }
}

extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}
