import Testing
@testable import V6Core

@Suite("Inventory: editing")
struct InventoryEditorTests {
    @Test("remove refuses while something refers to the record, and removes it otherwise")
    func removeChecksReferences() throws {
        let inventory = try InventoryFixture.valid()
        guard case let .failure(f) = InventoryEditor.remove("tinh-srv1", from: inventory) else { Issue.record("removed a hosting device"); return }
        #expect(f.diagnostics[0].message.contains("service cong-ttdt (device)"))
        let (after, record) = try InventoryEditor.remove("so-tp-sw1", from: inventory).get()
        #expect(record.kindName == "device")
        #expect(after.device("so-tp-sw1") == nil)
        #expect(after.devices.count == inventory.devices.count - 1)
    }

    @Test("removing an agency refuses while its children point at it")
    func removeAgency() throws {
        let inventory = try InventoryFixture.valid()
        guard case .failure = InventoryEditor.remove("ubnd-tinh", from: inventory) else { Issue.record("removed the parent"); return }
        let (after, _) = try InventoryEditor.remove("so-tp", from: inventory).get()
        #expect(after.agencies.map(\.id) == ["ubnd-tinh"])
    }

    @Test("add validates the record against the whole inventory")
    func addValidates() throws {
        let inventory = try InventoryFixture.valid()
        let good = Device(id: "so-tp-pc1", name: "Máy trạm", role: .workstation, vendor: "Dell", model: "OptiPlex 7090",
                          segment: "so-tp-lan", ipv4: [IPAddress("198.51.100.20")!])
        let added = try InventoryEditor.add(.device(good), agency: "so-tp", to: inventory).get()
        #expect(added.device("so-tp-pc1") == good)
        var bad = good
        bad.ipv4 = [IPAddress("198.51.100.2")!]
        guard case let .failure(f) = InventoryEditor.add(.device(bad), agency: "so-tp", to: inventory) else { Issue.record("accepted a duplicate address"); return }
        #expect(f.diagnostics[0].message.hasPrefix("duplicate address 198.51.100.2"))
    }
}

@Suite("Inventory: capability catalog")
struct CapabilityCatalogTests {
    @Test("firmware versions order numerically", arguments: [
        ("16.9.4", "16.12.1", -1), ("7.0", "7.0.0", 0), ("7.0.1", "7.0", 1), ("6.48.6", "7.1", -1),
        ("15.2(7)E4", "15.2(4)E", 1), ("V5.5.0", "V5.4.61", 1), ("V5.5.0", "5.5.0", 0), ("V5.4.1", "5.5.0", -1), ("R.11.25", "R.11.9", 1), ("1.0a", "1.0", 1),
    ])
    func versionOrder(a: String, b: String, expected: Int) {
        #expect(VersionOrder.compare(a, b) == expected)
    }

    @Test("exact model beats a family pattern; an upgrade verdict depends on the version; overrides win")
    func verdicts() {
        let catalog = CapabilityCatalog(entries: [
            CatalogEntry(vendor: "Acme", model: "R*", ipv6: .upgrade, minVersion: "2.0"),
            CatalogEntry(vendor: "Acme", model: "R100", ipv6: .no),
        ])
        func device(_ model: String, _ version: String?) -> Device {
            Device(id: "d", name: "d", role: .router, vendor: "ACME", model: model, version: version, segment: "s")
        }
        #expect(catalog.verdict(for: device("R100", "9")).label == "unsupported")
        #expect(catalog.verdict(for: device("R200", "1.9")).label == "upgrade to 2.0")
        #expect(catalog.verdict(for: device("R200", "2.1")).label == "supported")
        #expect(catalog.verdict(for: device("Z1", nil)) == .unknown)
        let overridden = catalog.merged(with: [CatalogEntry(vendor: "acme", model: "r100", ipv6: .yes)])
        #expect(overridden.verdict(for: device("R100", nil)).label == "supported")
    }

    @Test("the shipped catalog parses and is not empty")
    func shippedCatalog() throws {
        let parsed = try JSONParser.parse(DefaultCatalogData.json)
        let (entries, problems) = InventoryCodec.decodeCatalog(parsed.value, file: "shipped")
        #expect(problems.isEmpty, "\(problems)")
        #expect(entries.count >= 50)
        #expect(CapabilityCatalog.shipped.entries.count == entries.count)
    }
}
