import Foundation
import Testing
@testable import V6Core

@Suite("Planning: the program file")
struct PlanningProgramTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    @Test("the embedded program is byte for byte programs/ipv6-for-gov-2022-2025.json")
    func embeddedMatchesFile() throws {
        let file = try String(contentsOfFile: Self.root + "/" + DefaultProgramData.fileName, encoding: .utf8)
        #expect(file == DefaultProgramData.json, "paste programs/ipv6-for-gov-2022-2025.json into Sources/V6Core/Planning/DefaultProgramData.swift")
    }

    @Test("the shipped program has the national structure: five phases 2022–2025, six categories, targets for each")
    func shipped() {
        let p = ProgramCodec.shipped
        #expect(p.phases.count == 5)
        #expect(p.phases.first?.start == CalendarDate("2022-01-01"))
        #expect(p.phases.last?.end == CalendarDate("2025-12-31"))
        #expect(p.categories.map(\.id) == ["internet-edge", "lan", "wan", "datacenter", "systems", "end-devices"])
        #expect(Set(p.targets.map(\.category)) == Set(p.categories.map(\.id)))
        #expect(p.years == [2022, 2023, 2024, 2025])
        #expect(p.target(category: "internet-edge", year: 2023) == 100)
        #expect(p.categories.allSatisfy { !$0.name.vi.isEmpty && $0.name.vi != $0.name.en })
    }

    @Test("a broken program file: every problem as file:line: path: message")
    func diagnostics() {
        let text = """
        {
          "schema": 1,
          "id": "x",
          "name": {"en": "X", "vi": "X"},
          "categories": [{"id": "lan", "name": {"en": "LAN", "vi": "LAN"}}],
          "category_rules": [{"segment_kind": "lan", "category": "wan"}],
          "phases": [
            {"id": "p1", "name": {"en": "P", "vi": "P"}, "start": "2022-13-01", "end": "2022-12-31", "match": [{"device_role": "toaster"}]},
            {"id": "p2", "name": {"en": "P", "vi": "P"}, "start": "2023-01-01", "end": "2022-12-31"}
          ],
          "targets": [{"category": "lan", "percent": {"2022": 50, "2023": 120}}],
          "colour": "blue"
        }
        """
        guard case let .failure(failure) = ProgramCodec.load(Array(text.utf8), file: "my-program.json") else {
            Issue.record("expected problems"); return
        }
        let lines = failure.diagnostics.map(\.description)
        #expect(lines.contains("my-program.json:6: category_rules[0].category: \"wan\" is not one of the program's categories (lan)"), "\(lines)")
        #expect(lines.contains("my-program.json:8: phases[0].start: \"2022-13-01\" is not a date (YYYY-MM-DD)"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("my-program.json:8: phases[0].match[0].device_role: \"toaster\" is not one of") }, "\(lines)")
        #expect(lines.contains("my-program.json:9: phases[1].end: 2022-12-31 is before the start 2023-01-01"), "\(lines)")
        #expect(lines.contains("my-program.json:11: targets[0].percent.2023: expected a percentage from 0 to 100, found 120"), "\(lines)")
        #expect(lines.contains("my-program.json:12: colour: unknown field \"colour\""), "\(lines)")
    }

    @Test("dates are strict and ordered")
    func dates() {
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(CalendarDate("2024-6-30") == nil)
        #expect(CalendarDate("2024-06-30")! < CalendarDate("2024-07-01")!)
        #expect(CalendarDate("2024-01-01")!.dayNumber - CalendarDate("2023-01-01")!.dayNumber == 365)
        #expect(ReportText(.vi).date(CalendarDate("2024-06-30")!) == "30/06/2024")
    }
}

@Suite("Planning: the 2026–2030 IPv6-only program and the choice by date")
struct ProgramCatalogTests {
    @Test("the embedded 2026–2030 program is byte for byte programs/ipv6-only-2026-2030.json")
    func embeddedMatchesFile() throws {
        let file = try String(contentsOfFile: PlanningProgramTests.root + "/" + IPv6OnlyProgramData.fileName, encoding: .utf8)
        #expect(file == IPv6OnlyProgramData.json, "paste programs/ipv6-only-2026-2030.json into Sources/V6Core/Planning/IPv6OnlyProgramData.swift")
    }

    @Test("its phases, IPv6-only targets marked derived, equipment rule and capacity")
    func ipv6Only() throws {
        let p = ProgramCodec.ipv6Only
        #expect(p.period == CalendarDate("2026-01-01")!...CalendarDate("2030-12-31")!)
        #expect(p.follows == ProgramCodec.shipped.id)
        #expect(p.phases.map(\.id) == ["p1-plans-and-pilots", "p2-scale-up", "p3-ipv6-only"])
        #expect(Set(p.ipv6OnlyTargets.map(\.category)) == Set(p.categories.map(\.id)))
        #expect(p.ipv6OnlyTargets.allSatisfy { $0.derived && $0.source != nil })
        #expect(p.ipv6OnlyTarget(category: "systems", year: 2028) == 80 && p.ipv6OnlyTarget(category: "lan", year: 2030) == 100)
        #expect(p.ipv6OnlyTarget(category: "lan", year: 2025) == nil)
        #expect(p.equipmentRule?.from == CalendarDate("2026-01-01"))
        #expect(p.capacity == ProgramCapacity(itemsPerQuarter: 60, itemsPerAgencyPerQuarter: 12, budgetPerQuarter: 300_000_000))
    }

    @Test("the program in force on a day; before the first and after the last the nearest, with a note")
    func choiceByDate() {
        #expect(ProgramCatalog.program(for: CalendarDate("2024-06-30")!).program.id == "ipv6-for-gov-2022-2025")
        #expect(ProgramCatalog.program(for: CalendarDate("2024-06-30")!).note == nil)
        #expect(ProgramCatalog.program(for: CalendarDate("2026-12-03")!).program.id == "ipv6-only-2026-2030")
        let late = ProgramCatalog.program(for: CalendarDate("2031-03-01")!)
        #expect(late.program.id == "ipv6-only-2026-2030" && late.note?.contains("after every built-in program") == true)
        #expect(ProgramCatalog.program(for: CalendarDate("2020-01-01")!).program.id == "ipv6-for-gov-2022-2025")
    }

    @Test("new fields are checked: a falling IPv6-only target, a capacity without items, a bad equipment date")
    func newFieldDiagnostics() {
        var text = IPv6OnlyProgramData.json
        text = text.replacingOccurrences(of: "\"2028\": 80, \"2029\": 95", with: "\"2028\": 80, \"2029\": 50")
        text = text.replacingOccurrences(of: "\"items_per_quarter\": 60,", with: "")
        text = text.replacingOccurrences(of: "\"from\": \"2026-01-01\"", with: "\"from\": \"2026-13-01\"")
        guard case let .failure(f) = ProgramCodec.load(Array(text.utf8), file: "p.json") else { Issue.record("accepted"); return }
        let messages = f.diagnostics.map(\.description)
        #expect(messages.contains { $0.contains("ipv6_only_targets[3].percent.2029: a target may not fall") }, "\(messages)")
        #expect(messages.contains { $0.contains("capacity.items_per_quarter: is missing") }, "\(messages)")
        #expect(messages.contains { $0.contains("equipment_rule.from: \"2026-13-01\" is not a date") }, "\(messages)")
    }
}
