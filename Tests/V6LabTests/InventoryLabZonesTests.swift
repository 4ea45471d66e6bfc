import Testing
import V6Core
@testable import V6Lab

@Suite struct InventoryLabZonesTests {
    func ip(_ text: String) -> IPAddress { IPAddress(text)! }

    func service(_ id: String, _ kind: ServiceKind, _ hostname: String?, ports: [Int] = [], _ addresses: [String],
                 audience: Audience = .public) -> Service {
        let parsed = addresses.map(ip)
        return Service(id: id, name: id, kind: kind, hostname: hostname, ports: ports,
                       ipv4: parsed.filter { $0.family == .v4 }, ipv6: parsed.filter { $0.family == .v6 },
                       audience: audience)
    }

    var services: [Service] {
        [
            service("ns1", .dns, "ns1.lab.example", ports: [53], ["192.0.2.4", "2001:db8:1::4"]),
            service("ns2", .dns, "NS2.lab.example.", ports: [53], ["192.0.2.5"]),
            service("resolver", .dns, "resolver.lab.example", ports: [53], ["192.0.2.6"], audience: .internal),
            service("mx1", .mail, "mx1.lab.example", ports: [25], ["192.0.2.7", "2001:db8:1::7"]),
            service("webmail", .mail, "mail.lab.example", ports: [443], ["192.0.2.7", "2001:db8:1::7"]),
            service("a-portal", .web, "lab.example", ports: [80, 443], ["192.0.2.20", "2001:db8:1::20"]),
            service("old", .mail, "mail.old.lab.example", ports: [25], ["198.18.0.9"]),
            service("outside", .web, "portal.gov.vn", ports: [443], ["192.0.2.30"]),
            service("gone", .web, "gone.lab.example", ports: [443], ["192.0.2.40"]),
        ]
    }

    func zones() -> (zones: [LabDNSZone], skipped: [String]) {
        InventoryLabZones.zones(for: services, isHosted: { $0 != IPAddress("192.0.2.40")! })
    }

    func records(_ zone: LabDNSZone, _ owner: String, _ type: String) -> [String] {
        zone.records.filter { $0.owner == owner && $0.type == type }.map(\.data)
    }

    @Test func theForwardZoneHasWhatTheServicesSay() throws {
        let (zones, skipped) = zones()
        #expect(skipped == ["portal.gov.vn"], "the lab never answers for a real domain")
        let lab = try #require(zones.first { $0.origin == "lab.example" })
        #expect(lab.primary == "ns1.lab.example.")
        // Public name servers only: the internal resolver is no name server of the zone.
        #expect(records(lab, "@", "NS") == ["ns1.lab.example.", "ns2.lab.example."])
        #expect(records(lab, "@", "MX") == ["10 mx1.lab.example."])
        #expect(records(lab, "old", "MX") == ["10 mail.old.lab.example."], "MX at the mail server's parent name")
        #expect(records(lab, "mx1", "A") == ["192.0.2.7"] && records(lab, "mx1", "AAAA") == ["2001:db8:1::7"])
        #expect(records(lab, "@", "A") == ["192.0.2.20"])
        #expect(records(lab, "ns2", "A") == ["192.0.2.5"], "names are lower-cased, the trailing dot dropped")
        #expect(records(lab, "gone", "A").isEmpty, "an address the lab does not hold is not published")
        #expect(!zones.contains { $0.origin.hasSuffix("vn") })
        #expect(throws: Never.self) { for zone in zones { _ = try zone.zoneFile() } }
    }

    @Test func reverseZonesNameTheMailServerFirst() throws {
        let zones = zones().zones
        let v6 = try #require(zones.first { $0.origin.hasSuffix("ip6.arpa") })
        #expect(v6.origin == "1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")
        let v4 = try #require(zones.first { $0.origin == "2.0.192.in-addr.arpa" })
        func pointer(_ zone: LabDNSZone, _ address: String) -> [String] {
            zone.records.filter { $0.owner == DNSName.reverseName(for: ip(address)).description && $0.type == "PTR" }
                .map(\.data)
        }
        // webmail's id sorts after mx1 but it takes no mail on 25: the MX host's name goes in the PTR.
        #expect(pointer(v6, "2001:db8:1::7") == ["mx1.lab.example."])
        #expect(pointer(v4, "192.0.2.7") == ["mx1.lab.example."])
        #expect(pointer(v4, "192.0.2.20") == ["lab.example."])
        #expect(zones.contains { $0.origin == "0.18.198.in-addr.arpa" })
    }

    @Test func namesMustBeLabNamesOfTwoLabelsOrMore() {
        #expect(InventoryLabZones.normalized("WWW.Vidu.Example.") == "www.vidu.example")
        #expect(InventoryLabZones.normalized("example") == nil)
        #expect(InventoryLabZones.normalized("vidu.gov.vn") == nil)
        #expect(InventoryLabZones.normalized("a_b.example") == nil)
        #expect(InventoryLabZones.normalized("-a.example") == nil)
        #expect(InventoryLabZones.zone(of: "tantien.binhminh.vidu.example") == "vidu.example")
        #expect(InventoryLabZones.owner("tantien.binhminh.vidu.example", in: "vidu.example") == "tantien.binhminh")
    }
}
