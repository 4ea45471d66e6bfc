import Testing
@testable import V6Core

@Suite("Planning: address plan allocation, stability and overlaps")
struct PlanningAddressPlanTests {
    typealias F = ReadinessFixture
    static let root = IPPrefix("2001:db8:a00::/48")!

    static func second(segments: [Segment] = []) -> AgencyFile {
        AgencyFile(agency: Agency(id: "so-b", name: "Sở B", kind: .department),
                   sites: [Site(id: "b-hq", name: "B"), Site(id: "b-branch", name: "B2")],
                   segments: [Segment(id: "b-lan", name: "LAN", site: "b-hq", kind: .lan, ipv4: [F.p("198.18.1.0/24")])] + segments)
    }

    static func prefixes(_ r: AddressPlanner.Result) -> [String: String] {
        var out: [String: String] = [:]
        for row in r.rows { out["\(row.level.rawValue):\(row.id):\(row.prefix?.description ?? "-")"] = row.source.rawValue }
        return out
    }

    @Test("existing prefixes are kept, blocks are nibble-aligned, every segment without IPv6 gets a /64 in its site")
    func allocates() throws {
        let inventory = F.inventory([F.agency(), Self.second()])
        let r = try AddressPlanner.plan(inventory, root: Self.root, state: nil)
        #expect(!r.hasErrors, "\(r.findings)")
        #expect(r.state.agencyLength % 4 == 0 && r.state.siteLength % 4 == 0)
        let a = try #require(r.state.agencies.first { $0.id == "so-a" }?.prefix)
        #expect(a.contains(F.p("2001:db8:a00:100::/64")) && a.contains(F.p("2001:db8:a00:101::/64")), "derived from its segments: \(a)")
        let dmz = try #require(r.plannedSegmentPrefixes["a-dmz"])
        #expect(dmz.length == 64 && a.contains(dmz))
        #expect(dmz != F.p("2001:db8:a00:100::/64") && dmz != F.p("2001:db8:a00:101::/64"))
        let b = try #require(r.state.agencies.first { $0.id == "so-b" }?.prefix)
        #expect(!a.overlaps(b))
        let bHQ = try #require(r.state.sites.first { $0.id == "b-hq" }?.prefix)
        let bBranch = try #require(r.state.sites.first { $0.id == "b-branch" }?.prefix)
        #expect(b.contains(bHQ) && b.contains(bBranch) && !bHQ.overlaps(bBranch))
        #expect(bHQ.contains(r.plannedSegmentPrefixes["b-lan"]!))
        #expect(r.rows.contains { $0.id == "a-lan" && $0.source == .inventory && $0.prefix == F.p("2001:db8:a00:101::/64") })
    }

    @Test("run twice with the state of the first: the same plan, the same addrplan.json bytes")
    func stable() throws {
        let inventory = F.inventory([F.agency(), Self.second()])
        let first = try AddressPlanner.plan(inventory, root: Self.root, state: nil)
        let reread = try AddressPlanState.decode(Array(first.state.encoded().utf8), file: "addrplan.json").get()
        #expect(reread == first.state)
        let second = try AddressPlanner.plan(inventory, root: Self.root, state: reread)
        #expect(second.state.encoded() == first.state.encoded())
        #expect(second.plannedSegmentPrefixes == first.plannedSegmentPrefixes)
        #expect(second.rows.map(\.prefix) == first.rows.map(\.prefix))
        #expect(second.rows.filter { $0.level == .segment && $0.source == .new }.isEmpty, "nothing new the second time")
        #expect(second.rows.contains { $0.id == "a-dmz" && $0.source == .kept })
    }

    @Test("add a segment, a site's segment and an agency: every earlier allocation kept, new ones appended")
    func appends() throws {
        let before = F.inventory([F.agency(), Self.second()])
        let first = try AddressPlanner.plan(before, root: Self.root, state: nil)
        let newB = Segment(id: "b-wifi", name: "Wi-Fi", site: "b-hq", kind: .lan, ipv4: [F.p("198.18.2.0/24")])
        let third = AgencyFile(agency: Agency(id: "so-0", name: "Sở 0 (sorts first)", kind: .department),
                               sites: [Site(id: "z-hq", name: "Z")],
                               segments: [Segment(id: "z-lan", name: "LAN", site: "z-hq", kind: .lan, ipv4: [F.p("198.18.3.0/24")])])
        let after = F.inventory([F.agency(), Self.second(segments: [newB]), third])
        let second = try AddressPlanner.plan(after, root: Self.root, state: first.state)
        for (id, prefix) in first.plannedSegmentPrefixes { #expect(second.plannedSegmentPrefixes[id] == prefix, "\(id) kept") }
        #expect(second.state.agencies.prefix(first.state.agencies.count) == first.state.agencies[...], "agencies: old first, in order")
        #expect(second.state.agencies.last?.id == "so-0", "the new agency is appended even though it sorts first")
        let newWifi = try #require(second.plannedSegmentPrefixes["b-wifi"])
        #expect(newWifi.address > first.plannedSegmentPrefixes["b-lan"]!.address, "appended after the site's highest")
        let newAgency = try #require(second.state.agencies.last?.prefix)
        #expect(first.state.agencies.allSatisfy { $0.prefix!.address < newAgency.address }, "appended after the highest agency block")
        #expect(second.rows.first { $0.id == "b-wifi" }?.source == .new)
        #expect(second.rows.first { $0.id == "b-lan" }?.source == .kept)
    }

    @Test("overlaps: between segments, with another agency's block, outside the plan's prefix")
    func overlaps() throws {
        var a = F.agency()
        a.segments[2].ipv6 = [F.p("2001:db8:a00:101::/64")]      // the DMZ reuses the LAN's /64
        let stray = Segment(id: "a-stray", name: "Stray", site: "a-hq", kind: .lan, ipv4: [F.p("198.18.9.0/24")], ipv6: [F.p("2001:db8:ff00:1::/64")])
        a.segments.append(stray)
        let r = try AddressPlanner.plan(F.inventory([a]), root: Self.root, state: nil)
        #expect(r.hasErrors)
        let messages = r.findings.filter { $0.severity == .error }.map(\.message)
        #expect(messages.contains("segments a-lan and a-dmz overlap: 2001:db8:a00:101::/64 and 2001:db8:a00:101::/64"), "\(messages)")
        #expect(messages.contains("segment a-stray: 2001:db8:ff00:1::/64 is outside the plan's prefix 2001:db8:a00::/48"), "\(messages)")

        // A segment that sits in another agency's block.
        var b = Self.second()
        b.segments[0].ipv6 = [F.p("2001:db8:a00:100::/64")]
        let state = try AddressPlanner.plan(F.inventory([F.agency(), Self.second()]), root: Self.root, state: nil).state
        let crossed = try AddressPlanner.plan(F.inventory([F.agency(), b]), root: Self.root, state: state)
        let crossedMessages = crossed.findings.map(\.message)
        #expect(crossedMessages.contains { $0.hasPrefix("segment b-lan: 2001:db8:a00:100::/64 is outside agency so-b's block") && $0.contains("agency so-a's block") }, "\(crossedMessages)")
        #expect(crossedMessages.contains("segments a-edge and b-lan overlap: 2001:db8:a00:100::/64 and 2001:db8:a00:100::/64"), "\(crossedMessages)")
    }

    @Test("a state file for another prefix, or a malformed one, is refused with its reasons")
    func badState() throws {
        let inventory = F.inventory()
        let state = try AddressPlanner.plan(inventory, root: Self.root, state: nil).state
        #expect(throws: AddressPlanner.PlanError.self) { try AddressPlanner.plan(inventory, root: IPPrefix("2001:db8:b00::/48")!, state: state) }
        #expect(throws: AddressPlanner.PlanError.self) { try AddressPlanner.plan(inventory, root: IPPrefix("2001:db8:a00::/60")!, state: nil) }
        let text = """
        {
          "schema": 1,
          "prefix": "2001:db8:a00::/48",
          "agency_length": 56,
          "site_length": 52,
          "agencies": [{"id": "so-a", "prefix": "2001:db8:a00:100::/57"}],
          "sites": [],
          "segments": []
        }
        """
        guard case let .failure(f) = AddressPlanState.decode(Array(text.utf8), file: "inventories/x/addrplan.json") else {
            Issue.record("expected problems"); return
        }
        let lines = f.diagnostics.map(\.description)
        #expect(lines.contains("inventories/x/addrplan.json:5: site_length: 52 is shorter than agency_length 56"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("inventories/x/addrplan.json:6: agencies[0].prefix:") }, "\(lines)")
    }
}
