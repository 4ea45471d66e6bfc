import Testing
@testable import V6CLI
import V6Core

/// The judged properties of issue 16, read from what `plan` writes.
@Suite("CLI: plan --date 2026-12-03 — forward schedule, close-out, --capacity")
struct PlanScheduleCommandTests {
    static let scan = Sandbox.repositoryRoot + "/examples/recorded-scan/20240515T020000Z.jsonl"

    @Test("every open item is due on or after the plan date, the budget spans years, 2022–2025 closes missed by N points")
    func judged() throws {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        let run = box.run("plan", "--inventory", "inv", "--scan", Self.scan, "--date", "2026-12-03", "-o", "out")
        #expect(run.code == .success, "\(run.err)")
        let plan = try JSONParser.parse(box.read("out/plan.json")).value
        let items = plan["items"]?.arrayValue ?? []
        let open = items.filter { $0["done"] == .bool(false) }
        #expect(!open.isEmpty)
        let dueDates = open.map { $0["due"]?.stringValue.flatMap(CalendarDate.init) }
        #expect(dueDates.allSatisfy { $0 != nil && $0! >= CalendarDate("2026-12-03")! })
        #expect(open.allSatisfy { $0["quarter"]?.stringValue.flatMap(Quarter.init) != nil })
        #expect(open.allSatisfy { CalendarDate($0["due"]?.stringValue ?? "")! <= CalendarDate("2030-12-31")! })
        // Never before what it depends on.
        var due: [String: String] = [:]
        for item in open { due[item["id"]!.stringValue!] = item["due"]!.stringValue! }
        for item in open {
            for dep in item["depends_on"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                if let d = due[dep] { #expect(d <= item["due"]!.stringValue!, "\(item["id"]!) before \(dep)") }
            }
        }
        let spent = (plan["budget"]?.arrayValue ?? []).filter { ($0["total"]?.doubleValue ?? 0) > 0 }
        #expect(spent.count > 1, "the budget should spread over more than one year")
        #expect(open.contains { $0["carried_from"]?.stringValue == "ipv6-for-gov-2022-2025" && $0["late_since"]?.stringValue == "2023-12-31" })
        let closeOut = plan["close_out"]
        #expect(closeOut?["program"]?.stringValue == "ipv6-for-gov-2022-2025")
        #expect((closeOut?["targets"]?.arrayValue ?? []).contains { $0["met"] == .bool(false) && ($0["missed_by_points"]?.doubleValue ?? 0) > 0 })
        let md = String(decoding: try box.read("out/plan.md"), as: UTF8.self)
        #expect(md.contains("How ipv6-for-gov-2022-2025 ended") && md.contains("missed by ") && md.contains(" points"))
        #expect(md.contains("live: "))
        // The today line of the timeline sits after 2025 and its label is whole.
        let html = String(decoding: try box.read("out/plan.html"), as: UTF8.self)
        #expect(html.contains(">today 2026-12-03</text>"))
        let vi = box.run("plan", "--inventory", "inv", "--scan", Self.scan, "--date", "2026-12-03", "--lang", "vi", "-o", "vi")
        #expect(vi.code == .success)
        let viMD = String(decoding: try box.read("vi/plan.md"), as: UTF8.self)
        #expect(viMD.contains("không đạt, thiếu") && viMD.contains("chuyển tiếp từ ipv6-for-gov-2022-2025, chậm từ 31/12/2023"))
        #expect(String(decoding: try box.read("vi/plan.html"), as: UTF8.self).contains(">hôm nay 03/12/2026</text>"))
    }

    @Test("--capacity ITEMS books no more than ITEMS per quarter; a bad value is a usage error")
    func capacity() throws {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        let run = box.run("plan", "--inventory", "inv", "--scan", Self.scan, "--date", "2026-12-03", "--capacity", "25", "-o", "out")
        #expect(run.code == .success, "\(run.err)")
        let plan = try JSONParser.parse(box.read("out/plan.json")).value
        let quarters = plan["schedule"]?["quarters"]?.arrayValue ?? []
        #expect(plan["schedule"]?["capacity"]?["items_per_quarter"]?.doubleValue == 25)
        let overflow = Int(plan["schedule"]?["over_capacity"]?.doubleValue ?? 0)
        #expect(quarters.dropLast().allSatisfy { ($0["items"]?.doubleValue ?? 99) <= 25 })
        #expect(quarters.count > 7 || overflow > 0)
        for bad in ["0", "ten", "25,-3", "25,1,2"] {
            let r = box.run("plan", "--inventory", "inv", "--capacity", bad)
            #expect(r.code == .usage, "--capacity \(bad)")
        }
    }
}
