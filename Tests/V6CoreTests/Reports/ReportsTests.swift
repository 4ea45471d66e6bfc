import Foundation
import Testing
@testable import V6Core

/// Golden reports of the example inventory with the recorded scan on a fixed date. Set V6READY_UPDATE_GOLDEN=1 to
/// rewrite the files after an intended change, then review the diff.
@Suite("Reports: golden files, determinism, escaping, Vietnamese")
struct ReportsTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path
    static let scanName = "20240515T020000Z.jsonl"
    static let date = CalendarDate("2024-06-30")!

    static func exampleInventory() throws -> Inventory {
        let folder = root + "/inventories/example"
        var files = [InventoryLoader.SourceFile(path: "inventory.json", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/inventory.json"))))]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder + "/agencies").sorted() where name.hasSuffix(".json") {
            files.append(.init(path: "agencies/" + name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/agencies/" + name)))))
        }
        return try InventoryLoader.load(files).get()
    }

    static func examplePlan() throws -> (MigrationPlan, Inventory) {
        let inventory = try exampleInventory()
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: root + "/examples/recorded-scan/" + scanName)))
        let scan = try ScanData.parse(bytes, name: scanName).get()
        let program = ProgramCodec.shipped
        let catalog = CapabilityCatalog.shipped.merged(with: inventory.manifest.catalog)
        let assessment = Assessor.assess(inventory, catalog: catalog, scan: scan, program: program)
        let addresses = try AddressPlanner.plan(inventory, root: inventory.manifest.ipv6Allocation!, state: nil)
        let plan = Planner.plan(inventory, assessment: assessment, program: program, today: date,
                                suggestedPrefixes: addresses.plannedSegmentPrefixes)
        return (plan, inventory)
    }

    static func renderAll() throws -> [(name: String, bytes: [UInt8])] {
        let (plan, inventory) = try examplePlan()
        var files: [(String, [UInt8])] = []
        for language in ReportLanguage.allCases {
            let input = ReportInput(plan: plan, inventory: inventory, language: language)
            files.append(("plan.\(language.rawValue).md", Array(MarkdownReport.render(input).utf8)))
            files.append(("plan.\(language.rawValue).html", Array(HTMLReport.render(input).utf8)))
            if language == .vi {
                files.append(("plan.vi.csv", CSVReport.planItems(input)))
                files.append(("scores.vi.csv", CSVReport.scores(input)))
            }
        }
        files.append(("plan.json", Array(JSONWriter.pretty(ReportJSON.plan(plan, agencyNames: ReportInput(plan: plan, inventory: inventory, language: .en).agencyNames)).utf8)))
        files.append(("assessment.json", Array(JSONWriter.pretty(ReportJSON.assessment(plan.assessment, agencyNames: [:])).utf8)))
        return files
    }

    @Test("the example inventory with the recorded scan renders exactly the golden files")
    func golden() throws {
        let update = ProcessInfo.processInfo.environment["V6READY_UPDATE_GOLDEN"] == "1"
        for (name, bytes) in try Self.renderAll() {
            let path = Self.goldenFolder + "/" + name
            if update {
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                continue
            }
            let expected = try #require(FileManager.default.contents(atPath: path), "missing \(path): run with V6READY_UPDATE_GOLDEN=1")
            if Array(expected) != bytes {
                let got = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                let want = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                let line = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
                Issue.record("\(name) differs from the golden file at line \(line + 1):\n  got:  \(line < got.count ? got[line] : "<end>")\n  want: \(line < want.count ? want[line] : "<end>")\n(V6READY_UPDATE_GOLDEN=1 rewrites the golden files)")
            }
        }
    }

    @Test("the same input gives the same bytes")
    func deterministic() throws {
        let a = try Self.renderAll(), b = try Self.renderAll()
        #expect(a.map(\.bytes) == b.map(\.bytes))
    }

    @Test("Vietnamese reports use the program's words, with their diacritics")
    func vietnamese() throws {
        let (plan, inventory) = try Self.examplePlan()
        let input = ReportInput(plan: plan, inventory: inventory, language: .vi)
        let md = MarkdownReport.render(input), html = HTMLReport.render(input)
        for phrase in ["Sẵn sàng IPv6", "Kế hoạch chuyển đổi", "Giai đoạn", "Nâng cấp firmware", "Thay thế thiết bị", "Chậm tiến độ",
                       "Trung tâm tích hợp dữ liệu", "Thiết bị đầu cuối"] {
            #expect(md.contains(phrase), "\(phrase)")
            #expect(html.contains(phrase), "\(phrase)")
        }
        #expect(html.contains("<html lang=\"vi\">"))
        let english = MarkdownReport.render(ReportInput(plan: plan, inventory: inventory, language: .en))
        #expect(!english.contains("Giai đoạn"))
        #expect(english.contains("Migration plan"))
    }

    @Test("the HTML is self-contained and printable: inline SVG charts, no scripts, no external fonts, images or links")
    func selfContained() throws {
        let (plan, inventory) = try Self.examplePlan()
        let html = HTMLReport.render(ReportInput(plan: plan, inventory: inventory, language: .en))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 3, "readiness by agency, targets, timeline")
        for forbidden in ["<script", "<link", "<img", "@import", "url(", "@font-face", "src=", "href=", "<iframe"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        let external = html.components(separatedBy: "http").dropFirst().filter { !$0.hasPrefix("://www.w3.org/2000/svg") }
        #expect(external.isEmpty, "only the SVG namespace may name a URL")
        #expect(html.contains("@media print"))
    }

    @Test("names with quotes, ampersands and angle brackets are escaped in HTML and Markdown, kept in CSV")
    func escaping() throws {
        let inventory = ReadinessFixture.inventory()
        let assessment = Assessor.assess(inventory, catalog: ReadinessFixture.catalog, scan: try ReadinessFixture.scan(), program: ProgramCodec.shipped)
        let plan = Planner.plan(inventory, assessment: assessment, program: ProgramCodec.shipped, today: CalendarDate("2023-06-30")!)
        let input = ReportInput(plan: plan, inventory: inventory, language: .vi)
        let html = HTMLReport.render(input)
        #expect(html.contains("Sở &quot;A&quot; &amp; Co"))
        #expect(html.contains("Cổng thông tin &lt;điện tử&gt;"))
        #expect(!html.contains("<điện tử>"))
        #expect(!html.contains("Sở \"A\" & Co"))
        #expect(HTMLReport.escape("a'b") == "a&#39;b")
        let csv = CSVReport.planItems(input)
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]), "Excel needs the BOM")
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        #expect(text.contains("\"Sở \"\"A\"\" & Co\""))
        #expect(text.contains("\r\n"))
        let rows = try CSV.parse(csv)
        #expect(rows.count == plan.items.count + 1)
        // Markdown shows the name and never the markup: `<` would open raw HTML.
        #expect(MarkdownReport.render(input).contains("Cổng thông tin \\<điện tử\\>"))
        #expect(!MarkdownReport.render(input).contains("<điện tử>"))
    }
}
