/// The item-level reports of one agency: the province plan narrowed to the agency's items (their order and
/// dependencies as the whole plan has them), with its own targets, budget and pilots, rendered by the same
/// renderers into `agencies/<id>.md|html|csv`.
public enum AgencyReports {
    /// The folder, inside the report folder, that holds one file per agency and format.
    public static let folder = "agencies"

    /// `agencies/<id>.<ext>`.
    public static func path(_ agency: String, _ ext: String) -> String { "\(folder)/\(agency).\(ext)" }

    /// One input per agency that has plan items, in agency id order; every one lists its items in full.
    public static func inputs(_ province: ReportInput) -> [(agency: String, input: ReportInput)] {
        let plan = province.plan
        var planItems: [String: [PlanItem]] = [:]
        for item in plan.items { if let agency = item.agency { planItems[agency, default: []].append(item) } }
        var assessed: [String: [AssessedItem]] = [:]
        for item in plan.assessment.items { assessed[item.agency, default: []].append(item) }
        let pilots = Set(plan.pilotCandidates)
        return planItems.keys.sorted().map { agency in
            let items = planItems[agency] ?? []
            let own = assessed[agency] ?? []
            let a = plan.assessment
            let assessment = Assessment(inventoryName: a.inventoryName + " — " + province.agencyName(agency), scanName: a.scanName,
                                        scanTime: a.scanTime, items: own, categories: a.categories)
            let segments = Set(own.filter { $0.kind == .segment }.map(\.id))
            let narrowed = MigrationPlan(program: plan.program, assessment: assessment, today: plan.today, items: items,
                                         targets: Planner.targetProgress(items, program: plan.program, today: plan.today),
                                         budget: Planner.budget(items),
                                         pilotCandidates: plan.pilotCandidates.filter { segments.contains($0) && pilots.contains($0) })
            var input = ReportInput(plan: narrowed, agencyNames: province.agencyNames, language: province.language)
            input.detail = .items
            return (agency, input)
        }
    }
}
