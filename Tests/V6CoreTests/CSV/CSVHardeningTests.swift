import Foundation
import Testing
@testable import V6Core

/// Issue 13 items 5 and 9: formula injection and the parser defects of CSV.
@Suite("CSV hardening: formula guard, empty rows, byte order marks, semicolons")
struct CSVHardeningTests {
    static let hostile = ["=HYPERLINK(\"http://x.example\",\"y\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "'=already", "''+two",
                          "'plain", "a=b", "Nguyễn = Văn", "-", "'"]

    @Test("a cell starting with = + - @ tab or CR gets one apostrophe; apostrophes before them one more; others none")
    func guardsFormulas() {
        #expect(SpreadsheetFormulaGuard.guarded("=1+1") == "'=1+1")
        #expect(SpreadsheetFormulaGuard.guarded("@x") == "'@x")
        #expect(SpreadsheetFormulaGuard.guarded("\tx") == "'\tx")
        #expect(SpreadsheetFormulaGuard.guarded("'=x") == "''=x")
        #expect(SpreadsheetFormulaGuard.guarded("'plain") == "'plain")
        #expect(SpreadsheetFormulaGuard.guarded("a=b") == "a=b")
        for text in Self.hostile {
            #expect(SpreadsheetFormulaGuard.unguarded(SpreadsheetFormulaGuard.guarded(text)) == text, "\(text)")
            let first = SpreadsheetFormulaGuard.guarded(text).unicodeScalars.first
            #expect(!["=", "+", "-", "@", "\t", "\r"].contains(first), "\(text) is written starting with a formula character")
        }
    }

    @Test("inventory export writes no formula cell and import gives back the same bytes, for hostile names too")
    func inventoryRoundTripWithHostileNames() throws {
        var inventory = try InventoryFixture.valid()
        for (i, name) in Self.hostile.enumerated() where !name.contains("\r") {
            inventory.agencyFiles[0].devices[i % inventory.agencyFiles[0].devices.count].name = name
            inventory.agencyFiles[0].devices[i % inventory.agencyFiles[0].devices.count].notes = name
        }
        inventory.agencyFiles[0].devices[0].name = "=cmd|' /C calc'!A0"
        inventory.agencyFiles[0].devices[1].vendor = "@evil"
        for kind in InventoryCSV.Kind.allCases {
            let csv = InventoryCSV.export(inventory, kind: kind, byteOrderMark: true)
            let rows = try CSV.parse(csv)
            for row in rows { for cell in row.fields { #expect(!["=", "+", "-", "@", "\t", "\r"].contains(cell.unicodeScalars.first), "\(cell)") } }
            let imported = try InventoryCSV.read(csv, kind: kind, file: "x.csv").get()
            let merged = try InventoryEditor.merge(imported, into: inventory, csvFile: "x.csv").get()
            #expect(InventoryLoader.serialize(merged.inventory).map(\.bytes) == InventoryLoader.serialize(inventory).map(\.bytes))
            #expect(InventoryCSV.export(merged.inventory, kind: kind, byteOrderMark: true) == csv)
        }
    }

    @Test("the example inventory exports and imports back byte for byte")
    func exampleRoundTrip() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path + "/inventories/example"
        var files = [InventoryLoader.SourceFile(path: "inventory.json", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: root + "/inventory.json"))))]
        for name in try FileManager.default.contentsOfDirectory(atPath: root + "/agencies").sorted() {
            files.append(.init(path: "agencies/" + name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: root + "/agencies/" + name)))))
        }
        let inventory = try InventoryLoader.load(files).get()
        for kind in InventoryCSV.Kind.allCases {
            let csv = InventoryCSV.export(inventory, kind: kind, byteOrderMark: true)
            let merged = try InventoryEditor.merge(try InventoryCSV.read(csv, kind: kind, file: "x.csv").get(), into: inventory, csvFile: "x.csv").get()
            #expect(InventoryLoader.serialize(merged.inventory).map(\.bytes) == InventoryLoader.serialize(inventory).map(\.bytes))
        }
    }

    @Test("plan.csv and scores.csv guard formulas (CSV.format with guardingFormulas)")
    func reportsGuard() throws {
        let bytes = CSV.format(header: ["a"], rows: [["=1+1"], ["-5"], ["ok"]], byteOrderMark: true, guardingFormulas: true)
        #expect(try CSV.parse(bytes).map(\.fields) == [["a"], ["'=1+1"], ["'-5"], ["ok"]])
    }

    @Test("a row of one empty field is written as \"\" and read back, not lost as an empty line")
    func emptyRowSurvives() throws {
        let bytes = CSV.format(header: ["only"], rows: [[""], ["x"], [""]], byteOrderMark: false)
        #expect(String(decoding: bytes, as: UTF8.self) == "only\r\n\"\"\r\nx\r\n\"\"\r\n")
        #expect(try CSV.parse(bytes).map(\.fields) == [["only"], [""], ["x"], [""]])
    }

    @Test("one byte order mark at the start is removed; a U+FEFF in a field is kept and written quoted")
    func byteOrderMarkOnlyAtStart() throws {
        let text = "\u{FEFF}\u{FEFF}id,name\r\n\u{FEFF}a,b\u{FEFF}\r\n"
        #expect(try CSV.parse(Array(text.utf8)).map(\.fields) == [["\u{FEFF}id", "name"], ["\u{FEFF}a", "b\u{FEFF}"]])
        // Without a mark of its own, a file whose first field starts with U+FEFF must not lose it on reading.
        let bytes = CSV.format(header: ["\u{FEFF}x", "y"], rows: [["\u{FEFF}v", "w"]], byteOrderMark: false)
        #expect(try CSV.parse(bytes).map(\.fields) == [["\u{FEFF}x", "y"], ["\u{FEFF}v", "w"]])
    }

    @Test("a semicolon-separated file (Excel in the Vietnamese locale) is read; commas inside cells stay text")
    func semicolonSeparated() throws {
        let text = "id;agency;name;role;vendor;model;segment\r\nso-tp-sw9;so-tp;Bộ chuyển mạch, tầng 2;switch;Cisco;C9200;so-tp-lan\r\n"
        #expect(try CSV.parse(Array(text.utf8)).map(\.fields) == [["id", "agency", "name", "role", "vendor", "model", "segment"],
                                                                 ["so-tp-sw9", "so-tp", "Bộ chuyển mạch, tầng 2", "switch", "Cisco", "C9200", "so-tp-lan"]])
        let imported = try InventoryCSV.read(Array(text.utf8), kind: nil, file: "vi.csv").get()
        #expect(imported.devices.map(\.device.name) == ["Bộ chuyển mạch, tầng 2"])
        // A comma header stays comma-separated even with semicolons in cells.
        #expect(try CSV.parse(Array("a,b\r\nx;y,z\r\n".utf8)).map(\.fields) == [["a", "b"], ["x;y", "z"]])
    }

    @Test("cells with control characters or BiDi overrides are refused on import, with line and column")
    func controlCharactersRefused() {
        let csv = "id,agency,name,role,vendor,model,segment\r\nx1,so-tp,\"a\u{1B}[2Jb\",switch,Cisco,X,so-tp-lan\r\nx2,so-tp,\u{202E}gnp.exe,switch,Cisco,X,so-tp-lan\r\n"
        guard case .failure(let failure) = InventoryCSV.read(Array(csv.utf8), kind: nil, file: "c.csv") else { Issue.record("accepted"); return }
        let messages = failure.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("c.csv:2: name: contains a control character (U+001B)") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("c.csv:3: name: contains a BiDi control character (U+202E)") }, "\(messages)")
    }
}
