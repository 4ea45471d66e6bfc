import Testing
@testable import V6Core

/// Issue 13 items 3, 7 and 8 at validation: impossible costs, empty ids, control characters, long text.
@Suite("Inventory hardening: costs, empty ids, control and BiDi characters, text length")
struct InventoryInputHardeningTests {
    func messages(province: String = InventoryFixture.province, manifest: String = InventoryFixture.manifest) -> [String] {
        guard case .failure(let failure) = InventoryFixture.load(InventoryFixture.files(province: province, manifest: manifest)) else { return [] }
        return failure.diagnostics.map(\.description)
    }

    func manifest(cost: String) -> String {
        InventoryFixture.manifest.replacingOccurrences(of: "\"ipv6_allocation\"",
            with: "\"catalog\": [{\"vendor\": \"Dell\", \"model\": \"PowerEdge*\", \"ipv6\": \"no\",\n\"replacement_cost\": \(cost)}],\n\"ipv6_allocation\"")
    }

    @Test("\"replacement_cost\": 1e19 and a negative cost fail validate, with line and path")
    func costs() {
        let huge = messages(manifest: manifest(cost: "1e19"))
        #expect(huge.contains { $0.hasPrefix("inventories/t/inventory.json:") && $0.contains("catalog[0].replacement_cost: 1e+19 is not a number from 0 to 1000000000000000") }, "\(huge)")
        let negative = messages(manifest: manifest(cost: "-5"))
        #expect(negative.contains { $0.contains("catalog[0].replacement_cost: -5 is not a number from 0") }, "\(negative)")
        #expect(messages(manifest: manifest(cost: "25000000")).isEmpty)
    }

    @Test("two records with \"id\": \"\" are refused (empty id), never reaching a dictionary keyed by id")
    func emptyIDs() {
        let province = InventoryFixture.province
            .replacingOccurrences(of: "\"id\": \"tinh-fw1\"", with: "\"id\": \"\"")
            .replacingOccurrences(of: "\"id\": \"cong-ttdt\"", with: "\"id\": \"\"")
        let found = messages(province: province)
        #expect(found.contains { $0.contains("devices[0].id: an id may not be empty") }, "\(found)")
        #expect(found.contains { $0.contains("services[0].id: an id may not be empty") }, "\(found)")
    }

    @Test("ESC, NUL, C1 and BiDi overrides in names are refused with file:line:path; tab is allowed",
          arguments: [("\\u001b[2J", "U+001B"), ("\\u0000", "U+0000"), ("\\u0085", "U+0085"), ("\\u202e", "U+202E"), ("\\u2066", "U+2066"),
                      ("\\n* * * * * root x", "U+000A")])
    func controls(escape: String, code: String) {
        let province = InventoryFixture.province.replacingOccurrences(of: "\"name\": \"Tường lửa\"", with: "\"name\": \"Tường\(escape)lửa\"")
        let found = messages(province: province)
        #expect(found.contains { $0.hasPrefix("inventories/t/agencies/ubnd-tinh.json:8: devices[0].name: contains") && $0.contains(code) }, "\(found)")
    }

    @Test("a tab in a note is fine; a note over 4096 characters is not")
    func lengths() {
        let tab = InventoryFixture.province.replacingOccurrences(of: "\"criticality\": \"high\"", with: "\"criticality\": \"high\", \"notes\": \"a\\tb\"")
        #expect(messages(province: tab).isEmpty)
        let long = InventoryFixture.province.replacingOccurrences(of: "\"criticality\": \"high\"",
                                                                   with: "\"criticality\": \"high\", \"notes\": \"\(String(repeating: "ă", count: 4097))\"")
        #expect(messages(province: long).contains { $0.contains("devices[0].notes: is 4097 characters long; at most 4096") })
    }
}
