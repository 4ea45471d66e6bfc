import Testing
import V6Core
@testable import V6Lab
import V6TestSupport

/// The plan is pure, so its safety properties are checked here on every machine, root or not.
@Suite struct LabPlanTests {
    let id = LabID("a1b2c3")!

    func plan(_ spec: LabSpec = .showcase(delayMilliseconds: 100)) throws -> LabPlan {
        try LabPlan(spec.withBulk(), id: id)
    }

    /// The showcase with bulk targets, and the example inventory's lab with its IPv6-only client and translators.
    func plans() throws -> [LabPlan] {
        [try plan(), try LabPlan(LabSpec.fromInventory(try exampleInventory()).spec, id: id)]
    }

    @Test func everyIPCommandNamesALabNamespace() throws {
        for step in try plans().flatMap(\.steps) {
            switch step {
            case .command(.ip, let arguments):
                if arguments.starts(with: ["netns", "add"]) {
                    #expect(LabNames.isLabNamespace(arguments[2]), "\(step)")
                } else if arguments.starts(with: ["link", "add"]) {
                    // Both veth ends are born inside lab namespaces: `link add A netns NS1 type veth peer name B
                    // netns NS2`.
                    #expect(arguments.count == 12, "\(step)")
                    #expect(arguments[3] == "netns" && LabNames.isLabNamespace(arguments[4]), "\(step)")
                    #expect(arguments[10] == "netns" && LabNames.isLabNamespace(arguments[11]), "\(step)")
                } else {
                    #expect(arguments[0] == "-n" && LabNames.isLabNamespace(arguments[1]), "\(step)")
                }
            case .command(let tool, _):
                Issue.record("unexpected root-namespace tool \(tool): \(step)")
            case .inNamespace(let namespace, _, _, _), .listen(let namespace, _), .awaitLink(let namespace, _):
                #expect(LabNames.isLabNamespace(namespace), "\(step)")
            case .delayedLink(let link):
                #expect(LabNames.isLabNamespace(link.upstreamNamespace) && LabNames.isLabNamespace(link.downstreamNamespace),
                        "\(step)")
            case .serve(let namespace, _), .resolvConf(let namespace, _), .daemon(let namespace, _):
                #expect(LabNames.isLabNamespace(namespace), "\(step)")
            }
        }
    }

    @Test func everyAddressAndRouteStaysInTheLabRanges() throws {
        var checked = 0
        for step in try plans().flatMap(\.steps) {
            guard case .command(.ip, let arguments) = step else { continue }
            #expect(!arguments.contains("default"), "no default route anywhere: \(step)")
            for argument in arguments {
                let text = argument.split(separator: "/").first.map(String.init) ?? argument
                guard text.contains(".") || text.contains(":"), let address = IPAddress(text) else { continue }
                #expect(LabAddressRanges.isLabAddress(address), "\(argument) in \(step)")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test func interfaceNamesFitIFNAMSIZAndCarryTheLabID() throws {
        let plan = try plan()
        let interfaces = plan.layout.hosts.flatMap { [$0.interface, $0.routerInterface] }
            + [plan.layout.scannerRouterInterface!, plan.layout.bulk!.interface, plan.layout.bulk!.scannerInterface]
        #expect(interfaces.count == Set(interfaces).count)
        for name in interfaces {
            #expect(name.count <= 15 && name.hasPrefix("a1b2c3"), "\(name)")
            #expect(throws: Never.self) { try LabNames.validateInterface(name) }
        }
        #expect(plan.layout.hosts.first?.interface == "a1b2c3h2")
    }

    @Test func layoutNamesHostsAndScanner() throws {
        let layout = try plan().layout
        #expect(layout.scannerNamespace == "v6r-a1b2c3-scanner")
        #expect(layout.routerNamespace == "v6r-a1b2c3-router")
        #expect(layout.bulk?.namespace == "v6r-a1b2c3-bulk")
        #expect(layout.hosts.map(\.namespace).contains("v6r-a1b2c3-pmtu"))
        #expect(layout.scannerAddresses == ["198.51.100.1", "2001:db8:ffff::1"])
        #expect(layout.namespaces.count == 1 + 1 + 8 + 1)
    }

    @Test func transitLinksAreSlash30AndSlash64() {
        let v4 = LabAddressRanges.linkAddresses(2, .v4)
        #expect(v4.upstream.description == "198.51.100.9" && v4.downstream.description == "198.51.100.10")
        #expect(v4.length == 30)
        let v6 = LabAddressRanges.linkAddresses(63, .v6)
        #expect(v6.upstream.description == "2001:db8:ffff:3f::1" && v6.downstream.description == "2001:db8:ffff:3f::2")
    }

    @Test func behavioursBecomeRoutesRulesAndQdiscs() throws {
        let steps = try plan().steps.map(\.description)
        #expect(steps.contains("ip -n v6r-a1b2c3-router -6 route add blackhole 2001:db8:10::12/128"))
        #expect(steps.contains("ip -n v6r-a1b2c3-router route add 192.0.2.17/32 via 198.51.100.38 mtu lock 1280"))
        #expect(steps.contains(
            "ip -n v6r-a1b2c3-router -6 route add 2001:db8:10::17/128 via 2001:db8:ffff:9::2 mtu lock 1280"))
        #expect(!steps.contains { $0.contains(" mtu ") && !$0.contains("192.0.2.17") && !$0.contains("2001:db8:10::17") })
        #expect(steps.contains(
            "# delayed link a1b2c3r8 (v6r-a1b2c3-router) <-> a1b2c3h8 (v6r-a1b2c3-lossy): TUN pair relayed by this process, 100 ms each way"))
        // The delayed host gets no veth pair, and nothing waits for neighbour discovery on its TUN ends.
        #expect(!steps.contains { $0.hasPrefix("ip link add a1b2c3r8 ") })
        #expect(!steps.contains { $0.contains("wait until a1b2c3h8") || $0.contains("wait until a1b2c3r8") })
        #expect(steps.contains("ip -n v6r-a1b2c3-lossy addr add 192.0.2.16/32 dev a1b2c3h8"))
        #expect(steps.contains("ip -n v6r-a1b2c3-bulk route add local 198.18.0.0/20 dev lo"))
        #expect(steps.contains("ip -n v6r-a1b2c3-bulk -6 route add blackhole 2001:db8:b::1000/116"))
        #expect(steps.contains("ip -n v6r-a1b2c3-scanner -6 route replace 2001:db8:b::/116 via 2001:db8:ffff:1::2"))
        let router = try #require(steps.first { $0.hasPrefix("ip netns exec v6r-a1b2c3-router nft -f -") })
        #expect(router.contains("ip daddr { 192.0.2.15 } reject with icmp type admin-prohibited"))
        #expect(router.contains("ip6 daddr { 2001:db8:10::15 } reject with icmpv6 type admin-prohibited"))
        #expect(router.contains("ip6 saddr { 2001:db8:10::16 } numgen random mod 100 < 10 drop"))
        #expect(router.contains("icmpv6 type packet-too-big drop"))
        let filtered = try #require(steps.first { $0.hasPrefix("ip netns exec v6r-a1b2c3-icmp6filtered nft") })
        #expect(filtered.contains("icmpv6 type echo-request drop") && !filtered.contains("icmp type echo-request"))
        #expect(steps.contains { $0.hasPrefix("ip netns exec v6r-a1b2c3-ports nft") && $0.contains("tcp dport { 8443 } drop") })
    }

    @Test func anIPv4OnlyHostGetsNoIPv6AtAll() throws {
        let steps = try plan().steps.map(\.description).filter { $0.contains("v6r-a1b2c3-v4only") }
        #expect(!steps.isEmpty)
        #expect(!steps.contains { $0.contains(" -6 ") })
    }

    @Test func onlyADelayedHostGetsADelayedLink() throws {
        #expect(try LabPlan(.showcase(), id: id).delayedLinks.isEmpty)
        let links = try plan().delayedLinks
        #expect(links.map(\.downstreamNamespace) == ["v6r-a1b2c3-lossy"])
        #expect(links.first?.upstreamNamespace == "v6r-a1b2c3-router")
        #expect(links.first?.delayMilliseconds == 100)
    }

    @Test func icmpRateLimitsAreClearedOutsideTheScanner() throws {
        let steps = try plan().steps.map(\.description).filter { $0.contains("sysctl") }
        for step in steps {
            #expect(step.contains("net.ipv6.conf.default.accept_dad=0"), "\(step)")
            #expect(step.contains("net.ipv4.icmp_ratemask=0") == !step.contains("-scanner "), "\(step)")
        }
        var kernelDefault = LabSpec.showcase()
        kernelDefault.icmpErrorRateLimit = .kernelDefault
        #expect(!(try LabPlan(kernelDefault, id: id).steps.map(\.description).joined().contains("ratemask")))
    }
}

/// Servers, the scanner's resolver and the transit ranges in the plan.
@Suite struct LabPlanServerTests {
    let id = LabID("a1b2c3")!
    func ip(_ text: String) -> IPAddress { IPAddress(text)! }

    var zone: LabDNSZone {
        LabDNSZone(origin: "lab.example", primary: "ns.lab.example.", records: [.init("ns", "A", "192.0.2.53")])
    }

    func spec() throws -> LabSpec {
        try LabSpec(hosts: [
            LabHost("ns", addresses: [ip("192.0.2.53"), ip("2001:db8:53::53")], openTCPPorts: [8080],
                    servers: [.nameServer(addresses: [ip("192.0.2.53")], zones: [zone])]),
            LabHost("web", addresses: [ip("192.0.2.80"), ip("2001:db8:80::80")],
                    servers: [.web(sites: [LabWebSite(addresses: [ip("192.0.2.80"), ip("2001:db8:80::80")], page: "x",
                                                      names: ["www.lab.example"])]),
                              .mail(LabMailServer(greeting: [ip("192.0.2.80")], mute: [ip("2001:db8:80::80")],
                                                  banner: "mx.lab.example ESMTP"))]),
        ], transit: LabTransit(ipv4: IPPrefix("203.0.113.0/24")!, ipv6: IPPrefix("2001:2::/48")!),
           resolver: LabResolver(zones: [zone]))
    }

    @Test func serversStartInTheirHostsAndTheResolverInTheRouter() throws {
        let plan = try LabPlan(try spec(), id: id)
        let serving = plan.steps.compactMap { step -> (String, LabServer)? in
            if case .serve(let namespace, let server) = step { (namespace, server) } else { nil }
        }
        #expect(serving.map(\.0) == ["v6r-a1b2c3-ns", "v6r-a1b2c3-web", "v6r-a1b2c3-web", "v6r-a1b2c3-router"])
        // The resolver sits on the router's end of the scanner link, from the spec's own transit ranges.
        #expect(serving.last?.1 == .nameServer(addresses: [ip("2001:2::2"), ip("203.0.113.2")], zones: [zone]))
        #expect(plan.steps.contains(.resolvConf(namespace: "v6r-a1b2c3-scanner",
                                                nameservers: [ip("2001:2::2"), ip("203.0.113.2")])))
        #expect(plan.layout.scannerResolvers == ["2001:2::2", "203.0.113.2"])
        #expect(plan.layout.scannerAddresses == ["203.0.113.1", "2001:2::1"])
        // Plain listeners only on the plain ports; the servers' ports have none.
        let listening = plan.steps.compactMap { step -> String? in
            if case .listen(let namespace, let port) = step { "\(namespace) \(port)" } else { nil }
        }
        #expect(listening == ["v6r-a1b2c3-ns 8080"])
        #expect(plan.layout.hosts[1].servers?.first?.hasPrefix("nginx on 192.0.2.80,2001:db8:80::80 ports 80,443") == true)
        #expect(plan.steps.map(\.description).contains(
            "# write /etc/netns/v6r-a1b2c3-scanner/resolv.conf: nameserver 2001:2::2; nameserver 203.0.113.2"))
    }

    @Test func hostsMayUseTheStandardTransitRangeWhenTheLabMovedIt() throws {
        var spec = try spec()
        spec.hosts[0].addresses.append(ip("198.51.100.7"))
        try spec.validate()
        spec.transit = .standard
        #expect(throws: LabError.self) { try spec.validate() }
    }

    @Test func mailListenersBindOneAddressEachAndGreetFromAFile() {
        #expect(LabMailServer.listenerArguments(address: ip("2001:db8::25"), port: 25, greetingFile: "/d/greeting")
            == ["-U", "-lpv6r-smtp", "TCP6-LISTEN:25,bind=[2001:db8::25],ipv6only=1,reuseaddr,fork", "OPEN:/d/greeting,rdonly"])
        #expect(LabMailServer.listenerArguments(address: ip("192.0.2.25"), port: 25, greetingFile: nil)
            == ["-lpv6r-smtp", "TCP4-LISTEN:25,bind=192.0.2.25,reuseaddr,fork", "/dev/null"])
    }

    @Test func theResolvConfNamesTheServersInOrder() {
        let text = LabResolvConf.text(nameservers: [ip("2001:2::2"), ip("203.0.113.2")], lab: id)
        #expect(ResolverConfiguration.parse(resolvConf: text).servers.map(\.description)
            == ["[2001:2::2]:53", "203.0.113.2:53"])
        #expect(LabResolvConf.path(of: "v6r-a1b2c3-scanner") == "/etc/netns/v6r-a1b2c3-scanner/resolv.conf")
    }
}

/// Where a lab's own links go when the inventory uses the standard ranges.
@Suite struct LabTransitTests {
    @Test func theFirstFreeCandidateIsTaken() {
        let inventory = [IPAddress("198.51.100.1")!, IPAddress("2001:db8:a00::1")!]
        let transit = LabTransit.avoiding(addresses: inventory, prefixes: [IPPrefix("192.0.2.0/25")!])
        // 198.51.100.0/24 holds an address; 192.0.2.0/24 overlaps a segment; 203.0.113.0/24 is free.
        #expect(transit.ipv4 == IPPrefix("203.0.113.0/24")!)
        #expect(transit.ipv6 == LabTransit.standard.ipv6)
        #expect(LabTransit.avoiding(addresses: [], prefixes: []) == .standard)
    }

    @Test func aRangeThatOnlyOverlapsASegmentIsBetterThanNone() {
        let all = ["198.51.100.0/24", "192.0.2.0/24", "203.0.113.0/24"].map { IPPrefix($0)! }
        #expect(LabTransit.avoiding(addresses: [], prefixes: all).ipv4 == IPPrefix("198.51.100.0/24")!)
    }

    @Test func transitMustBeASlash24AndASlash48InTheLabRanges() {
        #expect(throws: LabError.self) { try LabTransit(ipv4: IPPrefix("10.0.0.0/24")!, ipv6: IPPrefix("2001:2::/48")!) }
        #expect(throws: LabError.self) { try LabTransit(ipv4: IPPrefix("192.0.2.0/25")!, ipv6: IPPrefix("2001:2::/48")!) }
    }

    @Test func linkAddressesFollowTheTransit() throws {
        let transit = try LabTransit(ipv4: IPPrefix("192.0.2.0/24")!, ipv6: IPPrefix("2001:2::/48")!)
        let v4 = LabAddressRanges.linkAddresses(3, .v4, transit: transit)
        #expect(v4.upstream.description == "192.0.2.13" && v4.downstream.description == "192.0.2.14")
        #expect(LabAddressRanges.linkAddresses(3, .v6, transit: transit).downstream.description == "2001:2:0:3::2")
        #expect(!LabAddressRanges.isAvailable(IPAddress("192.0.2.77")!, transit: transit))
        #expect(LabAddressRanges.isAvailable(IPAddress("198.51.100.7")!, transit: transit))
    }
}

extension LabSpec {
    /// The spec plus bulk targets: half of a /116 answering, the next /116 silent.
    func withBulk() -> LabSpec {
        var spec = self
        spec.bulk = LabBulkTargets(answering: [IPPrefix("198.18.0.0/20")!, IPPrefix("2001:db8:b::/116")!],
                                   silent: [IPPrefix("2001:db8:b::1000/116")!], openTCPPorts: [80])
        return spec
    }
}
