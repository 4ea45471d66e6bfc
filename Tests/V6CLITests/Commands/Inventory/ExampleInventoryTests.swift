import Foundation
import Testing
@testable import V6CLI
import V6Core
import V6System

@Suite("CLI: the example province inventory")
struct ExampleInventoryTests {
    @Test("validates with exit 0 and prints counts per kind; it is as large as promised")
    func validates() throws {
        let box = try Sandbox()
        try box.copyExample(to: "example")
        let run = box.run("inventory", "validate", "--inventory", "example", "--json")
        #expect(run.code == .success, "\(run.err)")
        let counts = try JSONParser.parse(run.out).value["counts"]
        #expect((counts?["agencies"]?.doubleValue ?? 0) >= 20)
        #expect((counts?["devices"]?.doubleValue ?? 0) >= 300)
        #expect((counts?["services"]?.doubleValue ?? 0) >= 40)
        let text = box.run("inventory", "validate", "--inventory", "example")
        #expect(text.out.contains("devices"))
    }

    @Test("the committed files are in the canonical format: loading and saving changes no byte")
    func canonicalFormat() throws {
        let box = try Sandbox()
        try box.copyExample(to: "example")
        let before = try box.snapshot("example")
        // An import of its own export rewrites every agency file through the writer.
        let export = box.run("inventory", "export", "--inventory", "example", "--kind", "devices", "-o", "d.csv")
        #expect(export.code == .success, "\(export.err)")
        let imported = box.run("inventory", "import", "d.csv", "--inventory", "example")
        #expect(imported.code == .success, "\(imported.err)")
        #expect(try box.snapshot("example") == before)
    }

    @Test("a copy with a bad address, a duplicate id and a dangling reference: three errors with file and path, exit 2")
    func threeErrors() throws {
        let box = try Sandbox()
        try box.copyExample(to: "broken")
        let inventory = try InventoryLoader.load(box.snapshot("broken").map { .init(path: String($0.key.dropFirst("broken/".count)), bytes: $0.value) }).get()
        // Pick records by what they are, not by position, so the test survives edits to the example.
        let withIPv6 = try #require(inventory.agencyFiles.first { file in file.devices.contains { !$0.ipv6.isEmpty } && file.devices.count >= 2 && !file.services.isEmpty })
        let deviceIndex = withIPv6.devices.firstIndex { !$0.ipv6.isEmpty }!
        let other = withIPv6.devices.indices.first { $0 != deviceIndex }!
        let relative = "broken/" + withIPv6.relativePath
        var text = String(decoding: try box.read(relative), as: UTF8.self)
        let good = withIPv6.devices[deviceIndex].ipv6[0].description
        text = text.replacingFirst("\"\(good)\"", with: "\"2001:db8::zz\"")
        text = text.replacingFirst("\"id\": \"\(withIPv6.devices[other].id)\"", with: "\"id\": \"\(withIPv6.devices[deviceIndex].id)\"")
        text = text.replacingFirst("\"segment\": \"\(withIPv6.devices[other].segment)\"", with: "\"segment\": \"no-such-segment\"")
        try box.write(relative, text)
        let run = box.run("inventory", "validate", "--inventory", "broken")
        #expect(run.code == .usage)
        let lines = run.err.split(separator: "\n").map(String.init)
        let prefix = "broken/\(withIPv6.relativePath):"
        #expect(lines.contains { $0.hasPrefix(prefix) && $0.contains("devices[\(deviceIndex)].ipv6[0]: \"2001:db8::zz\" is not an IPv6 address") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix(prefix) && $0.contains("devices[\(max(other, deviceIndex))].id: duplicate id") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix(prefix) && $0.contains(".segment: \"no-such-segment\" is not a segment of this inventory") }, "\(lines)")
        #expect(lines.last?.contains("problem") == true)
    }

    @Test("CSV export then import is lossless, Vietnamese included; a failed import changes nothing")
    func csvRoundTripAndFailedImport() throws {
        let box = try Sandbox()
        try box.copyExample(to: "ex")
        for kind in ["devices", "services"] {
            let before = try box.snapshot("ex")
            #expect(box.run("inventory", "export", "--inventory", "ex", "--kind", kind, "--bom", "-o", "\(kind).csv").code == .success)
            let csv = try box.read("\(kind).csv")
            #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(String(decoding: csv, as: UTF8.self).contains("Sở"))
            let run = box.run("inventory", "import", "\(kind).csv", "--inventory", "ex")
            #expect(run.code == .success, "\(run.err)")
            #expect(run.out.contains("0 added"))
            #expect(try box.snapshot("ex") == before)
        }
        // A bad cell: the import fails with its line and column, and changes nothing.
        let lines = String(decoding: try box.read("devices.csv"), as: UTF8.self).components(separatedBy: "\r\n")
        var badCell = lines
        badCell[1] = badCell[1].replacingFirst(",medium,", with: ",mediu,").replacingFirst(",high,", with: ",hihg,")
            .replacingFirst(",low,", with: ",lo,").replacingFirst(",critical,", with: ",crit,")
        try box.write("bad-cell.csv", badCell.joined(separator: "\r\n"))
        // A row repeated: every cell is fine, but the file contradicts itself.
        var repeated = lines
        repeated.insert(lines[2], at: 3)
        try box.write("repeated.csv", repeated.joined(separator: "\r\n"))
        let before = try box.snapshot("ex")
        let failed = box.run("inventory", "import", "bad-cell.csv", "--inventory", "ex")
        #expect(failed.code == .usage)
        #expect(failed.err.hasPrefix("bad-cell.csv:2: criticality:"), "\(failed.err)")
        let duplicate = box.run("inventory", "import", "repeated.csv", "--inventory", "ex")
        #expect(duplicate.code == .usage)
        #expect(duplicate.err.hasPrefix("repeated.csv:4: id:"), "\(duplicate.err)")
        #expect(duplicate.err.contains("is already on line 3 of this file"), "\(duplicate.err)")
        #expect(try box.snapshot("ex") == before)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
