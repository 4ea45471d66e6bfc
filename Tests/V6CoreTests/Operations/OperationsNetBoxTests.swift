import Testing
@testable import V6Core

/// NetBox REST API responses as NetBox 4 writes them (trimmed of the members v6ready ignores, not of the nesting).
enum NetBoxFixture {
    static func device(id: Int, name: String, role: String, roleName: String, tenant: String?, site: String = "a-hq",
                       model: String = "Catalyst 9300-48P", manufacturer: String = "Cisco", platform: String? = "IOS XE",
                       ip4: String? = nil, ip6: String? = nil, description: String = "", custom: String = "{}") -> String {
        func nested(_ address: String?, family: Int) -> String {
            address.map { "{\"id\": \(id * 10 + family), \"url\": \"https://netbox.example/api/ipam/ip-addresses/\(id * 10 + family)/\", \"display\": \"\($0)\", \"family\": \(family), \"address\": \"\($0)\"}" } ?? "null"
        }
        return """
        {
          "id": \(id), "url": "https://netbox.example/api/dcim/devices/\(id)/", "display": "\(name)", "name": "\(name)",
          "device_type": {"id": 3, "url": "https://netbox.example/api/dcim/device-types/3/", "display": "\(model)",
                          "manufacturer": {"id": 1, "url": "https://netbox.example/api/dcim/manufacturers/1/", "display": "\(manufacturer)", "name": "\(manufacturer)", "slug": "cisco"},
                          "model": "\(model)", "slug": "c9300-48p"},
          "role": {"id": 7, "url": "https://netbox.example/api/dcim/device-roles/7/", "display": "\(roleName)", "name": "\(roleName)", "slug": "\(role)"},
          "tenant": \(tenant.map { "{\"id\": 2, \"display\": \"Sở A\", \"name\": \"Sở A\", \"slug\": \"\($0)\"}" } ?? "null"),
          "platform": \(platform.map { "{\"id\": 4, \"display\": \"\($0)\", \"name\": \"\($0)\", \"slug\": \"ios-xe\"}" } ?? "null"),
          "serial": "FOC1234X0AB", "asset_tag": null,
          "site": {"id": 1, "url": "https://netbox.example/api/dcim/sites/1/", "display": "Trụ sở", "name": "Trụ sở", "slug": "\(site)"},
          "location": null, "rack": null, "position": null, "face": null,
          "status": {"value": "active", "label": "Active"},
          "primary_ip": \(nested(ip4 ?? ip6, family: ip4 != nil ? 4 : 6)),
          "primary_ip4": \(nested(ip4, family: 4)), "primary_ip6": \(nested(ip6, family: 6)),
          "description": "\(description)", "comments": "", "tags": [], "custom_fields": \(custom),
          "created": "2024-03-01T08:00:00.000000Z", "last_updated": "2024-05-01T08:00:00.000000Z"
        }
        """
    }

    /// Twelve access switches in a-lan, then a patch panel (results[12]) and a core switch with a firmware custom field.
    static var devicesJSON: String {
        var items: [String] = []
        for i in 0..<12 {
            items.append(device(id: 100 + i, name: "sw-acc-\(i + 1)", role: "access-switch", roleName: "Access switch", tenant: "so-a",
                                model: "Catalyst 2960X-48TS-L", platform: "IOS 15.2.7", ip4: "192.0.2.\(60 + i)/25"))
        }
        items.append(device(id: 200, name: "sw-core-03", role: "patch-panel", roleName: "Patch panel", tenant: "so-a", platform: nil,
                            ip4: "192.0.2.90/25"))
        items.append(device(id: 201, name: "sw-core-04", role: "core-switch", roleName: "Core switch", tenant: nil,
                            ip4: "192.0.2.91/25", ip6: "2001:db8:a00:101::91/64", description: "Chuyển mạch lõi 4",
                            custom: "{\"firmware_version\": \"17.9.4\", \"criticality\": \"critical\"}"))
        return "{\"count\": \(items.count), \"next\": null, \"previous\": null, \"results\": [\n" + items.joined(separator: ",\n") + "\n]}"
    }

    static let ipAddressesJSON = """
    {"count": 2, "next": null, "previous": null, "results": [
      {"id": 501, "url": "https://netbox.example/api/ipam/ip-addresses/501/", "display": "2001:db8:a00:101::60/64",
       "family": {"value": 6, "label": "IPv6"}, "address": "2001:db8:a00:101::60/64", "vrf": null, "tenant": null,
       "status": {"value": "active", "label": "Active"}, "role": null, "assigned_object_type": "dcim.interface", "assigned_object_id": 9001,
       "assigned_object": {"id": 9001, "display": "Vlan10", "device": {"id": 100, "display": "sw-acc-1", "name": "sw-acc-1"}, "name": "Vlan10"},
       "nat_inside": null, "nat_outside": [], "dns_name": "sw-acc-1.a.example", "description": "", "tags": []},
      {"id": 502, "url": "https://netbox.example/api/ipam/ip-addresses/502/", "display": "198.51.100.77/28",
       "family": {"value": 4, "label": "IPv4"}, "address": "198.51.100.77/28", "vrf": null, "tenant": null,
       "status": {"value": "active", "label": "Active"}, "role": null, "assigned_object_type": "dcim.interface", "assigned_object_id": 9002,
       "assigned_object": {"id": 9002, "display": "Gi1/0/48", "device": {"id": 101, "display": "sw-acc-2", "name": "sw-acc-2"}, "name": "Gi1/0/48"},
       "dns_name": "", "description": "", "tags": []}
    ]}
    """

    static let prefixesJSON = """
    {"count": 3, "next": null, "previous": null, "results": [
      {"id": 31, "display": "2001:db8:a00:102::/64", "family": {"value": 6, "label": "IPv6"}, "prefix": "2001:db8:a00:102::/64",
       "vrf": null, "scope_type": "dcim.site", "scope_id": 1, "scope": {"id": 1, "display": "Trụ sở", "name": "Trụ sở", "slug": "a-hq"},
       "tenant": {"id": 2, "display": "Sở A", "name": "Sở A", "slug": "so-a"}, "vlan": {"id": 12, "display": "Wifi (20)", "vid": 20, "name": "a-wifi"},
       "status": {"value": "active", "label": "Active"}, "role": {"id": 2, "display": "Wireless", "name": "Wireless", "slug": "wireless"},
       "is_pool": false, "mark_utilized": false, "description": "Wi-Fi khách", "tags": []},
      {"id": 32, "display": "192.0.2.128/26", "family": {"value": 4, "label": "IPv4"}, "prefix": "192.0.2.128/26",
       "vrf": null, "scope_type": "dcim.site", "scope_id": 1, "scope": {"id": 1, "display": "Trụ sở", "name": "Trụ sở", "slug": "a-hq"},
       "tenant": {"id": 2, "display": "Sở A", "name": "Sở A", "slug": "so-a"}, "vlan": {"id": 12, "display": "Wifi (20)", "vid": 20, "name": "a-wifi"},
       "status": {"value": "active", "label": "Active"}, "role": {"id": 5, "display": "Guest VLAN", "name": "Guest VLAN", "slug": "guest-vlan"},
       "description": "Wi-Fi khách", "tags": []},
      {"id": 33, "display": "2001:db8:a00::/48", "family": {"value": 6, "label": "IPv6"}, "prefix": "2001:db8:a00::/48", "scope_type": null, "scope": null,
       "tenant": null, "vlan": null, "status": {"value": "container", "label": "Container"}, "role": null, "description": "VNNIC", "tags": []}
    ]}
    """

    static let servicesJSON = """
    {"count": 1, "next": null, "previous": null, "results": [
      {"id": 71, "display": "https (TCP/443)", "parent_object_type": "dcim.device", "parent_object_id": 201,
       "parent": {"id": 201, "display": "sw-core-04", "name": "sw-core-04"}, "name": "https", "protocol": {"value": "tcp", "label": "TCP"},
       "ports": [443], "ipaddresses": [], "description": "Giao diện quản trị", "comments": "", "tags": [], "custom_fields": {}}
    ]}
    """
}

@Suite("Operations: NetBox import and export")
struct OperationsNetBoxTests {
    func read(_ text: String, _ name: String) throws -> NetBoxData {
        try NetBoxReader.read(Array(text.utf8), name: name).get()
    }

    @Test("API responses: devices, IP addresses, prefixes, services are told apart by content and read")
    func readAPI() throws {
        let devices = try read(NetBoxFixture.devicesJSON, "dump1.json")
        #expect(devices.devices.count == 14)
        let core = try #require(devices.devices.last)
        #expect(core.role == NetBoxRef(name: "Core switch", slug: "core-switch"))
        #expect(core.manufacturer == "Cisco" && core.model == "Catalyst 9300-48P" && core.platform == "IOS XE")
        #expect(core.primaryIPv4 == "192.0.2.91/25" && core.primaryIPv6 == "2001:db8:a00:101::91/64")
        #expect(core.firmwareVersion == "17.9.4" && core.criticality == "critical" && core.tenant == nil)
        #expect(core.source.description == "netbox dump1.json: results[13] (name \"sw-core-04\")")
        #expect(try read(NetBoxFixture.ipAddressesJSON, "x.json").ipAddresses.map(\.device) == ["sw-acc-1", "sw-acc-2"])
        let prefixes = try read(NetBoxFixture.prefixesJSON, "y.json").prefixes
        #expect(prefixes.map(\.site?.slug) == ["a-hq", "a-hq", nil])
        #expect(prefixes.first?.vlanVID == 20)
        #expect(try read(NetBoxFixture.servicesJSON, "z.json").services.first?.device == "sw-core-04")
        let paged = try read("{\"count\": 250, \"next\": \"https://netbox.example/api/dcim/devices/?limit=50&offset=50\", \"results\": [" + NetBoxFixture.device(id: 1, name: "r1", role: "router", roleName: "Router", tenant: "so-a") + "]}", "devices.json")
        #expect(paged.notes.isEmpty && paged.pages == [NetBoxPage(file: "devices.json", kind: .devices, count: 250, results: 1, ids: [1],
                                                                  next: "https://netbox.example/api/dcim/devices/?limit=50&offset=50")])
        #expect(paged.incompleteLists.map(\.description) == [
            "netbox devices.json: holds 1 of 250 devices (a paginated response; all files give 1): fetch /api/dcim/devices/?limit=0 (NetBox returns at most its MAX_PAGE_SIZE, 1000 by default, per response: pass every page, following \"next\"); the next page is https://netbox.example/api/dcim/devices/?limit=50&offset=50",
        ])
    }

    @Test("import: tenant → agency, role mapping, containment, prefixes → segments; one note per unmapped record")
    func importMapping() throws {
        var data = try read(NetBoxFixture.devicesJSON, "devices.json")
        data.append(try read(NetBoxFixture.ipAddressesJSON, "ip-addresses.json"))
        data.append(try read(NetBoxFixture.prefixesJSON, "prefixes.json"))
        data.append(try read(NetBoxFixture.servicesJSON, "services.json"))
        let outcome = try NetBoxImport.apply(data, to: OperationsFixture.inventory()).get()
        let inventory = outcome.inventory
        #expect(outcome.notes.contains("netbox devices.json: results[12] (name \"sw-core-03\"): role \"patch-panel\" has no v6ready equivalent; imported as other"))
        #expect(outcome.notes.contains("netbox ip-addresses.json: results[1] (address \"198.51.100.77/28\"): 198.51.100.77 is outside its segment \"a-lan\" (192.0.2.0/25); left out")
                || outcome.notes.contains("netbox devices.json: results[1] (name \"sw-acc-2\"): 198.51.100.77 is outside its segment \"a-lan\" (192.0.2.0/25); left out"))
        #expect(outcome.notes.contains("netbox prefixes.json: results[0] (prefix \"2001:db8:a00:102::/64\"): role \"wireless\" has no v6ready equivalent; imported as lan") == false)
        #expect(outcome.notes.contains("netbox services.json: results[0] (name \"https\"): no audience (custom field audience); imported as internal"))
        #expect(outcome.added["devices"] == 14 && outcome.added["segments"] == 1 && outcome.added["services"] == 1)

        let acc1 = try #require(inventory.device("sw-acc-1"))
        #expect(acc1.role == .switch && acc1.segment == "a-lan" && acc1.vendor == "Cisco" && acc1.model == "Catalyst 2960X-48TS-L")
        #expect(acc1.ipv4 == [IPAddress("192.0.2.60")!] && acc1.ipv6 == [IPAddress("2001:db8:a00:101::60")!])
        #expect(acc1.os == "IOS" && acc1.version == "15.2.7")
        #expect(inventory.owner(of: "sw-acc-1")?.id == "so-a")
        let panel = try #require(inventory.device("sw-core-03"))
        #expect(panel.role == .other)
        let core = try #require(inventory.device("sw-core-04"))
        #expect(core.role == .l3Switch && core.name == "Chuyển mạch lõi 4" && core.version == "17.9.4" && core.criticality == .critical)
        // No tenant: the agency of its site.
        #expect(inventory.owner(of: "sw-core-04")?.id == "so-a")
        let wifi = try #require(inventory.segments.first { $0.vlan == 20 })
        #expect(wifi.id == "a-wifi" && wifi.name == "Wi-Fi khách" && wifi.site == "a-hq" && wifi.kind == .lan)
        #expect(wifi.ipv4 == [IPPrefix("192.0.2.128/26")!] && wifi.ipv6 == [IPPrefix("2001:db8:a00:102::/64")!])
        let https = try #require(inventory.services.first { $0.device == "sw-core-04" })
        #expect(https.id == "https" && https.kind == .web && https.ports == [443] && https.ipv6 == core.ipv6)
        #expect(InventoryValidator.validate(inventory).isEmpty)
    }

    @Test("wrong values are errors that name the record; nothing is imported")
    func errorsNameTheRecord() throws {
        let bad = "{\"count\": 2, \"results\": [" + NetBoxFixture.device(id: 1, name: "r1", role: "router", roleName: "Router", tenant: "so-a", ip4: "192.0.2.300/25")
            + "," + NetBoxFixture.device(id: 2, name: "r2", role: "router", roleName: "Router", tenant: "so-a", ip4: "2001:db8::1/64") + "]}"
        let result = NetBoxImport.apply(try read(bad, "devices.json"), to: ReadinessFixture.inventory())
        guard case let .failure(failure) = result else { Issue.record("bad addresses accepted"); return }
        #expect(failure.diagnostics.map(\.description) == [
            "netbox devices.json: results[0] (name \"r1\"): primary_ip4: \"192.0.2.300/25\" is not an IPv4 address",
            "netbox devices.json: results[1] (name \"r2\"): primary_ip4: \"2001:db8::1/64\" is not an IPv4 address",
        ])
        // Valid values that break the inventory's rules are said against the NetBox record too.
        let dup = "{\"count\": 1, \"results\": [" + NetBoxFixture.device(id: 3, name: "r3", role: "router", roleName: "Router", tenant: "so-a", ip4: "192.0.2.1/25") + "]}"
        guard case let .failure(dupFailure) = NetBoxImport.apply(try read(dup, "devices.json"), to: ReadinessFixture.inventory()) else {
            Issue.record("a duplicate address was accepted"); return
        }
        #expect(dupFailure.diagnostics.first?.description.hasPrefix("netbox devices.json: results[0] (name \"r3\"): ipv4[0]: duplicate address 192.0.2.1") == true)
        guard case let .failure(notList) = NetBoxReader.read(Array("{\"name\": \"x\"}".utf8), name: "devices.json") else { Issue.record("not a list"); return }
        #expect(notList.diagnostics.first?.message.hasPrefix("not a NetBox list response") == true)
    }

    @Test("unknown tenants and sites become new agencies and sites, said in notes")
    func createsAgencies() throws {
        let text = "{\"count\": 1, \"results\": [" + NetBoxFixture.device(id: 1, name: "Router Huyện Mới", role: "edge-router", roleName: "Edge router",
                                                                          tenant: "huyen-moi", site: "huyen-moi-hq", ip4: "192.0.2.5/25") + "]}"
        var data = try read(text, "devices.json")
        data.sites.append(NetBoxSite(source: NetBoxSource(file: "sites.json", index: 0, label: nil), name: "Trụ sở huyện Mới", slug: "huyen-moi-hq",
                                     tenant: NetBoxRef(name: "Huyện Mới", slug: "huyen-moi")))
        let outcome = try NetBoxImport.apply(data, to: ReadinessFixture.inventory()).get()
        #expect(outcome.inventory.agencyFileIndex("huyen-moi") != nil)
        #expect(outcome.inventory.sites.contains { $0.id == "huyen-moi-hq" && $0.name == "Trụ sở huyện Mới" })
        #expect(outcome.notes.contains { $0.contains("created agency \"huyen-moi\" (kind other, no parent)") })
        // The device sits in a segment of another agency's site, by containment; its id is its name made an id.
        let device = try #require(outcome.inventory.device("router-huyen-moi"))
        #expect(device.role == .router && device.segment == "a-lan" && device.name == "Router Huyện Mới")
    }

    @Test("export → import gives back the same devices and services")
    func roundTrip() throws {
        var inventory = OperationsFixture.inventory()
        inventory.agencyFiles[0].devices[0].notes = "Phòng máy, \"tầng 2\"\nline two"
        inventory.agencyFiles[0].devices[0].owner = "Tổ CNTT"
        inventory.agencyFiles[0].devices[1].criticality = .critical
        let (files, notes) = NetBoxExport.export(inventory)
        #expect(notes.isEmpty)
        // The portal's address is not its server's own: exported as a VIP on the server, kept off it on import.
        let ips = String(decoding: try #require(files.first { $0.name == "ip-addresses.csv" }).bytes, as: UTF8.self)
        #expect(ips.contains("203.0.113.5/28,Sở \"\"A\"\" & Co,active,vip,a-dns,mgmt0,\r\n") || ips.contains("203.0.113.5/28,\"Sở \"\"A\"\" & Co\",active,vip,a-dns,mgmt0,\r\n"))
        #expect(files.map(\.name) == ["custom-fields.csv", "tenants.csv", "sites.csv", "manufacturers.csv", "platforms.csv", "device-roles.csv",
                                      "device-types.csv", "ipam-roles.csv", "vlans.csv", "prefixes.csv", "devices.csv", "interfaces.csv",
                                      "ip-addresses.csv", "services.csv"])
        let devicesCSV = String(decoding: try #require(files.first { $0.name == "devices.csv" }).bytes, as: UTF8.self)
        // NetBox's device import columns (DeviceImportForm), then custom fields as cf_NAME.
        #expect(devicesCSV.hasPrefix("name,role,tenant,manufacturer,device_type,platform,status,site,description,comments,cf_firmware_version,cf_criticality,cf_owner,cf_segment\r\n"))
        var empty = inventory
        for i in empty.agencyFiles.indices { empty.agencyFiles[i].devices = []; empty.agencyFiles[i].services = [] }
        var data = NetBoxData()
        for file in files { data.append(try NetBoxReader.read(file.bytes, name: file.name).get()) }
        let back = try NetBoxImport.apply(data, to: empty).get()
        #expect(back.inventory == inventory)
        #expect(back.notes.isEmpty)
        // Into the full inventory it changes nothing.
        #expect(try NetBoxImport.apply(data, to: inventory).get().inventory == inventory)
    }

    @Test("CSV table exports with display headers are read too")
    func tableExport() throws {
        let csv = """
        Name,Status,Tenant,Site,Role,Manufacturer,Type,Platform,Primary IPv4,Primary IPv6
        gw-01,Active,"Sở ""A"" & Co",Trụ sở,Router,Cisco,ISR 4431,IOS XE,198.51.100.5/28,2001:db8:a00:100::5/64
        """
        let data = try read(csv, "netbox_dcim_device.csv")
        let d = try #require(data.devices.first)
        #expect(d.role.name == "Router" && d.model == "ISR 4431" && d.primaryIPv6 == "2001:db8:a00:100::5/64")
        #expect(d.source.description == "netbox netbox_dcim_device.csv:2 (name \"gw-01\")")
        let outcome = try NetBoxImport.apply(data, to: ReadinessFixture.inventory()).get()
        #expect(outcome.inventory.device("gw-01")?.segment == "a-edge")
        #expect(outcome.inventory.owner(of: "gw-01")?.id == "so-a")
    }

    @Test("numbers NetBox could not have written are refused, not trapped on: count 1e19, vid 1e999, port 1e6")
    func numberRanges() throws {
        guard case let .failure(count) = NetBoxReader.read(Array("{\"count\": 1e19, \"results\": []}".utf8), name: "devices.json") else {
            Issue.record("count 1e19 accepted"); return
        }
        #expect(count.diagnostics.map(\.description) == ["netbox devices.json: count: 1e+19 is not a count of results"]
                || count.diagnostics.first?.message.hasPrefix("count: ") == true)
        let vlan = "{\"count\": 2, \"results\": [{\"id\": 1, \"vid\": 1e999, \"name\": \"x\"}, {\"id\": 2, \"vid\": 4095, \"name\": \"y\"}]}"
        guard case let .failure(vid) = NetBoxReader.read(Array(vlan.utf8), name: "vlans.json") else { Issue.record("vid 1e999 accepted"); return }
        #expect(vid.diagnostics.count == 2 && vid.diagnostics.allSatisfy { $0.message.contains("is not a VLAN id (1-4094)") })
        let service = "{\"count\": 1, \"results\": [{\"id\": 1, \"name\": \"s\", \"protocol\": \"tcp\", \"ports\": [443, 1e6, -1, 2.5], \"parent\": {\"name\": \"d\"}}]}"
        #expect(try read(service, "services.json").services.first?.ports == [443])
        #expect(NetBoxReader.integer(.number(1e16)) == nil && NetBoxReader.integer(.number(-3)) == -3)
    }

    @Test("a VLAN as CSV files show it: name (vid), vid (name), a VID, a name")
    func vlanColumn() {
        #expect(NetBoxReader.parseVLAN("so-a-lan (10)") == (10, "so-a-lan"))
        #expect(NetBoxReader.parseVLAN("10 (LAN)") == (10, "LAN"))
        #expect(NetBoxReader.parseVLAN("300") == (300, nil))
        #expect(NetBoxReader.parseVLAN("Wi-Fi (khách)") == (nil, "Wi-Fi (khách)"))
        #expect(NetBoxReader.parseVLAN("5000") == (nil, nil))
    }

    @Test("a tenant whose slug would start with a dot makes no agency (its file would be hidden)")
    func dottedTenant() throws {
        var data = NetBoxData()
        data.tenants = [NetBoxTenant(source: NetBoxSource(file: "tenants.json", index: 0), name: ".hidden", slug: ".hidden")]
        guard case let .failure(f) = NetBoxImport.apply(data, to: ReadinessFixture.inventory()) else { Issue.record("accepted"); return }
        #expect(f.diagnostics.first?.message.contains("starts with \".\"") == true)
    }

    @Test("role table and slugs")
    func mappingTables() {
        #expect(NetBoxMapping.deviceRole(NetBoxRef(name: "Core Switch")) == .l3Switch)
        #expect(NetBoxMapping.deviceRole(NetBoxRef(slug: "ap")) == .accessPoint)
        #expect(NetBoxMapping.deviceRole(NetBoxRef(name: "Patch panel", slug: "patch-panel")) == nil)
        for role in DeviceRole.allCases { #expect(NetBoxMapping.deviceRole(NetBoxRef(name: NetBoxMapping.roleNames[role]!)) == role) }
        for kind in SegmentKind.allCases { #expect(NetBoxMapping.segmentKind(NetBoxRef(name: NetBoxMapping.segmentRoleNames[kind]!)) == kind) }
        #expect(Slug.make("Sở Tư pháp") == "so-tu-phap")
        #expect(Slug.make("  Đường  ĐT-741 / Bình Dương ") == "duong-dt-741-binh-duong")
        #expect(Slug.make("sw_core.03") == "sw_core.03")
        #expect(NetBoxMapping.serviceKind(name: "smtp-relay", ports: [25]) == .mail)
        #expect(NetBoxMapping.serviceKind(name: "Cổng dịch vụ", ports: [8443]) == .web)
        #expect(NetBoxImport.splitPlatform("IOS XE 16.12.4")! == ("IOS XE", "16.12.4"))
        #expect(NetBoxImport.splitPlatform("Windows Server 2019") == nil)
    }
}

@Suite("Operations: nmap XML results as discovered hosts")
struct OperationsNmapTests {
    @Test("hosts up become unrecorded scan lines; ports keep nmap's states; down hosts are skipped")
    func mapping() {
        let run = NmapRun(startEpochSeconds: 1_716_000_000, hosts: [
            NmapHost(state: "up", reason: "echo-reply", addresses: [("198.51.100.20", "ipv4"), ("00:11:22:33:44:55", "mac")],
                     hostnames: ["cam.a.example"], srttMicroseconds: 412),
            NmapHost(state: "up", reason: "syn-ack", addresses: [("2001:db8::20", "ipv6")],
                     ports: [NmapPort(protocolName: "tcp", port: 22, state: "open", reason: "syn-ack", service: "ssh"),
                             NmapPort(protocolName: "tcp", port: 23, state: "closed", reason: "reset"),
                             NmapPort(protocolName: "tcp", port: 80, state: "filtered", reason: "no-response"),
                             NmapPort(protocolName: "udp", port: 53, state: "open")]),
            NmapHost(state: "down", reason: "no-response", addresses: [("198.51.100.21", "ipv4")]),
            NmapHost(state: "up", addresses: [("00:11:22:33:44:66", "mac")], line: 40),
        ])
        let result = NmapMapping.lines(run, file: "hosts.xml")
        #expect(result.hostsUp == 3 && result.hostsDown == 1)
        #expect(result.lines.map(\.jsonLine) == [
            "{\"target\":\"cam.a.example\",\"address\":\"198.51.100.20\",\"family\":4,\"method\":\"icmp\",\"status\":\"reachable\",\"rtt_ms\":0.412,\"detail\":\"nmap echo-reply\",\"sent\":1,\"received\":1,\"vantage\":\"dual-stack\"}",
            "{\"target\":\"2001:db8::20\",\"address\":\"2001:db8::20\",\"family\":6,\"method\":\"icmp\",\"status\":\"reachable\",\"detail\":\"nmap syn-ack\",\"sent\":1,\"received\":1,\"vantage\":\"dual-stack\"}",
            "{\"target\":\"2001:db8::20\",\"address\":\"2001:db8::20\",\"family\":6,\"method\":\"tcp\",\"port\":22,\"status\":\"reachable\",\"detail\":\"nmap open (syn-ack) ssh\",\"sent\":1,\"received\":1,\"vantage\":\"dual-stack\"}",
            "{\"target\":\"2001:db8::20\",\"address\":\"2001:db8::20\",\"family\":6,\"method\":\"tcp\",\"port\":23,\"status\":\"refused\",\"detail\":\"nmap closed (reset)\",\"sent\":1,\"received\":1,\"vantage\":\"dual-stack\"}",
            "{\"target\":\"2001:db8::20\",\"address\":\"2001:db8::20\",\"family\":6,\"method\":\"tcp\",\"port\":80,\"status\":\"timeout\",\"detail\":\"nmap filtered (no-response)\",\"sent\":1,\"received\":0,\"vantage\":\"dual-stack\"}",
        ])
        #expect(result.problems == ["hosts.xml:40: a host that is up has no IP address (only mac); skipped"])
        #expect(result.lines.allSatisfy { $0.record == nil })
    }
}
