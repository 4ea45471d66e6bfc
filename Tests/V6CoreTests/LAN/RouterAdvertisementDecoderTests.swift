import Testing
@testable import V6Core

@Suite("LAN: router advertisement decoder")
struct RouterAdvertisementDecoderTests {
    typealias F = LANFixtures

    func decode(_ bytes: [UInt8]) throws -> RouterAdvertisement {
        try RouterAdvertisementDecoder.decode(bytes).get()
    }

    @Test("radvd's full advertisement: flags, timers and every option it sends")
    func radvdFull() throws {
        let packets = F.routerAdvertisements("radvd-full.pcap")
        #expect(packets.count >= 2, "the capture holds periodic and solicited RAs")
        let packet = try #require(packets.first)
        #expect(packet.hopLimit == 255)
        #expect(packet.source.description.hasPrefix("fe80::"))
        let ra = try decode(packet.payload)
        #expect(ra.managed && ra.otherConfiguration && !ra.homeAgent && !ra.proxy)
        #expect(ra.preference == .high)
        #expect(ra.currentHopLimit == 64)
        #expect(ra.routerLifetime == 1800)
        #expect(ra.reachableTime == 30000 && ra.retransTimer == 1000)
        #expect(ra.mtu == 1400)
        #expect(ra.sourceLinkLayerAddress?.description == "be:2a:65:72:44:4c")
        #expect(ra.prefixes == [PrefixInformation(prefix: IPPrefix("2001:db8:a10:1::/64")!, onLink: true, autonomous: true,
                                                  validLifetime: 86400, preferredLifetime: 14400)])
        #expect(ra.routes == [RouteInformation(prefix: IPPrefix("2001:db8:a10:ff00::/56")!, preference: .low, lifetime: 3600)])
        #expect(ra.dnsServers == [RecursiveDNSServers(lifetime: 600, servers: [IPv6Address("2001:db8:a10:1::53")!,
                                                                                 IPv6Address("2001:db8:a10:1::54")!])])
        #expect(ra.searchLists == [DNSSearchList(lifetime: 600, domains: ["so-tttt.vidu.example.", "vidu.example."])])
        #expect(ra.pref64.isEmpty && ra.unknownOptions.isEmpty && ra.problems.isEmpty)
        #expect(ra.usableDNSServers.count == 2)
    }

    @Test("the solicited RA (unicast to the soliciting host) decodes the same as the periodic one")
    func solicitedEqualsPeriodic() throws {
        let packets = F.routerAdvertisements("radvd-full.pcap")
        let multicast = try #require(packets.first { $0.destination.description == "ff02::1" })
        let unicast = try #require(packets.first { $0.destination.description.hasPrefix("fe80::") })
        #expect(try decode(multicast.payload) == decode(unicast.payload))
    }

    @Test("radvd with router lifetime 0 and preference low: no default router, SLAAC only, no DNS")
    func radvdZeroLifetime() throws {
        let ra = try decode(try #require(F.routerAdvertisements("radvd-zero-lifetime.pcap").first).payload)
        #expect(ra.routerLifetime == 0)
        #expect(ra.preference == .low)
        #expect(!ra.managed && !ra.otherConfiguration)
        #expect(ra.prefixes.map(\.prefix) == [IPPrefix("2001:db8:a10:2::/64")!])
        #expect(ra.dnsServers.isEmpty && ra.mtu == nil && ra.problems.isEmpty)
    }

    @Test("PREF64 (RFC 8781): scaled lifetime and prefix length code")
    func pref64() throws {
        let ra = try decode(F.raWithPREF64)
        #expect(ra.pref64 == [PREF64(lifetime: 1800, prefix: IPPrefix("64:ff9b::/96")!),
                              PREF64(lifetime: 1800, prefix: IPPrefix("2001:db8:64::/64")!)])
        #expect(ra.problems.isEmpty)
    }

    @Test("not an RA, a short message and a non-zero code are refused")
    func refused() {
        #expect(throws: LANDecodeError.self) { try decode([133, 0, 0, 0, 0, 0, 0, 0]) }
        #expect(throws: LANDecodeError.self) { try decode([134, 0, 0, 0]) }
        var coded = F.raWithPREF64
        coded[1] = 1
        #expect(throws: LANDecodeError.self) { try decode(coded) }
    }

    @Test("a malformed option is reported and skipped; the options after it still count")
    func malformedOptionSkipped() throws {
        // Header, then an MTU option of length 2 (must be 1), then a good MTU option.
        let bytes = Array(F.raWithPREF64.prefix(16)) + [5, 2, 0, 0, 0, 0, 5, 0xDC, 0, 0, 0, 0, 0, 0, 0, 0] + [5, 1, 0, 0, 0, 0, 5, 0xDC]
        let ra = try decode(bytes)
        #expect(ra.mtu == 1500)
        #expect(ra.problems.count == 1)
        #expect(ra.problems.first?.option == 5)
        #expect(ra.problems.first?.offset == 16)
    }

    @Test("an option of length 0 or one running past the end ends the walk with a problem")
    func unreadableOptions() throws {
        let header = Array(F.raWithPREF64.prefix(16))
        let zero = try decode(header + [25, 0, 0, 0, 0, 0, 0, 0])
        #expect(zero.problems.map(\.option) == [25])
        #expect(zero.problems.first?.message.contains("length 0") == true)
        let overrun = try decode(header + [3, 4, 64, 0xC0])
        #expect(overrun.prefixes.isEmpty)
        #expect(overrun.problems.first?.message.contains("runs past the end") == true)
        let stray = try decode(header + [1])
        #expect(stray.problems.count == 1)
    }

    @Test("bad RDNSS, DNSSL, route information and PREF64 lengths are each reported")
    func badOptionContents() throws {
        let header = Array(F.raWithPREF64.prefix(16))
        // RDNSS of length 2 (no room for a server); DNSSL with a label that runs past the option; route /72 in length 2;
        // PREF64 with code 7.
        let rdnss: [UInt8] = [25, 2] + [UInt8](repeating: 0, count: 14)
        let dnssl: [UInt8] = [31, 2, 0, 0, 0, 0, 0, 60] + [9, 0x61, 0x62, 0, 0, 0, 0, 0]
        let route: [UInt8] = [24, 2, 72, 0, 0, 0, 0, 60] + [UInt8](repeating: 0x20, count: 8)
        let pref64: [UInt8] = [38, 2, 0x07, 0x0F] + [UInt8](repeating: 0, count: 12)
        let ra = try decode(header + rdnss + dnssl + route + pref64 + [5, 1, 0, 0, 0, 0, 5, 0x78])
        #expect(ra.problems.map(\.option) == [25, 31, 24, 38])
        #expect(ra.dnsServers.isEmpty && ra.searchLists.isEmpty && ra.routes.isEmpty && ra.pref64.isEmpty)
        #expect(ra.mtu == 1400, "the option after the bad ones is still read")
    }

    @Test("unknown option types are listed and skipped")
    func unknownOptions() throws {
        let ra = try decode(Array(F.raWithPREF64.prefix(16)) + [8, 1, 0, 0, 0, 0, 0, 0, 5, 1, 0, 0, 0, 0, 5, 0xDC])
        #expect(ra.unknownOptions == [8])
        #expect(ra.mtu == 1500 && ra.problems.isEmpty)
    }

    @Test("every truncation and every single-byte change of a real RA decodes or is refused, never crashes")
    func hostileInputs() {
        let packet = F.routerAdvertisements("radvd-full.pcap").first?.payload ?? F.raWithPREF64
        for length in 0...packet.count { _ = RouterAdvertisementDecoder.decode(Array(packet.prefix(length))) }
        for index in packet.indices {
            for value: UInt8 in [0, 1, 2, 0x7F, 0x80, 0xFF] {
                var changed = packet
                changed[index] = value
                _ = RouterAdvertisementDecoder.decode(changed)
            }
        }
    }
}
