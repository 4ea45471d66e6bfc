import Testing
@testable import V6Core

@Suite("LAN: DHCPv6 decoder")
struct DHCPv6DecoderTests {
    typealias F = LANFixtures

    func decode(_ bytes: [UInt8]) throws -> DHCPv6Message {
        try DHCPv6Decoder.decode(bytes).get()
    }

    @Test("dnsmasq's Advertise: server DUID, IA_NA with an address, DNS servers, domain list, preference, Success")
    func dnsmasqAdvertise() throws {
        let replies = F.dhcpv6Replies("radvd-full.pcap")
        let advertise = try decode(try #require(replies.first { $0.payload.first == 2 }).payload)
        #expect(advertise.type == .advertise)
        #expect(advertise.transactionID == 0x123457)
        #expect(advertise.clientID?.linkLayerAddress?.description == "02:00:5e:10:00:01")
        #expect(advertise.serverID?.description == "llt:be:2a:65:72:44:4c")
        #expect(advertise.addressAssociations.count == 1)
        let ia = try #require(advertise.addressAssociations.first)
        #expect(ia.iaid == 1 && ia.t1 == 1800 && ia.t2 == 3150)
        #expect(ia.addresses == [DHCPv6Address(address: IPv6Address("2001:db8:a10:1::1b6")!, preferredLifetime: 3600, validLifetime: 3600)])
        #expect(advertise.offeredAddresses == [IPv6Address("2001:db8:a10:1::1b6")!])
        #expect(advertise.status == DHCPv6Status(code: 0, message: "success"))
        #expect(advertise.failure == nil)
        #expect(advertise.preference == 0)
        #expect(advertise.dnsServers == [IPv6Address("2001:db8:a10:1::53")!])
        #expect(advertise.domainList == ["so-tttt.vidu.example."])
        #expect(advertise.problems.isEmpty && advertise.unknownOptions.isEmpty)
    }

    @Test("dnsmasq's Reply to an Information-request: DNS and the domain list without addresses")
    func dnsmasqInformationReply() throws {
        let replies = F.dhcpv6Replies("radvd-full.pcap")
        let reply = try decode(try #require(replies.first { $0.payload.first == 7 }).payload)
        #expect(reply.type == .reply)
        #expect(reply.addressAssociations.isEmpty)
        #expect(reply.dnsServers == [IPv6Address("2001:db8:a10:1::53")!])
        #expect(reply.domainList == ["so-tttt.vidu.example."])
        #expect(reply.informationRefreshTime == 3600)
    }

    @Test("dnsmasq with no address to give: the Advertise carries NoAddrsAvail")
    func noAddressesAvailable() throws {
        let replies = F.dhcpv6Replies("radvd-zero-lifetime.pcap")
        let advertise = try decode(try #require(replies.first { $0.payload.first == 2 }).payload)
        #expect(advertise.offeredAddresses.isEmpty)
        #expect(advertise.failure?.name == "NoAddrsAvail")
        let reply = try decode(try #require(replies.first { $0.payload.first == 7 }).payload)
        #expect(reply.dnsServers == [IPv6Address("2001:db8:a10:1::53")!])
        #expect(reply.domainList.isEmpty)
    }

    @Test("IA_PD with an IAPREFIX and a DUID-EN server id")
    func prefixDelegation() throws {
        let reply = try decode(F.replyWithPrefixDelegation)
        #expect(reply.type == .reply && reply.transactionID == 0xABCDEF)
        #expect(reply.serverID?.description == "en:32473:01020304")
        #expect(reply.prefixAssociations == [DHCPv6IdentityAssociation(
            iaid: 2, t1: 1800, t2: 3000,
            prefixes: [DHCPv6DelegatedPrefix(prefix: IPPrefix("2001:db8:a20::/48")!, preferredLifetime: 3600, validLifetime: 7200)])])
        #expect(reply.delegatedPrefixes == [IPPrefix("2001:db8:a20::/48")!])
        #expect(reply.problems.isEmpty)
    }

    @Test("relay messages, unknown types and short messages are refused")
    func refused() {
        #expect(throws: LANDecodeError.self) { try decode([12, 0, 0, 0]) }
        #expect(throws: LANDecodeError.self) { try decode([99, 0, 0, 0]) }
        #expect(throws: LANDecodeError.self) { try decode([7, 0, 0]) }
    }

    @Test("a malformed option is reported and skipped; an option running past the end stops the walk")
    func malformedOptions() throws {
        // DNS servers of 15 bytes, then a good domain list, then an option claiming 200 bytes.
        let bad: [UInt8] = [7, 1, 2, 3, 0, 23, 0, 15] + [UInt8](repeating: 0x20, count: 15)
            + [0, 24, 0, 9, 4, 0x76, 0x69, 0x64, 0x75, 2, 0x76, 0x6E, 0] + [0, 23, 0, 200, 1, 2]
        let message = try decode(bad)
        #expect(message.dnsServers.isEmpty)
        #expect(message.domainList == ["vidu.vn."])
        #expect(message.problems.map(\.option) == [23, 23])
    }

    @Test("every truncation and single-byte change of real replies decodes or is refused, never crashes")
    func hostileInputs() {
        for packet in F.dhcpv6Replies("radvd-full.pcap").map(\.payload) + [F.replyWithPrefixDelegation] {
            for length in 0...packet.count { _ = DHCPv6Decoder.decode(Array(packet.prefix(length))) }
            for index in packet.indices {
                for value: UInt8 in [0, 1, 0x19, 0x7F, 0xFF] {
                    var changed = packet
                    changed[index] = value
                    _ = DHCPv6Decoder.decode(changed)
                }
            }
        }
    }
}
