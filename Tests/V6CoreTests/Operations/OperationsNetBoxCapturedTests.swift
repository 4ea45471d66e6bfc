import Foundation
import Testing
@testable import V6Core

/// What a real NetBox 4.4 gave for the example province, captured by `scripts/netbox-capture.sh` (its run loaded
/// `inventory netbox-export` through NetBox's CSV import pages): REST list responses, table exports, column rules.
enum NetBoxCapture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/NetBox").path
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try #require(FileManager.default.contents(atPath: path), "missing fixture \(path)"))
    }

    /// Every file of a fixture folder, read as `inventory netbox-import FOLDER` reads it (names as messages show them).
    static func read(_ folder: String, replacing: [String: String] = [:]) throws -> NetBoxData {
        let names = try FileManager.default.contentsOfDirectory(atPath: root + "/" + folder).filter { $0.hasSuffix(".json") || $0.hasSuffix(".csv") }.sorted()
        var data = NetBoxData()
        for name in names {
            let path = replacing[name] ?? (root + "/" + folder + "/" + name)
            data.append(try NetBoxReader.read(try bytes(path), name: folder + "/" + name).get())
        }
        return data
    }

    /// The REST folder, read once for all the tests that start from it (3 MB of JSON).
    private static let restRead = Result { try read("rest") }
    static func rest() throws -> NetBoxData { try restRead.get() }

    /// inventories/example, as `inventory validate` loads it.
    static func example() throws -> Inventory {
        let base = repository + "/inventories/example"
        var files = [InventoryLoader.SourceFile(path: Inventory.manifestPath, bytes: try bytes(base + "/" + Inventory.manifestPath))]
        for name in try FileManager.default.contentsOfDirectory(atPath: base + "/agencies").sorted() where name.hasSuffix(".json") {
            files.append(InventoryLoader.SourceFile(path: "agencies/" + name, bytes: try bytes(base + "/agencies/" + name)))
        }
        return try InventoryLoader.load(files).get()
    }

    /// The example's manifest and nothing else: what a first import from NetBox starts from.
    static func empty() throws -> Inventory { Inventory(manifest: try example().manifest, agencyFiles: []) }

    static func jsonFile(_ name: String) throws -> JSONValue { try JSONParser.parse(try bytes(root + "/" + name)).value }
}

@Suite("Operations: NetBox interop on a real NetBox's data (captured)")
struct OperationsNetBoxCapturedTests {
    /// Each example device on the segment it has in the example, and that segment on the device's own site.
    func expectEveryDeviceOnItsOwnSegment(_ imported: Inventory, _ example: Inventory, sourceLocation: SourceLocation = #_sourceLocation) {
        let segments = Dictionary(imported.segments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var wrong: [String] = []
        for d in example.devices {
            guard let got = imported.device(d.id) else { wrong.append("\(d.id) missing"); continue }
            let want = example.segment(d.segment)!
            if got.segment != d.segment || segments[got.segment]?.site != want.site { wrong.append("\(d.id) on \(got.segment)") }
        }
        #expect(wrong.isEmpty, "devices on another segment: \(wrong.prefix(10))", sourceLocation: sourceLocation)
        #expect(imported.devices.count == example.devices.count, sourceLocation: sourceLocation)
    }

    @Test("defect 1: a fresh import of NetBox's REST data gives the example's 65 segments, every device on its own site's segment")
    func freshFromREST() throws {
        let example = try NetBoxCapture.example()
        let outcome = try NetBoxImport.apply(try NetBoxCapture.rest(), to: try NetBoxCapture.empty()).get()
        let imported = outcome.inventory
        #expect(imported.segments.count == 65 && example.segments.count == 65)
        for s in example.segments {
            let got = try #require(imported.segment(s.id), "segment \(s.id) missing")
            #expect(got.site == s.site && got.vlan == s.vlan && got.kind == s.kind && got.ipv4 == s.ipv4 && got.ipv6 == s.ipv6)
            #expect(imported.owner(of: s.id)?.id == example.owner(of: s.id)?.id)
        }
        expectEveryDeviceOnItsOwnSegment(imported, example)
        #expect(imported.devices.map(\.ipv4) == imported.devices.map { example.device($0.id)!.ipv4 })
        #expect(imported.devices.map(\.ipv6) == imported.devices.map { example.device($0.id)!.ipv6 })
        #expect(imported.services.count == example.services.count)
        for s in example.services {
            let got = try #require(imported.services.first { $0.id == s.id })
            #expect(got.ipv4 == s.ipv4 && got.ipv6 == s.ipv6 && got.kind == s.kind && imported.owner(of: s.id)?.id == example.owner(of: s.id)?.id)
        }
        #expect(InventoryValidator.validate(imported).isEmpty)
        #expect(!outcome.notes.contains { $0.contains("cannot be placed") || $0.contains("no segment") || $0.contains("skipped") })
        #expect(outcome.plan.added("segment") == 65 && outcome.plan.added("device") == example.devices.count)
    }

    @Test("defect 1: prefixes scoped to their sites place segments the same way, and no address is dropped")
    func freshFromScopedPrefixes() throws {
        let example = try NetBoxCapture.example()
        let data = try NetBoxCapture.read("rest", replacing: ["prefixes.json": NetBoxCapture.root + "/rest-scoped/prefixes.json"])
        #expect(data.prefixes.filter { $0.site != nil }.count == data.prefixes.filter { $0.vlanID != nil }.count)
        let outcome = try NetBoxImport.apply(data, to: try NetBoxCapture.empty()).get()
        #expect(outcome.inventory.segments.count == 65)
        expectEveryDeviceOnItsOwnSegment(outcome.inventory, example)
        let addresses = outcome.inventory.devices.reduce(0) { $0 + $1.ipv4.count + $1.ipv6.count }
        #expect(addresses == example.devices.reduce(0) { $0 + $1.ipv4.count + $1.ipv6.count })
    }

    @Test("defect 1: v6ready's own export folder, imported fresh, keeps segments per site too")
    func freshFromOwnExport() throws {
        let example = try NetBoxCapture.example()
        var data = NetBoxData()
        for file in NetBoxExport.export(example).files { data.append(try NetBoxReader.read(file.bytes, name: file.name).get()) }
        let outcome = try NetBoxImport.apply(data, to: try NetBoxCapture.empty()).get()
        #expect(outcome.inventory.segments.count == 65)
        expectEveryDeviceOnItsOwnSegment(outcome.inventory, example)
    }

    @Test("defect 1: a prefix whose VLAN number several sites use, with no scope, is reported and not merged")
    func ambiguousVLANIsReported() throws {
        var data = try NetBoxCapture.rest()
        // Strip what places the LAN prefixes (VLAN 10 at 25 sites): their VLAN object, VLAN name and tenant.
        for i in data.prefixes.indices where data.prefixes[i].vlanVID == 10 {
            data.prefixes[i].vlanID = nil; data.prefixes[i].vlanName = nil; data.prefixes[i].tenant = nil; data.prefixes[i].site = nil
        }
        let outcome = try NetBoxImport.apply(data, to: try NetBoxCapture.empty()).get()
        let lan = outcome.notes.filter { $0.contains("VLAN 10 is ambiguous") }
        #expect(lan.count == data.prefixes.filter { $0.vlanVID == 10 }.count)
        #expect(!outcome.inventory.segments.contains { $0.vlan == 10 })
        // Their devices are kept and said, not dropped, and none is put on another site's segment.
        let example = try NetBoxCapture.example()
        #expect(outcome.inventory.devices.count == example.devices.count)
        for d in outcome.inventory.devices where d.segment.isEmpty == false {
            let s = try #require(outcome.inventory.segment(d.segment))
            #expect(s.vlan != 10)
        }
        #expect(outcome.notes.contains { $0.contains("kept with no segment") })
    }

    @Test("defect 5: one page of NetBox's list (its default 50) is named first, and nothing else is said or imported")
    func paginationFirst() throws {
        let data = try NetBoxCapture.read("rest-page1")
        guard case let .failure(failure) = NetBoxImport.apply(data, to: try NetBoxCapture.example()) else {
            Issue.record("a paginated response was imported"); return
        }
        #expect(!failure.diagnostics.isEmpty)
        #expect(failure.diagnostics.allSatisfy { $0.message.contains("a paginated response") })
        let devices = try #require(failure.diagnostics.first { $0.file == "netbox rest-page1/devices.json" })
        #expect(devices.message.hasPrefix("holds 50 of 495 devices"))
        // The pages together make the whole list.
        var pages = try NetBoxCapture.rest()
        pages.append(try NetBoxCapture.read("rest-page1"))
        #expect(pages.incompleteLists.isEmpty)
    }

    @Test("a refresh from NetBox's REST data into the example changes nothing")
    func refreshFromREST() throws {
        let example = try NetBoxCapture.example()
        let outcome = try NetBoxImport.apply(try NetBoxCapture.rest(), to: example).get()
        #expect(outcome.inventory == example)
        #expect(outcome.plan.isEmpty, "\(outcome.plan.lines.prefix(10))")
        #expect(outcome.plan.notInNetBox.isEmpty)
    }

    @Test("defects 3, 4: a refresh from the table export \"Current view\" changes nothing it cannot see")
    func refreshFromCurrentView() throws {
        let example = try NetBoxCapture.example()
        let data = try NetBoxCapture.read("table-current")
        let outcome = try NetBoxImport.apply(data, to: example).get()
        #expect(outcome.inventory == example)
        #expect(outcome.plan.isEmpty, "\(outcome.plan.lines.prefix(10))")
        // The dual-stack devices' IPv4 (the one `IP Address` column shows their IPv6) is kept and said in one line.
        let dualStack = example.devices.filter { !$0.ipv4.isEmpty && !$0.ipv6.isEmpty }
        #expect(dualStack.count == 192)
        #expect(Set(outcome.plan.unseen.map(\.id)).isSuperset(of: dualStack.map(\.id)))
        #expect(outcome.plan.lines.contains { $0.hasPrefix("keep \(outcome.plan.unseen.filter { $0.kind == "device" }.count) devices with ipv4") })
    }

    @Test("defects 3, 4: a refresh from the table export \"All data\" changes nothing and reads labels, VLANs and tenants")
    func refreshFromAllData() throws {
        let example = try NetBoxCapture.example()
        let data = try NetBoxCapture.read("table-all")
        // Custom fields come headed by their labels; they are read.
        let core = try #require(data.devices.first { $0.name == example.devices[0].id })
        #expect(core.criticality == example.devices[0].criticality.rawValue && core.carried.contains(.criticality))
        let portal = try #require(data.services.first { $0.name == example.services[0].id })
        #expect(portal.kind == example.services[0].kind.rawValue && portal.audience == example.services[0].audience.rawValue)
        // VLAN `name (vid)`.
        #expect(data.prefixes.allSatisfy { $0.vlanVID != nil && $0.vlanName != nil })
        let outcome = try NetBoxImport.apply(data, to: example).get()
        #expect(outcome.inventory == example)
        #expect(outcome.plan.isEmpty, "\(outcome.plan.lines.prefix(10))")
        // Tenants named, not slugged, match the agencies: none is created.
        #expect(outcome.plan.added("agency") == 0 && outcome.plan.added("site") == 0)
    }

    @Test("defect 3: a refresh reports what differs, keeps what NetBox lacks, and --replace removes it explicitly")
    func refreshPlanAndReplace() throws {
        var example = try NetBoxCapture.example()
        let fi = example.agencyFiles.firstIndex { !$0.devices.isEmpty }!
        let device = example.agencyFiles[fi].devices[0]
        let segment = example.segment(device.segment)!
        // An address the inventory has and NetBox does not; an owner NetBox will overwrite; a service kind.
        let extra = try #require(segment.ipv4.first.flatMap { p in (200..<250).lazy.compactMap { IPAddress("\(p.address.description.split(separator: ".").prefix(3).joined(separator: ".")).\($0)") }
            .first { a in p.contains(a) && !example.devices.contains { $0.ipv4.contains(a) } } })
        example.agencyFiles[fi].devices[0].ipv4.append(extra)
        example.agencyFiles[fi].devices[0].owner = "Người cũ"
        let data = try NetBoxCapture.rest()
        let merged = try NetBoxImport.apply(data, to: example).get()
        let kept = try #require(merged.inventory.device(device.id))
        #expect(kept.ipv4.contains(extra) && kept.owner == device.owner)
        let entry = try #require(merged.plan.entries.first { $0.id == device.id })
        #expect(entry.changes.contains(.init("ipv4", .kept, old: extra.description)))
        #expect(entry.changes.contains(.init("owner", .set, old: "Người cũ", new: device.owner)))
        #expect(entry.line.contains("ipv4 \"\(extra)\" is not in NetBox: kept (--replace removes it)"))

        let replaced = try NetBoxImport.apply(data, to: example, replace: true).get()
        #expect(replaced.inventory.device(device.id)?.ipv4 == device.ipv4)
        #expect(replaced.plan.entries.first { $0.id == device.id }?.changes.contains(.init("ipv4", .removed, old: extra.description)) == true)
    }

    @Test("defect 2: the export has every column NetBox 4.4's import pages require, with values they accept")
    func exportMatchesImportRules() throws {
        let rules = try NetBoxCapture.jsonFile("import-rules.json")
        let types = ["custom-fields.csv": "extras.customfield", "tenants.csv": "tenancy.tenant", "sites.csv": "dcim.site",
                     "manufacturers.csv": "dcim.manufacturer", "platforms.csv": "dcim.platform", "device-roles.csv": "dcim.devicerole",
                     "device-types.csv": "dcim.devicetype", "ipam-roles.csv": "ipam.role", "vlans.csv": "ipam.vlan",
                     "prefixes.csv": "ipam.prefix", "devices.csv": "dcim.device", "interfaces.csv": "dcim.interface",
                     "ip-addresses.csv": "ipam.ipaddress", "services.csv": "ipam.service"]
        let (files, _) = NetBoxExport.export(try NetBoxCapture.example())
        #expect(Set(files.map(\.name)) == Set(types.keys))
        for file in files {
            let fields = try #require(rules[types[file.name]!]?.arrayValue, "no rules for \(file.name)")
            let rows = try CSV.parse(file.bytes)
            let header = rows[0].fields
            let known = Set(fields.compactMap { $0["name"]?.stringValue })
            #expect(Set(header).isSubset(of: known), "\(file.name): NetBox has no column \(Set(header).subtracting(known).sorted())")
            for field in fields where field["required"] == .bool(true) {
                let name = field["name"]!.stringValue!
                #expect(header.contains(name), "\(file.name) lacks the required column \(name)")
            }
            for field in fields {
                guard let name = field["name"]?.stringValue, let column = header.firstIndex(of: name) else { continue }
                let required = field["required"] == .bool(true)
                let choices = field["choices"]?.arrayValue?.compactMap(\.stringValue)
                for row in rows.dropFirst() {
                    let value = column < row.fields.count ? row.fields[column] : ""
                    if required { #expect(!value.isEmpty, "\(file.name):\(row.line): \(name) is required") }
                    if let choices, !value.isEmpty, field["type"]?.stringValue != "CSVMultipleChoiceField" {
                        #expect(choices.contains(value), "\(file.name):\(row.line): \(name) \(value) is not one of NetBox's choices")
                    }
                }
            }
        }
    }

    @Test("defect 2: in the capture run NetBox loaded every row of the export and rejected none")
    func captureRunLoadedEverything() throws {
        let report = try NetBoxCapture.jsonFile("capture-report.json")
        #expect(report["rejected"] == .number(0))
        #expect(report["loaded"] == report["rows"])
        #expect(report["netbox_version"]?.stringValue?.hasPrefix("4.") == true)
        let example = try NetBoxCapture.example()
        #expect(report["counts"]?["devices"] == .number(Double(example.devices.count)))
        #expect(report["counts"]?["services"] == .number(Double(example.services.count)))
        // The run loaded what the export writes today, row for row.
        let (files, _) = NetBoxExport.export(example)
        for file in files {
            let entry = try #require(report["files"]?.arrayValue?.first { $0["file"]?.stringValue == file.name })
            #expect(entry["rows"] == .number(Double(file.rows)), "\(file.name)")
        }
    }
}
