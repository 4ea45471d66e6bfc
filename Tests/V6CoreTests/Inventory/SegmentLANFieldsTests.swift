import Testing
@testable import V6Core

@Suite("Inventory: a segment's routers, address assignment and DHCPv6")
struct SegmentLANFieldsTests {
    static let segmentLine = "\"ipv4\": [\"192.0.2.0/25\"], \"ipv6\": [\"2001:db8:a00:1::/64\"]}"

    func province(_ fields: String) -> String {
        InventoryFixture.province.replacingOccurrences(
            of: Self.segmentLine, with: "\"ipv4\": [\"192.0.2.0/25\"], \"ipv6\": [\"2001:db8:a00:1::/64\"],\n         \(fields)}")
    }

    @Test("the fields load, and encoding writes them back in order after the prefixes")
    func roundTrip() throws {
        let text = province("\"routers\": [\"tinh-fw1\"], \"address_assignment\": \"slaac+dhcpv6\", \"dhcpv6\": true, \"dhcpv6_servers\": [\"tinh-srv1\"]")
        let inventory = try InventoryFixture.load(InventoryFixture.files(province: text)).get()
        let segment = try #require(inventory.agencyFiles.first { $0.agency.id == "ubnd-tinh" }?.segments.first)
        #expect(segment.routers == ["tinh-fw1"])
        #expect(segment.addressAssignment == .slaacAndDHCPv6)
        #expect(segment.dhcpv6 == true && segment.dhcpv6Servers == ["tinh-srv1"] && segment.expectsDHCPv6)
        let json = JSONWriter.compact(InventoryCodec.encode(segment))
        #expect(json.hasSuffix("\"ipv6\":[\"2001:db8:a00:1::/64\"],\"routers\":[\"tinh-fw1\"],\"address_assignment\":\"slaac+dhcpv6\",\"dhcpv6\":true,\"dhcpv6_servers\":[\"tinh-srv1\"]}"), "\(json)")
    }

    @Test("a segment without the fields encodes exactly as before (files stay stable in git)")
    func absentFieldsLeftOut() throws {
        let inventory = try InventoryFixture.valid()
        let segment = try #require(inventory.agencyFiles.first { $0.agency.id == "ubnd-tinh" }?.segments.first)
        #expect(segment.routers.isEmpty && segment.addressAssignment == nil && segment.dhcpv6 == nil && !segment.expectsDHCPv6)
        let json = JSONWriter.compact(InventoryCodec.encode(segment))
        #expect(!json.contains("routers") && !json.contains("dhcpv6") && !json.contains("address_assignment"))
    }

    @Test("DHCPv6 is expected from the assignment unless dhcpv6 says otherwise")
    func expectation() {
        func segment(_ assignment: AddressAssignment?, _ dhcpv6: Bool?) -> Segment {
            Segment(id: "s", name: "s", site: "x", kind: .lan, addressAssignment: assignment, dhcpv6: dhcpv6)
        }
        #expect(segment(.dhcpv6, nil).expectsDHCPv6)
        #expect(segment(.slaacAndDHCPv6, nil).expectsDHCPv6)
        #expect(!segment(.slaac, nil).expectsDHCPv6)
        #expect(segment(.slaac, true).expectsDHCPv6, "SLAAC with stateless DHCPv6 for DNS")
        #expect(!segment(.static, nil).expectsDHCPv6)
    }

    @Test("unknown and repeated device ids, bad words and contradictions: each with file, line and path")
    func problems() {
        let text = province("\"routers\": [\"tinh-rtr9\", \"tinh-fw1\", \"tinh-fw1\"], \"address_assignment\": \"dhcp\",\n         \"dhcpv6\": \"yes\", \"dhcpv6_servers\": [\"tinh-dhcp\"]")
        guard case let .failure(failure) = InventoryFixture.load(InventoryFixture.files(province: text)) else {
            Issue.record("accepted"); return
        }
        let lines = failure.diagnostics.map(\.description)
        #expect(lines.contains("inventories/t/agencies/ubnd-tinh.json:8: segments[0].address_assignment: \"dhcp\" is not one of slaac, dhcpv6, slaac+dhcpv6, static"), "\(lines)")
        #expect(lines.contains("inventories/t/agencies/ubnd-tinh.json:9: segments[0].dhcpv6: expected true or false, found a string"), "\(lines)")
        let contradiction = province("\"address_assignment\": \"dhcpv6\", \"dhcpv6\": false")
        guard case let .failure(second) = InventoryFixture.load(InventoryFixture.files(province: contradiction)) else {
            Issue.record("a contradiction was accepted"); return
        }
        #expect(second.diagnostics.map(\.description) == [
            "inventories/t/agencies/ubnd-tinh.json:8: segments[0].dhcpv6: false contradicts address_assignment \"dhcpv6\", which needs a DHCPv6 server",
        ])
    }

    @Test("device ids that do not resolve are errors, as every other reference")
    func danglingIDs() {
        let text = province("\"routers\": [\"tinh-rtr9\", \"tinh-fw1\", \"tinh-fw1\"], \"dhcpv6_servers\": [\"tinh-dhcp\"]")
        guard case let .failure(failure) = InventoryFixture.load(InventoryFixture.files(province: text)) else {
            Issue.record("accepted"); return
        }
        #expect(failure.diagnostics.map(\.description) == [
            "inventories/t/agencies/ubnd-tinh.json:8: segments[0].dhcpv6_servers[0]: \"tinh-dhcp\" is not a device of this inventory",
            "inventories/t/agencies/ubnd-tinh.json:8: segments[0].routers[0]: \"tinh-rtr9\" is not a device of this inventory",
            "inventories/t/agencies/ubnd-tinh.json:8: segments[0].routers[2]: \"tinh-fw1\" is listed twice",
        ])
    }

    @Test("a router named by a segment is a reference: removing it is refused")
    func routerIsAReference() throws {
        let inventory = try InventoryFixture.load(InventoryFixture.files(province: province("\"routers\": [\"tinh-fw1\"]"))).get()
        #expect(InventoryEditor.references(to: "tinh-fw1", in: inventory).contains("segment tinh-lan (routers)"))
    }

    @Test("renaming a router or DHCPv6 server rewrites the segment's lists")
    func renameRewritesLists() throws {
        let inventory = try InventoryFixture.load(InventoryFixture.files(province: province("\"routers\": [\"tinh-fw1\"], \"dhcpv6_servers\": [\"tinh-srv1\"]"))).get()
        let (renamed, _) = try InventoryReorganisation.rename("tinh-fw1", to: "tinh-rtr1", in: inventory).get()
        let (again, _) = try InventoryReorganisation.rename("tinh-srv1", to: "tinh-dhcp1", in: renamed).get()
        let segment = try #require(again.segments.first { $0.id == "tinh-lan" })
        #expect(segment.routers == ["tinh-rtr1"] && segment.dhcpv6Servers == ["tinh-dhcp1"])
    }
}
