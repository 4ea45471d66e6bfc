import Testing
@testable import V6Core

@Suite("Inventory: the 2025 reorganisation — rename, move, dissolve, merge")
struct InventoryReorganisationTests {
    @Test("rename rewrites the record and every reference; the old id is gone everywhere")
    func renameEverywhere() throws {
        let inventory = try InventoryFixture.valid()
        let (site, _) = try InventoryReorganisation.rename("tinh-hq", to: "tinh-tru-so", in: inventory).get()
        #expect(site.sites.map(\.id).contains("tinh-tru-so") && site.segment("tinh-lan")?.site == "tinh-tru-so")
        let (device, changes) = try InventoryReorganisation.rename("tinh-srv1", to: "tinh-web", in: inventory).get()
        #expect(device.services.first?.device == "tinh-web" && device.device("tinh-srv1") == nil)
        #expect(changes.contains("service cong-ttdt (device)"))
        let (agency, _) = try InventoryReorganisation.rename("ubnd-tinh", to: "ubnd", in: inventory).get()
        #expect(agency.agencies.first { $0.id == "so-tp" }?.parent == "ubnd")
        #expect(InventoryLoader.serialize(agency).map(\.path).contains("agencies/ubnd.json"))
        let text = InventoryLoader.serialize(agency).map { String(decoding: $0.bytes, as: UTF8.self) }.joined()
        #expect(!text.contains("\"ubnd-tinh\""))
    }

    @Test("rename refuses an unknown id, a taken id and a malformed one")
    func renameRefusals() throws {
        let inventory = try InventoryFixture.valid()
        #expect(throws: ValidationFailure.self) { try InventoryReorganisation.rename("nope", to: "x", in: inventory).get() }
        #expect(throws: ValidationFailure.self) { try InventoryReorganisation.rename("tinh-fw1", to: "so-tp", in: inventory).get() }
        #expect(throws: ValidationFailure.self) { try InventoryReorganisation.rename("tinh-fw1", to: "Bad Id", in: inventory).get() }
    }

    @Test("dissolving an agency hands its agencies to its parent and keeps its records; a current agency under a dissolved one is invalid")
    func dissolve() throws {
        var inventory = try InventoryFixture.valid()
        let district = AgencyFile(agency: Agency(id: "huyen-a", name: "Huyện A", kind: .district, parent: "ubnd-tinh"))
        let commune = AgencyFile(agency: Agency(id: "xa-b", name: "Xã B", kind: .commune, parent: "huyen-a"))
        inventory = Inventory(manifest: inventory.manifest, agencyFiles: inventory.agencyFiles + [district, commune])
        let day = CalendarDate(year: 2025, month: 7, day: 1)!
        let (after, changes) = try InventoryReorganisation.dissolve("huyen-a", on: day, successor: nil, in: inventory).get()
        #expect(after.agencies.first { $0.id == "huyen-a" }?.dissolved == day)
        #expect(after.agencies.first { $0.id == "xa-b" }?.parent == "ubnd-tinh")
        #expect(changes == ["agency huyen-a: dissolved on 2025-07-01", "agency xa-b: parent huyen-a → ubnd-tinh"])
        var broken = after
        broken.agencyFiles[broken.agencyFileIndex("xa-b")!].agency.parent = "huyen-a"
        #expect(InventoryValidator.validate(broken).contains { $0.message.contains("was dissolved on 2025-07-01") })
        // The dissolved date travels through the file format.
        let file = InventoryLoader.serialize(after).first { $0.path == "agencies/huyen-a.json" }!
        #expect(String(decoding: file.bytes, as: UTF8.self).contains("\"dissolved\": \"2025-07-01\""))
        #expect(try InventoryLoader.load(InventoryLoader.serialize(after).map { .init(path: $0.path, bytes: $0.bytes) }, displayPrefix: "").get() == after)
    }

    @Test("move refuses a loop")
    func moveLoop() throws {
        let inventory = try InventoryFixture.valid()
        #expect(throws: ValidationFailure.self) { try InventoryReorganisation.move("ubnd-tinh", parent: "so-tp", in: inventory).get() }
        let (moved, _) = try InventoryReorganisation.move("so-tp", parent: "ubnd-tinh", in: inventory).get()
        #expect(moved.agencies.first { $0.id == "so-tp" }?.parent == "ubnd-tinh")
    }

    @Test("merge: colliding ids are errors until a prefix renames the incoming side; overlapping prefixes always are")
    func merge() throws {
        let ours = try InventoryFixture.valid()
        // The same files on other addresses: every id collides, no prefix overlaps.
        let province = InventoryFixture.province.replacingOccurrences(of: "192.0.2.", with: "203.0.113.")
            .replacingOccurrences(of: "2001:db8:a00:1::", with: "2001:db8:b00:1::").replacingOccurrences(of: "203.0.113.0/25", with: "203.0.113.0/25")
        let department = InventoryFixture.department.replacingOccurrences(of: "198.51.100.", with: "203.0.113.1")
            .replacingOccurrences(of: "203.0.113.10/26", with: "203.0.113.128/26").replacingOccurrences(of: "203.0.113.12\"", with: "203.0.113.130\"")
        let manifest = InventoryFixture.manifest.replacingOccurrences(of: "\"192.0.2.0/24\", \"198.51.100.0/24\"", with: "\"203.0.113.0/24\"")
            .replacingOccurrences(of: "2001:db8:a00::/40", with: "2001:db8:b00::/40")
        let theirs = try InventoryFixture.load(InventoryFixture.files(province: province, department: department, manifest: manifest)).get()
        let collisions = InventoryReorganisation.merge(theirs, into: ours, idPrefix: nil, parent: nil, otherDisplay: "other/")
        guard case let .failure(failure) = collisions else { Issue.record("merged despite colliding ids"); return }
        #expect(failure.diagnostics.count == InventoryReorganisation.allIDs(theirs).count)
        let (merged, report) = try InventoryReorganisation.merge(theirs, into: ours, idPrefix: "lc-", parent: "ubnd-tinh", otherDisplay: "other/").get()
        #expect(merged.agencies.count == 4 && merged.devices.count == ours.devices.count + theirs.devices.count)
        #expect(merged.agencies.first { $0.id == "lc-ubnd-tinh" }?.parent == "ubnd-tinh")
        #expect(merged.agencies.first { $0.id == "lc-so-tp" }?.parent == "lc-ubnd-tinh")
        #expect(report.renamed == InventoryReorganisation.allIDs(theirs).count)
        #expect(merged.manifest.scope.contains(IPAddress("203.0.113.5")!) && merged.manifest.scope.contains(IPAddress("2001:db8:b00::1")!))
        #expect(InventoryValidator.validate(merged).isEmpty)
        // Our own inventory again, prefixed: the ids are free, the prefixes are not.
        let overlap = InventoryReorganisation.merge(ours, into: ours, idPrefix: "x-", parent: nil, otherDisplay: "other/")
        guard case let .failure(o) = overlap else { Issue.record("merged overlapping segments"); return }
        #expect(o.diagnostics.allSatisfy { $0.message.contains("overlaps") })
    }
}
