import Testing
@testable import V6Core

@Suite("CSV: RFC 4180 parsing and formatting")
struct CSVTests {
    @Test("quoted fields with commas, quotes and newlines; CRLF and LF; BOM skipped; line numbers of records")
    func parsesQuoting() throws {
        let text = "\u{FEFF}id,name\r\na,\"Sở \"\"Tư\"\" pháp, tỉnh\"\r\nb,\"hai\ndòng\"\nc,\n"
        let rows = try CSV.parse(Array(text.utf8))
        #expect(rows.map(\.fields) == [["id", "name"], ["a", "Sở \"Tư\" pháp, tỉnh"], ["b", "hai\ndòng"], ["c", ""]])
        #expect(rows.map(\.line) == [1, 2, 3, 5])
    }

    @Test("format then parse is the identity for awkward values")
    func roundTrip() throws {
        let rows = [["x", " leading", "trailing ", "a,b", "q\"q", "line\r\nbreak", "Nguyễn Văn Ánh", ""]]
        let bytes = CSV.format(header: ["h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8"], rows: rows, byteOrderMark: true)
        #expect(Array(bytes.prefix(3)) == CSV.byteOrderMark)
        #expect(try CSV.parse(bytes).dropFirst().map(\.fields) == rows)
    }

    @Test("errors name the line", arguments: [
        ("a,b\nc,d\"e\n", 2, "inside a field"),
        ("a,b\n\"c,d\n", 2, "never closed"),
        ("a\n\"x\"y\n", 2, "after the closing quote"),
    ])
    func errors(text: String, line: Int, fragment: String) {
        do { _ = try CSV.parse(Array(text.utf8)); Issue.record("accepted") } catch {
            #expect(error.line == line)
            #expect(error.message.contains(fragment))
        }
    }

    @Test("a file that is not UTF-8 (Excel's legacy encoding) is refused with its line")
    func rejectsNonUTF8() {
        var bytes = Array("id,name\nx,".utf8)
        bytes += [0xD0, 0x20]  // a Windows-1258 byte followed by a space is not valid UTF-8
        do { _ = try CSV.parse(bytes); Issue.record("accepted") } catch {
            #expect(error.line == 2)
            #expect(error.message.contains("UTF-8"))
        }
    }
}

@Suite("CSV: inventory export and import")
struct InventoryCSVTests {
    @Test("export then import into the same inventory changes no byte, Vietnamese included")
    func losslessRoundTrip() throws {
        let inventory = try InventoryFixture.valid()
        for kind in InventoryCSV.Kind.allCases {
            for bom in [false, true] {
                let csv = InventoryCSV.export(inventory, kind: kind, byteOrderMark: bom)
                let imported = try InventoryCSV.read(csv, kind: nil, file: "x.csv").get()
                #expect(imported.kind == kind)
                let merged = try InventoryEditor.merge(imported, into: inventory, csvFile: "x.csv").get()
                #expect(merged.added == 0)
                #expect(merged.replaced == (kind == .devices ? 3 : 1))
                #expect(InventoryLoader.serialize(merged.inventory).map(\.bytes) == InventoryLoader.serialize(inventory).map(\.bytes))
            }
        }
        let text = String(decoding: InventoryCSV.export(inventory, kind: .services, byteOrderMark: false), as: UTF8.self)
        #expect(text.contains("Cổng thông tin điện tử"))
    }

    @Test("importing into an inventory without those records recreates them exactly")
    func recreatesRecords() throws {
        let inventory = try InventoryFixture.valid()
        var emptied = inventory
        for i in emptied.agencyFiles.indices { emptied.agencyFiles[i].services = [] }
        let csv = InventoryCSV.export(inventory, kind: .services, byteOrderMark: true)
        let merged = try InventoryEditor.merge(try InventoryCSV.read(csv, kind: nil, file: "s.csv").get(), into: emptied, csvFile: "s.csv").get()
        #expect(merged.added == 1)
        #expect(merged.inventory == inventory)
    }

    @Test("bad cells are reported with line and column; nothing is returned")
    func lineNumberedErrors() {
        let csv = "id,agency,name,role,vendor,model,segment,ipv4,criticality\n"
            + "a1,so-tp,A,switch,Cisco,X,so-tp-lan,198.51.100.5,medium\n"
            + "a2,so-tp,B,swich,Cisco,X,so-tp-lan,198.51.100.999,medium\n"
            + "A 3,so-tp,,switch,Cisco,X,so-tp-lan,,\n"
        guard case let .failure(failure) = InventoryCSV.read(Array(csv.utf8), kind: nil, file: "d.csv") else {
            Issue.record("accepted"); return
        }
        let lines = failure.diagnostics.map(\.description)
        #expect(lines.contains("d.csv:3: role: \"swich\" is not one of router, l3-switch, switch, firewall, server, workstation, printer, camera, access-point, vpn, load-balancer, other"), "\(lines)")
        #expect(lines.contains("d.csv:3: ipv4: \"198.51.100.999\" is not an IPv4 address"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("d.csv:4: id: \"A 3\" is not a valid id") }, "\(lines)")
        #expect(lines.contains("d.csv:4: name: is empty (required)"), "\(lines)")
    }

    @Test("problems found only against the inventory point at the CSV line too")
    func mergeErrorsPointAtLines() throws {
        let inventory = try InventoryFixture.valid()
        let csv = "id,agency,name,role,vendor,model,segment,ipv4\n"
            + "n1,so-tp,A,switch,Cisco,X,so-tp-lan,198.51.100.9\n"
            + "n2,so-tp,B,switch,Cisco,X,so-tp-lan,192.0.2.77\n"
            + "n3,nobody,C,switch,Cisco,X,so-tp-lan,\n"
        let imported = try InventoryCSV.read(Array(csv.utf8), kind: nil, file: "d.csv").get()
        guard case let .failure(f1) = InventoryEditor.merge(imported, into: inventory, csvFile: "d.csv") else { Issue.record("accepted"); return }
        #expect(f1.diagnostics.map(\.description) == ["d.csv:4: agency: \"nobody\" is not an agency of this inventory"])
        let fixed = try InventoryCSV.read(Array(csv.replacingOccurrences(of: "nobody", with: "so-tp").utf8), kind: nil, file: "d.csv").get()
        guard case let .failure(f2) = InventoryEditor.merge(fixed, into: inventory, csvFile: "d.csv") else { Issue.record("accepted"); return }
        #expect(f2.diagnostics.map(\.description) == ["d.csv:3: ipv4: 192.0.2.77 is outside segment \"so-tp-lan\" (198.51.100.0/26)"])
    }
}
