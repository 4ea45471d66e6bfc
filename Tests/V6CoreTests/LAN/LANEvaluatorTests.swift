import Testing
@testable import V6Core

@Suite("LAN: segment verdicts")
struct LANEvaluatorTests {
    typealias F = LANFixtures

    static let routerMAC = LinkLayerAddress("be:2a:65:72:44:4c")!
    static let rogueMAC = LinkLayerAddress("02:00:5e:10:66:66")!
    static let routerGlobal = IPAddress("2001:db8:a10:1::1")!
    static let routerLinkLocal = IPv6Address("fe80::bc2a:65ff:fe72:444c")!

    static func advertisement(_ file: String) -> RouterAdvertisement {
        let packet = F.routerAdvertisements(file).first!
        return try! RouterAdvertisementDecoder.decode(packet.payload).get()
    }

    static func dnsmasq(_ file: String) -> ObservedDHCPv6Server {
        let replies = F.dhcpv6Replies(file)
        let advertise = replies.first { $0.payload.first == 2 }.map { try! DHCPv6Decoder.decode($0.payload).get() }
        let reply = replies.first { $0.payload.first == 7 }.map { try! DHCPv6Decoder.decode($0.payload).get() }
        return ObservedDHCPv6Server(source: routerLinkLocal, advertise: advertise, reply: reply)
    }

    /// The segment the fixtures' router serves, with its router declared and resolved in the neighbour table.
    static func context(assignment: AddressAssignment? = .slaacAndDHCPv6, dhcpv6: Bool? = nil, routers: Bool = true,
                        prefixes: [String] = ["2001:db8:a10:1::/64"]) -> LANSegmentContext {
        let segment = Segment(id: "so-tttt-lan", name: "LAN", site: "hq", kind: .lan, ipv6: prefixes.map { IPPrefix($0)! },
                              routers: routers ? ["so-tttt-rtr1"] : [], addressAssignment: assignment, dhcpv6: dhcpv6)
        return LANSegmentContext(segment: segment,
                                 routers: routers ? [.init(id: "so-tttt-rtr1", addresses: [routerGlobal])] : [],
                                 knownAddresses: [routerGlobal: "so-tttt-rtr1", IPAddress("2001:db8:a10:1::20")!: "so-tttt-srv1"])
    }

    static func observation(_ ras: [ObservedRouterAdvertisement], servers: [ObservedDHCPv6Server] = [],
                            neighbours: [LANNeighbour] = [], mtu: Int? = 1400) -> LANObservation {
        let routerEntry = LANNeighbour(address: routerGlobal, linkLayerAddress: routerMAC, foundBy: ["echo"])
        return LANObservation(interface: "eth0", listenSeconds: 4, interfaceMTU: mtu, routerAdvertisements: ras,
                              dhcpv6Servers: servers, neighbours: [routerEntry] + neighbours)
    }

    static let good = ObservedRouterAdvertisement(source: routerLinkLocal, count: 2, advertisement: advertisement("radvd-full.pcap"))

    func codes(_ verdict: LANVerdict) -> [String] { verdict.findings.map(\.code.rawValue) }

    @Test("radvd and dnsmasq as the inventory says: green, with address and DNS sources named")
    func green() {
        let verdict = LANEvaluator.evaluate(Self.observation([Self.good], servers: [Self.dnsmasq("radvd-full.pcap")]), context: Self.context())
        #expect(verdict.colour == .green, "\(verdict.findings)")
        #expect(verdict.findings.isEmpty)
        #expect(verdict.addressAvailable && verdict.dnsAvailable)
        #expect(verdict.reason.contains("SLAAC 2001:db8:a10:1::/64") && verdict.reason.contains("RDNSS 2001:db8:a10:1::53"), "\(verdict.reason)")
        #expect(verdict.routers.first?.device == "so-tttt-rtr1")
        #expect(verdict.evidence.contains { $0.hasPrefix("RA from fe80::bc2a:65ff:fe72:444c (be:2a:65:72:44:4c, router so-tttt-rtr1) ×2: flags M O") })
    }

    @Test("no-ra: nothing answered the solicitation")
    func noRA() {
        let verdict = LANEvaluator.evaluate(Self.observation([]), context: Self.context())
        #expect(verdict.colour == .red)
        #expect(codes(verdict) == ["no-ra"])
        #expect(!verdict.addressAvailable && !verdict.dnsAvailable)
    }

    @Test("rogue-ra: an RA from a link-layer address that is not the segment's router; no-ra when it is the only one")
    func rogueRA() {
        var rogue = Self.advertisement("radvd-full.pcap")
        rogue.sourceLinkLayerAddress = Self.rogueMAC
        let observed = ObservedRouterAdvertisement(source: IPv6Address("fe80::5eff:fe10:6666")!, advertisement: rogue)
        let both = LANEvaluator.evaluate(Self.observation([Self.good, observed], servers: [Self.dnsmasq("radvd-full.pcap")]), context: Self.context())
        #expect(both.colour == .red)
        #expect(codes(both) == ["rogue-ra"])
        #expect(both.findings.first?.subject == "fe80::5eff:fe10:6666")
        #expect(both.findings.first?.message.contains("not one of the segment's routers (so-tttt-rtr1)") == true)
        #expect(both.addressAvailable && both.dnsAvailable, "the real router still serves the hosts")
        let alone = LANEvaluator.evaluate(Self.observation([observed]), context: Self.context())
        #expect(codes(alone) == ["no-ra", "rogue-ra"])
    }

    @Test("without declared routers, an RA announcing a prefix outside the segment is the rogue")
    func rogueByPrefix() {
        let zero = ObservedRouterAdvertisement(source: Self.routerLinkLocal, advertisement: Self.advertisement("radvd-zero-lifetime.pcap"))
        let verdict = LANEvaluator.evaluate(Self.observation([Self.good, zero]), context: Self.context(routers: false))
        #expect(verdict.findings(.rogueRA).count == 1)
        #expect(verdict.findings(.rogueRA).first?.message.contains("2001:db8:a10:2::/64") == true)
    }

    @Test("ra-prefix-outside-segment, zero-lifetime, no-dns and no-address from the segment's own misconfigured router")
    func misconfiguredRouter() {
        let zero = ObservedRouterAdvertisement(source: Self.routerLinkLocal, advertisement: Self.advertisement("radvd-zero-lifetime.pcap"))
        let verdict = LANEvaluator.evaluate(Self.observation([zero]), context: Self.context(assignment: .slaac))
        #expect(verdict.colour == .red)
        #expect(Set(codes(verdict)) == ["ra-prefix-outside-segment", "zero-lifetime", "no-dns", "no-address"])
        #expect(verdict.findings(.zeroLifetime).first?.severity == .red, "no other default router")
        #expect(verdict.findings(.noDNS).first?.message.contains("the M and O flags are not set") == true)
        #expect(verdict.findings.first?.severity == .red)
    }

    @Test("zero-lifetime is yellow while another of the segment's routers is a default router")
    func zeroLifetimeBesideDefault() {
        var second = Self.advertisement("radvd-full.pcap")
        second.routerLifetime = 0
        second.sourceLinkLayerAddress = LinkLayerAddress("02:00:5e:10:00:02")!
        var context = Self.context()
        context.routers.append(.init(id: "so-tttt-rtr2", addresses: [IPAddress("2001:db8:a10:1::2")!]))
        context.knownAddresses[IPAddress("2001:db8:a10:1::2")!] = "so-tttt-rtr2"
        var observation = Self.observation([Self.good, ObservedRouterAdvertisement(source: IPv6Address("fe80::2")!, advertisement: second)],
                                           servers: [Self.dnsmasq("radvd-full.pcap")])
        observation.neighbours.append(LANNeighbour(address: IPAddress("2001:db8:a10:1::2")!, linkLayerAddress: LinkLayerAddress("02:00:5e:10:00:02")!))
        let verdict = LANEvaluator.evaluate(observation, context: context)
        #expect(codes(verdict) == ["zero-lifetime"])
        #expect(verdict.colour == .yellow)
    }

    @Test("managed-without-dhcpv6: the M flag with no server, and with a server that has nothing to give")
    func managedWithoutDHCPv6() {
        let none = LANEvaluator.evaluate(Self.observation([Self.good]), context: Self.context())
        #expect(codes(none) == ["managed-without-dhcpv6"])
        #expect(none.colour == .yellow, "SLAAC and RDNSS still serve the hosts")
        let empty = LANEvaluator.evaluate(Self.observation([Self.good], servers: [Self.dnsmasq("radvd-zero-lifetime.pcap")]), context: Self.context())
        #expect(empty.findings(.managedWithoutDHCPv6).first?.message.contains("NoAddrsAvail") == true)
        var notAsked = Self.observation([Self.good])
        notAsked.dhcpv6Queried = false
        #expect(LANEvaluator.evaluate(notAsked, context: Self.context()).findings.isEmpty, "not judged when DHCPv6 could not be asked")
    }

    @Test("dhcpv6-rogue: a server answers on a segment that expects none")
    func dhcpv6Rogue() {
        let verdict = LANEvaluator.evaluate(Self.observation([Self.good], servers: [Self.dnsmasq("radvd-full.pcap")]),
                                            context: Self.context(assignment: .slaac, dhcpv6: false))
        #expect(codes(verdict) == ["dhcpv6-rogue", "managed-without-dhcpv6"], "the router's M flag has no legitimate server behind it either")
        #expect(verdict.colour == .red)
        #expect(verdict.findings.first?.message.contains("offers 2001:db8:a10:1::1b6") == true)
    }

    @Test("dhcpv6-rogue: with servers declared, one with another link-layer address is the rogue")
    func dhcpv6RogueByServerList() {
        var context = Self.context()
        context.segment?.dhcpv6Servers = ["so-tttt-srv1"]
        context.dhcpv6Servers = [.init(id: "so-tttt-srv1", addresses: [IPAddress("2001:db8:a10:1::20")!])]
        let observation = Self.observation([Self.good], servers: [Self.dnsmasq("radvd-full.pcap")],
                                           neighbours: [LANNeighbour(address: IPAddress("2001:db8:a10:1::20")!, linkLayerAddress: LinkLayerAddress("02:00:5e:10:00:20")!)])
        #expect(codes(LANEvaluator.evaluate(observation, context: context)).contains("dhcpv6-rogue"))
    }

    @Test("mtu-mismatch: the router announces 1400 on a 1500-byte link")
    func mtuMismatch() {
        let verdict = LANEvaluator.evaluate(Self.observation([Self.good], servers: [Self.dnsmasq("radvd-full.pcap")], mtu: 1500), context: Self.context())
        #expect(codes(verdict) == ["mtu-mismatch"])
        #expect(verdict.colour == .yellow)
        #expect(verdict.findings.first?.message.contains("MTU 1400 but the link's MTU is 1500") == true)
    }

    @Test("pref64 is reported without changing a green verdict")
    func pref64() throws {
        var ra = Self.advertisement("radvd-full.pcap")
        ra.pref64 = try RouterAdvertisementDecoder.decode(F.raWithPREF64).get().pref64
        let verdict = LANEvaluator.evaluate(Self.observation([ObservedRouterAdvertisement(source: Self.routerLinkLocal, advertisement: ra)],
                                                             servers: [Self.dnsmasq("radvd-full.pcap")]), context: Self.context())
        #expect(codes(verdict) == ["pref64", "pref64"])
        #expect(verdict.colour == .green)
        #expect(verdict.findings.first?.message.contains("64:ff9b::/96") == true)
    }

    @Test("unknown-neighbour: a host the inventory does not know; the router's link-local counts as known through its MAC")
    func unknownNeighbour() {
        let neighbours = [
            LANNeighbour(address: .v6(Self.routerLinkLocal), linkLayerAddress: Self.routerMAC, isRouter: true, foundBy: ["ff02::1 echo"]),
            LANNeighbour(address: IPAddress("fe80::99")!, linkLayerAddress: LinkLayerAddress("02:00:5e:10:00:99")!, foundBy: ["ff02::1 echo"]),
            LANNeighbour(address: IPAddress("2001:db8:a10:1::99")!, linkLayerAddress: LinkLayerAddress("02:00:5e:10:00:99")!, foundBy: ["neighbour table"]),
        ]
        let verdict = LANEvaluator.evaluate(Self.observation([Self.good], servers: [Self.dnsmasq("radvd-full.pcap")], neighbours: neighbours),
                                            context: Self.context())
        #expect(codes(verdict) == ["unknown-neighbour"], "one host, two addresses, one finding")
        #expect(verdict.colour == .green)
        #expect(verdict.findings.first?.message.contains("02:00:5e:10:00:99 (2001:db8:a10:1::99, fe80::99)") == true, "\(verdict.findings)")
        #expect(verdict.neighbours.first { $0.neighbour.address == .v6(Self.routerLinkLocal) }?.record == "so-tttt-rtr1")
    }

    @Test("a static segment is judged only for rogues")
    func staticSegment() {
        let quiet = LANEvaluator.evaluate(Self.observation([]), context: Self.context(assignment: .static))
        #expect(quiet.colour == .green && quiet.addressAvailable && quiet.dnsAvailable)
        var rogue = Self.advertisement("radvd-full.pcap")
        rogue.sourceLinkLayerAddress = Self.rogueMAC
        let loud = LANEvaluator.evaluate(Self.observation([ObservedRouterAdvertisement(source: IPv6Address("fe80::66")!, advertisement: rogue)]),
                                         context: Self.context(assignment: .static))
        #expect(codes(loud) == ["rogue-ra"])
    }

    @Test("without a segment: no rogue or neighbour judgement, only what hosts would get")
    func noSegment() {
        let verdict = LANEvaluator.evaluate(Self.observation([Self.good], servers: [Self.dnsmasq("radvd-full.pcap")]))
        #expect(verdict.colour == .green && verdict.segment == nil)
        #expect(verdict.evidence.first?.hasPrefix("no inventory segment given") == true)
    }

    @Test("a hop limit other than 255 and malformed options show in the evidence")
    func evidenceOfProblems() {
        var ra = Self.advertisement("radvd-full.pcap")
        ra.problems = [LANDecodeProblem(offset: 40, option: 25, message: "RDNSS length 2")]
        let verdict = LANEvaluator.evaluate(Self.observation([ObservedRouterAdvertisement(source: Self.routerLinkLocal, hopLimit: 64, advertisement: ra)]),
                                            context: Self.context())
        #expect(verdict.evidence.contains { $0.contains("hop limit 64, not 255") })
        #expect(verdict.evidence.contains { $0.contains("malformed option 25 at byte 40: RDNSS length 2") })
    }

    @Test("the lan line round-trips its judgement and documents every router field")
    func jsonRoundTrip() throws {
        var rogue = Self.advertisement("radvd-full.pcap")
        rogue.sourceLinkLayerAddress = Self.rogueMAC
        let verdict = LANEvaluator.evaluate(Self.observation([Self.good, ObservedRouterAdvertisement(source: IPv6Address("fe80::66")!, advertisement: rogue)],
                                                             servers: [Self.dnsmasq("radvd-full.pcap")]), context: Self.context())
        let line = verdict.jsonLine
        #expect(line.hasPrefix("{\"type\":\"lan\",\"segment\":\"so-tttt-lan\",\"interface\":\"eth0\",\"verdict\":\"red\""))
        let parsed = try JSONParser.parse(Array(line.utf8), recordLines: false).value
        let back = try #require(LANVerdict(json: parsed))
        #expect(back.colour == verdict.colour && back.findings == verdict.findings && back.evidence == verdict.evidence)
        #expect(back.addressAvailable == verdict.addressAvailable && back.dnsAvailable == verdict.dnsAvailable)
        let router = try #require(parsed["routers"]?.arrayValue?.first)
        for key in ["address", "mac", "legitimate", "seen", "managed", "other", "preference", "lifetime_s", "prefixes", "rdnss", "dnssl", "mtu", "routes", "pref64"] {
            #expect(router[key] != nil, "router field \(key)")
        }
        let server = try #require(parsed["dhcpv6"]?["servers"]?.arrayValue?.first)
        #expect(server["duid"]?.stringValue == "llt:be:2a:65:72:44:4c")
        #expect(server["addresses"]?.arrayValue?.first?.stringValue == "2001:db8:a10:1::1b6")
    }
}
