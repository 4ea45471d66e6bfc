import Testing
@testable import V6Core

@Suite("Planning: phases, dependency order, lateness, targets and budget")
struct PlanningTests {
    static func plan(date: String = "2023-06-30", program: Program = ProgramCodec.shipped,
                     inventory: Inventory = ReadinessFixture.inventory()) throws -> MigrationPlan {
        let assessment = Assessor.assess(inventory, catalog: ReadinessFixture.catalog, scan: try ReadinessFixture.scan(), program: program)
        return Planner.plan(inventory, assessment: assessment, program: program, today: CalendarDate(date)!,
                            suggestedPrefixes: ["a-dmz": IPPrefix("2001:db8:a00:102::/64")!])
    }

    @Test("every item comes after everything it depends on")
    func respectsEveryDependency() throws {
        let plan = try Self.plan()
        let order = Dictionary(uniqueKeysWithValues: plan.items.map { ($0.id, $0.order) })
        #expect(plan.items.map(\.order) == Array(1...plan.items.count))
        for item in plan.items {
            for dep in item.dependsOn {
                let before = try #require(order[dep], "\(item.id) depends on unknown \(dep)")
                #expect(before < item.order, "\(dep) (\(before)) must come before \(item.id) (\(item.order))")
            }
        }
    }

    @Test("address plan first; edge router, then firewall, then the LAN's router, then the hosts; DNS before the portal")
    func dependencyOrder() throws {
        let plan = try Self.plan()
        func order(_ id: String) throws -> Int { try #require(plan.item(id)).order }
        #expect(plan.items.first?.id == PlanItem.addressPlanID)
        #expect(try order("a-edge") < order("a-rt"))
        #expect(try order("a-rt") < order("a-fw"))
        #expect(try order("a-fw") < order("a-core"))
        for host in ["a-pc1", "a-pc2", "a-sw-old", "a-sw-ancient", "a-printer", "a-web"] {
            #expect(try order("a-core") < order(host), "\(host)")
            #expect(try order("a-fw") < order(host), "\(host)")
        }
        #expect(try order("a-ns1") < order("a-portal"), "the DNS that publishes www.a.example comes first")
        #expect(try order("a-web") < order("a-portal"), "the host before its service")
        #expect(plan.item("a-portal")?.dependsOn.contains("a-ns1") == true)
        #expect(plan.item("a-app")?.dependsOn.contains("a-ns1") == true, "no internal DNS serves a.example, so the public one does")
    }

    @Test("phases follow the program; a dependency is pulled into the phase of what needs it")
    func phases() throws {
        let plan = try Self.plan()
        let ids = ProgramCodec.shipped.phases.map(\.id)
        func phase(_ id: String) -> String? { plan.item(id).map { ids[$0.phase] } }
        #expect(phase(PlanItem.addressPlanID) == "p1-preparation")
        #expect(phase("a-rt") == "p2-internet-portals")
        #expect(phase("a-portal") == "p2-internet-portals")
        #expect(phase("a-ns1") == "p2-internet-portals")
        #expect(phase("a-pc1") == "p5-lan-devices-apps")
        // The portal's web server sits in the LAN (phase 5 by the rules), but the portal needs it in phase 2.
        let web = try #require(plan.item("a-web"))
        #expect(ids[web.phase] == "p2-internet-portals")
        #expect(ids[web.ruledPhase] == "p5-lan-devices-apps")
        #expect(web.pulledBy == "a-portal")
        // And with it the LAN's router that stands in front of it.
        #expect(phase("a-core") == "p2-internet-portals")
    }

    @Test("concrete actions: upgrade X to Y, replace, publish AAAA, fix the path, fix the nearest firewall's ICMPv6 policy")
    func actions() throws {
        let plan = try Self.plan()
        #expect(plan.item("a-sw-old")?.actions.map(\.kind) == [.upgradeFirmware, .enableDualStack])
        #expect(plan.item("a-sw-old")?.actions.first?.from == "12.2(55)SE")
        #expect(plan.item("a-sw-old")?.actions.first?.to == "15.0.2")
        #expect(plan.item("a-sw-ancient")?.actions.first?.kind == .replaceDevice)
        #expect(plan.item("a-portal")?.actions == [PlanAction(.publishAAAA, to: "www.a.example", cost: 500_000)])
        #expect(plan.item("a-pc2")?.actions.map(\.kind) == [.fixIPv6Path])
        #expect(plan.item("a-dmz")?.actions.first?.to == "2001:db8:a00:102::/64")
        let fw = try #require(plan.item("a-fw"))
        #expect(fw.status == .dualStack)
        #expect(fw.actions.map(\.kind) == [.fixICMPv6Policy], "PC 2's IPv6 dies behind it")
        #expect(fw.actions.first?.to == "a-lan")
        #expect(plan.item("a-rt")?.done == true)
        #expect(ReportText(.vi).action(plan.item("a-sw-old")!.actions[0]) == "Nâng cấp firmware 12.2(55)SE → 15.0.2")
    }

    @Test("items whose phase ended before today and that are not done are late; today is an input")
    func lateness() throws {
        let early = try Self.plan(date: "2022-06-01")
        #expect(early.lateItems.isEmpty)
        let mid = try Self.plan(date: "2023-06-30")
        #expect(mid.item("a-portal")?.late == true, "phase 2 ended 2022-12-31")
        #expect(mid.item("a-pc2")?.late == false, "phase 5 runs to 2025")
        #expect(mid.item("a-rt")?.late == false, "done is never late")
        #expect(mid.item("a-portal")?.year == 2023, "late work is planned for this year")
        #expect(mid.item("a-pc2")?.year == 2025)
        #expect(mid.currentPhase == 2)
    }

    @Test("yearly targets against the current state; behind when below the last ended year's target")
    func targets() throws {
        let plan = try Self.plan(date: "2023-06-30")
        let edge = try #require(plan.targets.first { $0.category == "internet-edge" })
        #expect(edge.dueYear == 2022)
        #expect(edge.dueTarget == 80)
        #expect(edge.currentPercent == 60, "a-edge, a-rt, a-fw of 5 (a-dmz, a-dns not yet)")
        #expect(edge.behind)
        #expect(edge.years.first { $0.year == 2022 }?.planned == nil, "the past has no plan")
        #expect(edge.years.first { $0.year == 2025 }?.planned == 100)
        let early = try Self.plan(date: "2022-03-01")
        #expect(early.targets.allSatisfy { !$0.behind && $0.dueYear == nil })
    }

    @Test("budget per year from unit costs and catalog prices; the replacement list says when")
    func budget() throws {
        let plan = try Self.plan(date: "2023-06-30")
        let replacement = try #require(plan.replacements.first { $0.id == "a-sw-ancient" })
        #expect(replacement.year == 2025)
        #expect(replacement.actions.first?.cost == 16_000_000, "15,000,000 price + 1,000,000 labour")
        let y2025 = try #require(plan.budget.first { $0.year == 2025 })
        #expect(y2025.replacements == 1 && y2025.replacementCost == 16_000_000)
        #expect(y2025.upgrades == 1 && y2025.upgradeCost == 2_000_000)
        let total = plan.items.map(\.cost).reduce(0, +)
        #expect(plan.budget.map(\.total).reduce(0, +) == total)
        var noCosts = ProgramCodec.shipped
        noCosts.unitCosts = UnitCosts()
        let unpriced = try Self.plan(program: noCosts)
        #expect(unpriced.budget.map(\.unpriced).reduce(0, +) > 0)
        #expect(unpriced.item("a-sw-ancient")?.actions.first?.cost == 15_000_000, "the catalog's price alone")
    }

    @Test("the category-to-phase mapping is data: a program that moves end devices to phase 1 moves them")
    func programIsData() throws {
        var program = ProgramCodec.shipped
        program.phases[0].match.append(RecordSelector(category: ["end-devices"]))
        let plan = try Self.plan(program: program)
        #expect(plan.item("a-pc1")?.phase == 0)
        #expect(plan.item("a-pc2")?.late == true, "phase 1 ended 2022-06-30")
    }
}
