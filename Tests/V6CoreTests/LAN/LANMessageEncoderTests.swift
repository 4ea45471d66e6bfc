import Testing
@testable import V6Core

@Suite("LAN: Router Solicitation and DHCPv6 encoders")
struct LANMessageEncoderTests {
    @Test("a Router Solicitation: type 133, code 0, and the source link-layer address option padded to 8 bytes")
    func routerSolicitation() {
        #expect(LANMessageEncoder.routerSolicitation() == [133, 0, 0, 0, 0, 0, 0, 0])
        let mac = LinkLayerAddress("02:00:5e:10:00:01")!
        #expect(LANMessageEncoder.routerSolicitation(linkLayerAddress: mac)
            == [133, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0x02, 0x00, 0x5E, 0x10, 0x00, 0x01])
    }

    @Test("Solicit: the same bytes the fixtures' client sent (client id, elapsed time, ORO 23 24, IA_NA 1)")
    func solicitMatchesCapturedClient() throws {
        let duid = DUID.linkLayer(LinkLayerAddress("02:00:5e:10:00:01")!)
        let bytes = LANMessageEncoder.solicit(transactionID: 0x123457, clientID: duid)
        let captured = LANFixtures.packets("radvd-full.pcap").first { $0.nextHeader == 17 && $0.payload.first == 1 }
        #expect(bytes == (try #require(captured)).payload)
    }

    @Test("Information-request: the same bytes as the captured one; dnsmasq answered both")
    func informationRequestMatchesCapturedClient() throws {
        let duid = DUID.linkLayer(LinkLayerAddress("02:00:5e:10:00:01")!)
        let bytes = LANMessageEncoder.informationRequest(transactionID: 0x123461, clientID: duid)
        let captured = LANFixtures.packets("radvd-full.pcap").first { $0.nextHeader == 17 && $0.payload.first == 11 }
        #expect(bytes == (try #require(captured)).payload)
    }

    @Test("link-layer addresses parse and print as ip neigh shows them")
    func linkLayerText() {
        #expect(LinkLayerAddress("BE:2a:65:72:44:4c")?.description == "be:2a:65:72:44:4c")
        #expect(LinkLayerAddress("be:2a:65") != nil)
        #expect(LinkLayerAddress("be:2a:6") == nil)
        #expect(LinkLayerAddress("") == nil)
        #expect(LinkLayerAddress("zz:00") == nil)
    }

    @Test("an encoded router advertisement decodes to what was encoded; PREF64 matches the hand-built fixture")
    func routerAdvertisementRoundTrip() throws {
        let ra = RouterAdvertisement(currentHopLimit: 64, managed: true, preference: .high, routerLifetime: 1800,
                                     sourceLinkLayerAddress: LinkLayerAddress("02:00:5e:10:00:01")!, mtu: 1500,
                                     prefixes: [PrefixInformation(prefix: IPPrefix("2001:db8:a10:1::/64")!, onLink: true, autonomous: true,
                                                                  validLifetime: 86400, preferredLifetime: 14400)],
                                     dnsServers: [RecursiveDNSServers(lifetime: 600, servers: [IPv6Address("2001:db8:a10:1::53")!])],
                                     pref64: [PREF64(lifetime: 1800, prefix: IPPrefix("64:ff9b::/96")!)])
        #expect(try RouterAdvertisementDecoder.decode(LANMessageEncoder.routerAdvertisement(ra)).get() == ra)
        let pref64Only = RouterAdvertisement(currentHopLimit: 64, routerLifetime: 1800,
                                             pref64: [PREF64(lifetime: 1800, prefix: IPPrefix("64:ff9b::/96")!),
                                                      PREF64(lifetime: 1800, prefix: IPPrefix("2001:db8:64::/64")!)])
        #expect(LANMessageEncoder.routerAdvertisement(pref64Only) == LANFixtures.raWithPREF64)
    }
}
