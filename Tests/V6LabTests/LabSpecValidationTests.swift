import Testing
import V6Core
@testable import V6Lab

@Suite struct LabSpecValidationTests {
    func address(_ text: String) -> IPAddress { IPAddress(text)! }

    func expectInvalid(_ spec: LabSpec, mentioning fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try spec.validate()
            Issue.record("accepted a spec that should fail (\(fragment))", sourceLocation: sourceLocation)
        } catch let error as LabError {
            guard case .invalidSpec(let message) = error else {
                Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
                return
            }
            #expect(message.contains(fragment), "\(message)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func theShowcaseIsValid() throws {
        try LabSpec.showcase(delayMilliseconds: 50).validate()
        try LabSpec.showcase().withBulk().validate()
    }

    @Test func addressesOutsideTheLabRangesAreRefused() {
        expectInvalid(LabSpec(hosts: [LabHost("a", addresses: [address("10.0.0.1")])]), mentioning: "outside the lab ranges")
        expectInvalid(LabSpec(hosts: [LabHost("a", addresses: [address("2001:4860::8888")])]), mentioning: "outside")
        expectInvalid(LabSpec(hosts: [LabHost("a", addresses: [address("198.51.100.7")])]), mentioning: "transit")
        expectInvalid(LabSpec(hosts: [LabHost("a", addresses: [address("2001:db8:ffff:9::1")])]), mentioning: "transit")
        expectInvalid(LabSpec(bulk: LabBulkTargets(answering: [IPPrefix("8.8.8.0/24")!])), mentioning: "outside")
        expectInvalid(LabSpec(bulk: LabBulkTargets(answering: [IPPrefix("2001:db8::/32")!])), mentioning: "transit")
    }

    @Test func namesMustBeUsableAndUnique() {
        let a = [address("192.0.2.1")]
        expectInvalid(LabSpec(hosts: [LabHost("router", addresses: a)]), mentioning: "host name")
        expectInvalid(LabSpec(hosts: [LabHost("Web", addresses: a)]), mentioning: "host name")
        expectInvalid(LabSpec(hosts: [LabHost("-x", addresses: a)]), mentioning: "host name")
        expectInvalid(LabSpec(hosts: [LabHost(String(repeating: "a", count: 33), addresses: a)]), mentioning: "host name")
        expectInvalid(LabSpec(hosts: [LabHost("a", addresses: a), LabHost("a", addresses: [address("192.0.2.2")])]),
                      mentioning: "two hosts")
        expectInvalid(LabSpec(hosts: [LabHost("a", addresses: a), LabHost("b", addresses: a)]), mentioning: "both")
        expectInvalid(LabSpec(), mentioning: "neither")
    }

    @Test func behavioursMustFitTheHost() {
        let v4 = [address("192.0.2.1")]
        let dual = v4 + [address("2001:db8::1")]
        expectInvalid(LabSpec(hosts: [LabHost("a", addresses: v4, behaviours: [.ipv6PathBlackholed])]),
                      mentioning: "needs an IPv6 address")
        expectInvalid(LabSpec(hosts: [LabHost("a", addresses: v4, behaviours: [.echoFiltered([.v6])])]),
                      mentioning: "each family")
        expectInvalid(LabSpec(hosts: [LabHost("a", addresses: dual, behaviours: [.pmtuBlackHole(mtu: 1200)])]),
                      mentioning: "1280-1499")
        expectInvalid(LabSpec(hosts: [LabHost("a", addresses: dual, openTCPPorts: [80],
                                              behaviours: [.tcpPortsFiltered([80])])]), mentioning: "open and filtered")
        expectInvalid(LabSpec(hosts: [LabHost("a", addresses: dual, openTCPPorts: [0])]), mentioning: "1-65535")
        expectInvalid(LabSpec(hosts: [LabHost("a", addresses: dual, behaviours: [.impaired(LabImpairment())])]),
                      mentioning: "some delay or loss")
        expectInvalid(LabSpec(hosts: [LabHost("a", addresses: dual, behaviours: [
            .impaired(LabImpairment(lossPercent: 101))])]), mentioning: "loss 0-100")
        expectInvalid(LabSpec(hosts: [LabHost("a", addresses: dual, behaviours: [
            .echoFiltered([.v4]), .echoFiltered([.v6])])]), mentioning: "more than one")
    }

    @Test func bulkPrefixesMustNotOverlap() {
        expectInvalid(LabSpec(bulk: LabBulkTargets(answering: [IPPrefix("2001:db8:b::/64")!],
                                                   silent: [IPPrefix("2001:db8:b::/112")!])), mentioning: "overlap")
        expectInvalid(LabSpec(hosts: [LabHost("a", addresses: [address("198.18.0.5")])],
                              bulk: LabBulkTargets(answering: [IPPrefix("198.18.0.0/16")!])), mentioning: "holds 198.18.0.5")
    }

    @Test func tooManyHostsAreRefused() {
        let hosts = (0..<63).map { LabHost("h\($0)", addresses: [address("192.0.2.\($0 + 1)")]) }
        expectInvalid(LabSpec(hosts: hosts), mentioning: "at most 62")
    }

    @Test func serversListenOnTheirHostsAddressesAndPortsOnce() {
        let a = [address("192.0.2.1"), address("2001:db8::1")]
        let zone = LabDNSZone(origin: "lab.example", primary: "ns.lab.example.", records: [])
        func host(_ servers: [LabServer], ports: [Int] = []) -> LabSpec {
            LabSpec(hosts: [LabHost("a", addresses: a, openTCPPorts: ports, servers: servers)])
        }
        expectInvalid(host([.nameServer(addresses: [address("192.0.2.9")], zones: [zone])]),
                      mentioning: "not an address of the host")
        expectInvalid(host([.nameServer(addresses: a, zones: [zone])], ports: [53]), mentioning: "plain listener")
        expectInvalid(host([.nameServer(addresses: a, zones: [])]), mentioning: "serves no zone")
        expectInvalid(host([.nameServer(addresses: a, zones: [zone, zone])]), mentioning: "twice")
        expectInvalid(host([.web(sites: [LabWebSite(addresses: a, page: "x", names: ["Bad Name"])])]),
                      mentioning: "host name")
        expectInvalid(host([.mail(LabMailServer(greeting: a, banner: "two\nlines"))]), mentioning: "printable")
        expectInvalid(host([.mail(LabMailServer(greeting: a, banner: "mx")), .mail(LabMailServer(greeting: [a[0]], banner: "mx"))]),
                      mentioning: "both listen")
        let zoneWithNewline = LabDNSZone(origin: "lab.example", primary: "ns.lab.example.", records: [.init("a", "TXT", "x;y")])
        expectInvalid(host([.nameServer(addresses: a, zones: [zoneWithNewline])]), mentioning: "zone-file text")
        expectInvalid(LabSpec(bulk: LabBulkTargets(answering: [IPPrefix("198.18.0.0/24")!]), resolver: LabResolver(zones: [zone])),
                      mentioning: "needs hosts")
    }
}
