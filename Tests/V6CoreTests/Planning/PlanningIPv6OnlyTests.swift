import Testing
@testable import V6Core

@Suite("Planning: IPv6-only readiness — catalog, vantage, equipment rule, targets")
struct PlanningIPv6OnlyTests {
    static let catalog = CapabilityCatalog(entries: ReadinessFixture.catalog.entries.map { entry in
        var e = entry
        e.ipv6Only = entry.model.hasPrefix("ISR") || entry.model.hasPrefix("FortiGate") || entry.model.hasPrefix("Ubuntu") ? .yes
            : entry.ipv6 == .no ? .no : .unknown
        return e
    })

    static func readiness(verified: Set<String>) throws -> (MigrationPlan, IPv6OnlyReadiness) {
        let inventory = ReadinessFixture.inventory()
        let program = ProgramCodec.ipv6Only
        let assessment = Assessor.assess(inventory, catalog: catalog, scan: try ReadinessFixture.scan(), program: program)
        let plan = Planner.plan(inventory, assessment: assessment, program: program, today: CalendarDate("2026-12-03")!,
                                suggestedPrefixes: ["a-dmz": IPPrefix("2001:db8:a00:102::/64")!])
        return (plan, IPv6OnlyReadiness.assess(plan, inventory: inventory, verified: verified))
    }

    @Test("the catalog's ipv6_only is read and checked: yes is an error where ipv6 is no")
    func catalogField() throws {
        let text = #"{"schema": 1, "catalog": [{"vendor": "A", "model": "X", "ipv6": "yes", "ipv6_only": "yes"}, {"vendor": "A", "model": "Y", "ipv6": "no", "ipv6_only": "yes"}, {"vendor": "A", "model": "Z", "ipv6": "yes", "ipv6_only": "maybe"}, {"vendor": "A", "model": "W", "ipv6": "yes"}]}"#
        let (entries, problems) = InventoryCodec.decodeCatalog(try JSONParser.parse(text).value, file: "c.json")
        #expect(entries.map(\.ipv6Only) == [.yes, .no, .unknown, .unknown])
        #expect(problems.map(\.message) == ["cannot be \"yes\" when ipv6 is \"no\"", "\"maybe\" is not one of yes, no, unknown"])
        #expect(InventoryCodec.encode(entries[0])["ipv6_only"]?.stringValue == "yes")
        #expect(CapabilityCatalog.shipped.entries.count > 90)
        #expect(CapabilityCatalog.shipped.entries.filter { $0.ipv6 == .no }.allSatisfy { $0.ipv6Only == .no })
        #expect(CapabilityCatalog.shipped.entries.contains { $0.ipv6Only == .yes })
    }

    @Test("per item: verified from the vantage, capable from the catalog, not capable where it must be replaced")
    func states() throws {
        let (_, r) = try Self.readiness(verified: ["a-rt"])
        #expect(r.states["a-rt"] == .verified)
        #expect(r.states["a-fw"] == .capable)
        #expect(r.states["a-sw-ancient"] == .notCapable)
        #expect(r.states["a-printer"] == .unknown)
        #expect(r.states["a-core"] == .unknown, "the catalog does not say for the Catalyst 9300")
    }

    @Test("per category and agency: shares now, and per year the share capable once the plan's IPv6-only replacements are in")
    func scores() throws {
        let (plan, r) = try Self.readiness(verified: ["a-rt"])
        let all = r.categories.map(\.total).reduce(0, +)
        #expect(all == plan.items.filter { $0.kind != .addressPlan }.count)
        #expect(r.agencies.map(\.capable).reduce(0, +) == r.states.values.filter(\.isCapable).count)
        #expect(r.agencies.map(\.verified).reduce(0, +) == 1)
        #expect(r.ruledReplacements == plan.replacements.filter { $0.kind == .device }.count && r.ruledReplacements > 0)
        for s in r.categories {
            #expect(s.years.map(\.year) == Array(2026...2030))
            #expect(zip(s.years, s.years.dropFirst()).allSatisfy { $0.planned <= $1.planned + 1e-9 }, "planned shares only rise")
            #expect(s.years.allSatisfy { $0.target == plan.program.ipv6OnlyTarget(category: s.key, year: $0.year) })
            #expect(s.years.first!.planned + 1e-9 >= s.capablePercent)
        }
        // Every replacement under the 2026 rule asks for an IPv6-only capable model.
        for item in plan.replacements where item.kind == .device {
            #expect(item.actions.first { $0.kind == .replaceDevice }?.to == IPv6OnlyVantage.word, "\(item.id)")
        }
    }
}
