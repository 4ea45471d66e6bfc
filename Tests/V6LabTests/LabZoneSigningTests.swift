import Testing
import V6Core
@testable import V6Lab

/// The pure half of zone signing: which signatures are swapped for expired ones, and where a signed zone goes.
@Suite struct LabZoneSigningTests {
    static let good = """
        vidu.example.\t300\tIN\tSOA\tns1.vidu.example. hostmaster.vidu.example. 1 3600 900 604800 300
        vidu.example.\t300\tIN\tRRSIG\tSOA 13 2 300 20270101000000 20261203000000 111 vidu.example. GOODSOA==
        anbinh.vidu.example.\t300\tIN\tA\t203.0.113.30
        anbinh.vidu.example.\t300\tIN\tRRSIG\tA 13 3 300 20270101000000 20261203000000 111 vidu.example. GOODA==
        anbinh.vidu.example.\t300\tIN\tRRSIG\tAAAA 13 3 300 20270101000000 20261203000000 111 vidu.example. GOODAAAA==
        anbinh.vidu.example.\t300\tIN\tRRSIG\tNSEC 13 3 300 20270101000000 20261203000000 111 vidu.example. GOODNSEC==
        ANBINH2.vidu.example.\t300\tIN\tRRSIG\tA 13 3 300 20270101000000 20261203000000 111 vidu.example. OTHER==

        """
    static let expired = """
        vidu.example.\t300\tIN\tRRSIG\tSOA 13 2 300 20261104000000 20261005000000 111 vidu.example. OLDSOA==
        anbinh.vidu.example.\t300\tIN\tRRSIG\tA 13 3 300 20261104000000 20261005000000 111 vidu.example. OLDA==
        anbinh.vidu.example.\t300\tIN\tRRSIG\tAAAA 13 3 300 20261104000000 20261005000000 111 vidu.example. OLDAAAA==
        anbinh.vidu.example.\t300\tIN\tRRSIG\tNSEC 13 3 300 20261104000000 20261005000000 111 vidu.example. OLDNSEC==

        """

    @Test func onlyTheNamedOwnersDataSignaturesAreSwapped() {
        let result = LabDNSSigner.transplantingSignatures(of: ["ANBINH.vidu.example."], from: Self.expired, into: Self.good)
        for kept in ["GOODSOA==", "GOODNSEC==", "OTHER==", "IN\tA\t203.0.113.30"] { #expect(result.contains(kept), "\(kept)") }
        for gone in ["GOODA==", "GOODAAAA==", "OLDSOA==", "OLDNSEC=="] { #expect(!result.contains(gone), "\(gone)") }
        #expect(result.contains("OLDA==") && result.contains("OLDAAAA=="))
        #expect(result.hasSuffix("\n") && !result.contains("\n\n"))
        // No owner named: the zone comes back as it was signed.
        #expect(LabDNSSigner.transplantingSignatures(of: [], from: Self.expired, into: Self.good)
            == Self.good.split(separator: "\n").joined(separator: "\n") + "\n")
    }

    @Test func aSignedZoneReplacesItsOriginEverywhereItIsServed() throws {
        let zone = LabDNSZone(origin: "vidu.example", primary: "ns1.vidu.example.", records: [.init("@", "NS", "ns1")])
        let other = LabDNSZone(origin: "203.0.113.in-addr.arpa", primary: "ns1.vidu.example.", records: [])
        let host = LabHost("ns", addresses: [IPAddress("203.0.113.4")!],
                           servers: [.nameServer(addresses: [IPAddress("203.0.113.4")!], zones: [zone, other])])
        let spec = LabSpec(hosts: [host], resolver: LabResolver(zones: [zone, other]))
        #expect(spec.servedZones.map(\.origin) == ["vidu.example", "203.0.113.in-addr.arpa"])
        var signed = zone
        signed.signedText = "signed\n"
        let replaced = spec.replacing(signed)
        #expect(replaced.resolver?.zones == [signed, other])
        #expect(replaced.hosts[0].servers == [.nameServer(addresses: [IPAddress("203.0.113.4")!], zones: [signed, other])])
        // A spec with nothing to sign needs no signer.
        #expect(try spec.signingZones().spec == spec)
    }
}
