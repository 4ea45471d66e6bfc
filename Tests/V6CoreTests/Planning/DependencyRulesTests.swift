import Testing
@testable import V6Core

@Suite("Dependency rules: the nearest gateways in front, indexed once")
struct DependencyRulesTests {
    static func dependencies(_ inventory: Inventory) -> [String: [String]] {
        DependencyRules.dependencies(inventory, addressPlanID: PlanItem.addressPlanID)
    }

    static func switches(_ n: Int) -> [Device] {
        (0..<n).map { i in
            Device(id: "a-access-\(i)", name: "Access \(i)", role: .switch, vendor: "Cisco", model: "Catalyst 9200-24T",
                   segment: "a-lan", ipv4: [IPAddress("192.0.2.\(60 + i)")!])
        }
    }

    @Test("a host depends on its segment's gateway, not on every switch beside it nor the edge behind the gateway")
    func hostOnItsGateway() {
        let deps = Self.dependencies(ReadinessFixture.inventory([ReadinessFixture.agency(extraDevices: Self.switches(12))]))
        #expect(deps["a-pc1"] == ["a-lan", "a-core"])
        #expect(deps["a-access-3"] == ["a-lan", "a-core"], "a layer-2 switch is a host of its segment too")
        #expect(deps["a-core"] == ["a-lan", "a-fw"], "the LAN's router waits for the site's edge firewall")
        #expect(deps["a-fw"] == ["a-edge", "a-rt"], "the edge firewall waits for the edge router")
        #expect(deps["a-rt"] == ["a-edge"])
        #expect(deps["a-dns"] == ["a-dmz", "a-fw"], "a segment without a gateway of its own hangs off the site's nearest edge gateways")
        #expect(deps["a-lan"] == [PlanItem.addressPlanID])
        #expect(deps["a-portal"] == ["a-web", "a-ns1"])
    }

    @Test("a gateway the segment names as its router counts as its gateway")
    func namedRouter() {
        let lan2 = Segment(id: "a-lan2", name: "LAN 2", site: "a-hq", kind: .lan, ipv4: [IPPrefix("192.0.2.128/26")!], routers: ["a-core"])
        let pc = Device(id: "a-pc9", name: "PC 9", role: .workstation, vendor: "Dell", model: "OptiPlex 7090", segment: "a-lan2",
                        ipv4: [IPAddress("192.0.2.130")!])
        let deps = Self.dependencies(ReadinessFixture.inventory([ReadinessFixture.agency(extraSegments: [lan2], extraDevices: [pc])]))
        #expect(deps["a-pc9"] == ["a-lan2", "a-core"])
    }

    @Test("each site in front is waited for through its own nearest gateways")
    func outerGatewaysPerSite() {
        // A second site with only an edge router; the branch LAN's site has no edge of its own, so both edges are in front.
        var file = ReadinessFixture.agency(extraSegments: [
            Segment(id: "b-edge", name: "Edge B", site: "b-dc", kind: .wan, ipv4: [IPPrefix("198.51.100.16/28")!]),
            Segment(id: "c-lan", name: "Branch LAN", site: "c-branch", kind: .lan, ipv4: [IPPrefix("192.0.2.192/26")!]),
        ], extraDevices: [
            Device(id: "b-rt", name: "WAN router", role: .router, vendor: "Cisco", model: "ISR 4431", segment: "b-edge", ipv4: [IPAddress("198.51.100.17")!]),
            Device(id: "c-pc", name: "Branch PC", role: .workstation, vendor: "Dell", model: "OptiPlex 7090", segment: "c-lan", ipv4: [IPAddress("192.0.2.200")!]),
        ])
        file.sites += [Site(id: "b-dc", name: "DC"), Site(id: "c-branch", name: "Branch")]
        let deps = Self.dependencies(ReadinessFixture.inventory([file]))
        #expect(deps["c-pc"] == ["c-lan", "a-fw", "b-rt"], "site a-hq through its firewall, site b-dc through its router")
    }

    /// Every gateway the rule used to list (own segment's and the site's edge, of a lower layer) still comes first.
    @Test("in the example's plan every device still comes after every gateway in front of it")
    func exampleOrderKeepsEveryGatewayFirst() throws {
        let (plan, inventory) = try ReportsTests.examplePlan()
        let order = Dictionary(uniqueKeysWithValues: plan.items.map { ($0.id, $0.order) })
        let segmentByID = Dictionary(uniqueKeysWithValues: inventory.segments.map { ($0.id, $0) })
        func layer(_ d: Device) -> Int { DependencyRules.layer(role: d.role, segmentKind: segmentByID[d.segment]?.kind) }
        var checked = 0
        for file in inventory.agencyFiles {
            let outer = file.segments.filter { $0.kind == .internetEdge || $0.kind == .wan }
            for device in file.devices {
                guard let segment = segmentByID[device.segment] else { continue }
                let siteOuter = outer.filter { $0.site == segment.site }
                let inFront = Set([segment.id] + (siteOuter.isEmpty ? outer : siteOuter).map(\.id))
                for g in file.devices where inFront.contains(g.segment) && DependencyRules.gatewayRoles.contains(g.role)
                    && g.id != device.id && layer(g) < layer(device) {
                    #expect(try #require(order[g.id]) < #require(order[device.id]), "\(g.id) before \(device.id)")
                    checked += 1
                }
            }
        }
        #expect(checked > 100)
    }
}
