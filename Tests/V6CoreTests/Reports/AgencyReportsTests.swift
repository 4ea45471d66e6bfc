import Testing
@testable import V6Core

@Suite("Reports at scale: one item list per agency, a province summary")
struct AgencyReportsTests {
    @Test("each agency's files hold exactly that agency's items, in plan order")
    func agencyFilesHoldTheirItems() throws {
        let (plan, inventory) = try ReportsTests.examplePlan()
        let province = ReportInput(plan: plan, inventory: inventory, language: .vi)
        let agencies = AgencyReports.inputs(province)
        #expect(agencies.map(\.agency) == inventory.agencies.map(\.id).filter { id in plan.items.contains { $0.agency == id } })
        var seen: [String] = []
        for (agency, input) in agencies {
            #expect(input.detail == .items)
            #expect(!input.plan.items.isEmpty)
            #expect(input.plan.items.allSatisfy { $0.agency == agency }, "\(agency)")
            #expect(input.plan.items.map(\.order) == input.plan.items.map(\.order).sorted(), "\(agency): plan order kept")
            #expect(input.assessment.items.allSatisfy { $0.agency == agency })
            seen += input.plan.items.map(\.id)
            let markdown = MarkdownReport.render(input)
            for item in input.plan.items { #expect(markdown.contains("| \(item.order) | \(item.id) — "), "\(item.id) in \(agency).md") }
            let others = plan.items.filter { $0.agency != agency && $0.agency != nil }
            for item in others.prefix(50) { #expect(!markdown.contains("| \(item.order) | \(item.id) — "), "\(item.id) not in \(agency).md") }
            let csv = try CSV.parse(CSVReport.planItems(input))
            #expect(csv.count == input.plan.items.count + 1, "\(agency).csv: a header and one row per item")
            #expect(HTMLReport.render(input).contains(HTMLReport.escape(province.agencyName(agency))))
        }
        #expect(seen.sorted() == plan.items.filter { $0.kind != .addressPlan }.map(\.id).sorted(), "every item in exactly one agency file")
    }

    @Test("the example's province report lists every item; a large one summarises per agency and links the agency files")
    func provinceSummary() throws {
        let (plan, inventory) = try ReportsTests.examplePlan()
        var input = ReportInput(plan: plan, inventory: inventory, language: .en)
        #expect(plan.items.count <= ReportDetail.itemListLimit)
        #expect(input.detail == .items)
        #expect(ReportDetail.automatic(itemCount: ReportDetail.itemListLimit + 1) == .summary)
        input.detail = .summary
        let markdown = MarkdownReport.render(input)
        let html = HTMLReport.render(input)
        for agency in inventory.agencies where plan.items.contains(where: { $0.agency == agency.id }) {
            #expect(markdown.contains("(agencies/\(agency.id).md)"), "\(agency.id)")
            #expect(html.contains("href=\"agencies/\(agency.id).html\""), "\(agency.id)")
        }
        let listed = plan.items.filter { markdown.contains("| \($0.order) | \($0.id) — ") }
        let phases = Set(plan.items.map(\.phase)).count
        #expect(listed.count <= phases * ReportSummary.worstCount)
        #expect(listed.allSatisfy { !$0.done }, "the worst items are open ones")
        #expect(markdown.contains("Worst items"))
    }

    @Test("the worst items: late first, then broken IPv6, replacements, upgrades; done ones never")
    func worstOrder() throws {
        let (plan, _) = try ReportsTests.examplePlan()
        let worst = ReportSummary.worst(plan.items, limit: 1_000)
        #expect(worst.count == plan.items.filter { !$0.done }.count)
        let lateFlags = worst.map(\.late)
        #expect(lateFlags == lateFlags.sorted { $0 && !$1 }, "late items first")
        let onTime = worst.filter { !$0.late }
        if let firstReplacement = onTime.firstIndex(where: { $0.status == .needsReplacement }) {
            #expect(!onTime[firstReplacement...].contains { $0.status == .ipv6Broken }, "broken before replacements")
        }
    }
}
