import Testing
@testable import V6Core

@Suite("Inventory: loading and validation")
struct InventoryValidationTests {
    @Test("the fixture loads, with canonical addresses and counts")
    func loadsValid() throws {
        let inventory = try InventoryFixture.valid()
        #expect(inventory.counts.map(\.count) == [2, 2, 2, 3, 1])
        #expect(inventory.agencyFiles.map(\.agency.id) == ["so-tp", "ubnd-tinh"])
        #expect(inventory.device("tinh-fw1")?.ipv6 == [IPAddress("2001:db8:a00:1::1")!])
    }

    @Test("a bad address, a duplicate id and a dangling reference are all reported, each with file, line and path")
    func reportsAllThree() {
        let province = InventoryFixture.province
            .replacingOccurrences(of: "\"2001:db8:a00:1::1\"", with: "\"2001:db8::zz\"")
            .replacingOccurrences(of: "\"id\": \"tinh-srv1\"", with: "\"id\": \"tinh-fw1\"")
            .replacingOccurrences(of: "\"device\": \"tinh-srv1\"", with: "\"device\": \"tinh-srv9\"")
        guard case let .failure(failure) = InventoryFixture.load(InventoryFixture.files(province: province)) else {
            Issue.record("the broken inventory was accepted"); return
        }
        let lines = failure.diagnostics.map(\.description)
        #expect(lines.contains("inventories/t/agencies/ubnd-tinh.json:11: devices[0].ipv6[0]: \"2001:db8::zz\" is not an IPv6 address"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("inventories/t/agencies/ubnd-tinh.json:12: devices[1].id: duplicate id \"tinh-fw1\"") }, "\(lines)")
        #expect(lines.contains("inventories/t/agencies/ubnd-tinh.json:17: services[0].device: \"tinh-srv9\" is not a device of this inventory"), "\(lines)")
    }

    @Test("unknown fields, wrong types and bad words are reported by path")
    func fieldProblems() {
        let department = InventoryFixture.department
            .replacingOccurrences(of: "\"criticality\": \"medium\"", with: "\"criticality\": \"urgent\", \"ipv6 \": []")
            .replacingOccurrences(of: "\"kind\": \"lan\"", with: "\"kind\": \"lan\", \"vlan\": \"ten\"")
        guard case let .failure(failure) = InventoryFixture.load(InventoryFixture.files(department: department)) else {
            Issue.record("accepted"); return
        }
        let messages = failure.diagnostics.map { "\($0.path?.text ?? ""): \($0.message)" }
        #expect(messages.contains("devices[0].criticality: \"urgent\" is not one of low, medium, high, critical"), "\(messages)")
        #expect(messages.contains("devices[0][\"ipv6 \"]: unknown field \"ipv6 \""), "\(messages)")
        #expect(messages.contains("segments[0].vlan: expected a whole number, found a string"), "\(messages)")
    }

    @Test("addresses outside their segment, outside scope, duplicated, and a missing family prefix")
    func addressPlacement() {
        let department = InventoryFixture.department
            .replacingOccurrences(of: "\"ipv4\": [\"198.51.100.2\"], \"ipv6\": []", with: "\"ipv4\": [\"198.51.100.200\"], \"ipv6\": [\"2001:db8:b::1\"]")
        let province = InventoryFixture.province
            .replacingOccurrences(of: "\"ipv4\": [\"192.0.2.10\"], \"ipv6\": [], \"criticality\"", with: "\"ipv4\": [\"192.0.2.1\"], \"ipv6\": [], \"criticality\"")
            .replacingOccurrences(of: "\"ipv6\": [\"2001:db8:a00:1::/64\"]", with: "\"ipv6\": [\"2001:db8:a00:1::/64\", \"3fff::/64\"]")
        guard case let .failure(failure) = InventoryFixture.load(InventoryFixture.files(province: province, department: department)) else {
            Issue.record("accepted"); return
        }
        let messages = failure.diagnostics.map(\.message)
        #expect(messages.contains("198.51.100.200 is outside segment \"so-tp-lan\" (198.51.100.0/26)"), "\(messages)")
        #expect(messages.contains("2001:db8:b::1 is in segment \"so-tp-lan\", which has no IPv6 prefix"), "\(messages)")
        #expect(messages.contains { $0.hasPrefix("duplicate address 192.0.2.1: already used at devices[0]") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("3fff::/64 is outside the inventory's scope") }, "\(messages)")
    }

    @Test("an unsupported schema version is refused with the version this build reads")
    func schemaVersion() {
        let manifest = InventoryFixture.manifest.replacingOccurrences(of: "\"schema\": 1", with: "\"schema\": 2")
        guard case let .failure(failure) = InventoryFixture.load(InventoryFixture.files(manifest: manifest)) else {
            Issue.record("accepted"); return
        }
        #expect(failure.diagnostics.map(\.description).contains("inventories/t/inventory.json:2: schema: schema version 2 is not supported: this build reads version 1"))
    }

    @Test("parent loops, wrong file names and syntax errors")
    func structuralProblems() {
        let province = InventoryFixture.province.replacingOccurrences(of: "\"kind\": \"province\"}", with: "\"kind\": \"province\", \"parent\": \"so-tp\"}")
        var files = InventoryFixture.files(province: province)
        files.append(.init(path: "agencies/wrong-name.json", bytes: Array(InventoryFixture.department.replacingOccurrences(of: "so-tp", with: "so-x").utf8)))
        files.append(.init(path: "agencies/broken.json", bytes: Array("{\n  \"schema\": 1,\n  \"agency\": {\n}".utf8)))
        guard case let .failure(failure) = InventoryFixture.load(files) else { Issue.record("accepted"); return }
        let lines = failure.diagnostics.map(\.description)
        #expect(lines.contains { $0.contains("parent chain loops back") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("inventories/t/agencies/wrong-name.json") && $0.contains("must be in agencies/so-x.json") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("inventories/t/agencies/broken.json:4:") }, "\(lines)")
    }

    @Test("serializing a loaded inventory and loading it again gives the same inventory")
    func serializeRoundTrip() throws {
        let inventory = try InventoryFixture.valid()
        let again = try InventoryLoader.load(InventoryLoader.serialize(inventory)).get()
        #expect(again == inventory)
        #expect(InventoryLoader.serialize(again).map(\.bytes) == InventoryLoader.serialize(inventory).map(\.bytes))
    }
}
