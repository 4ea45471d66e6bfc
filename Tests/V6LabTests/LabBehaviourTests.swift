import Testing
import V6Core
import V6Lab

/// Builds real namespaces and looks at them from the scanner namespace with ping and socat. Needs root; skipped
/// with a printed reason elsewhere.
@Suite(.enabled(if: LabGate.labs)) struct LabBehaviourTests {
    /// The showcase reduced to the named hosts.
    func spec(_ names: String..., delayMilliseconds: Int = 0) -> LabSpec {
        var spec = LabSpec.showcase(delayMilliseconds: delayMilliseconds)
        spec.hosts = spec.hosts.filter { names.contains($0.name) }
        return spec
    }

    @Test func aDualStackHostAnswersBothFamiliesAndTCP() throws {
        try Lab.with(spec("dual")) { lab in
            let v4 = try #require(lab.address(of: "dual", .v4))
            let v6 = try #require(lab.address(of: "dual", .v6))
            #expect(try lab.ping(v4).succeeded)
            #expect(try lab.ping(v6).succeeded)
            #expect(try lab.connect(v4, port: 80) == .connected)
            #expect(try lab.connect(v6, port: 443) == .connected)
            #expect(try lab.connect(v4, port: 25) == .refused)
            #expect(try lab.connect(v6, port: 25) == .refused)
        }
    }

    @Test func anIPv4OnlyHostHasNoGlobalIPv6() throws {
        try Lab.with(spec("v4only")) { lab in
            #expect(try lab.ping(try #require(lab.address(of: "v4only", .v4))).succeeded)
            #expect(lab.address(of: "v4only", .v6) == nil)
            let namespace = try #require(lab.namespace(of: "v4only"))
            let global = try lab.run(in: namespace, .ip, ["-6", "-o", "addr", "show", "scope", "global"])
            #expect(global.succeeded && global.standardOutput.isEmpty, "\(global.standardOutput)")
        }
    }

    @Test func aBlackholedIPv6PathIsSilentWhileIPv4Works() throws {
        try Lab.with(spec("v6blackhole")) { lab in
            let v4 = try #require(lab.address(of: "v6blackhole", .v4))
            let v6 = try #require(lab.address(of: "v6blackhole", .v6))
            #expect(try lab.ping(v4).succeeded)
            let ping = try lab.ping(v6)
            #expect(!ping.succeeded)
            #expect(!ping.standardOutput.contains("unreachable"), "silence, not an error: \(ping.standardOutput)")
            #expect(try lab.connect(v6, port: 80) == .timedOut)
            #expect(try lab.connect(v4, port: 80) == .connected)
        }
    }

    @Test func filteredICMPv6EchoLeavesTCPOpen() throws {
        try Lab.with(spec("icmp6filtered")) { lab in
            let v4 = try #require(lab.address(of: "icmp6filtered", .v4))
            let v6 = try #require(lab.address(of: "icmp6filtered", .v6))
            #expect(!(try lab.ping(v6).succeeded))
            #expect(try lab.connect(v6, port: 443) == .connected)
            #expect(try lab.ping(v4).succeeded)
        }
    }

    @Test func aClosedPortResetsAndAFilteredPortStaysSilent() throws {
        try Lab.with(spec("ports")) { lab in
            for family in AddressFamily.allCases {
                let address = try #require(lab.address(of: "ports", family))
                #expect(try lab.connect(address, port: 80) == .connected, "\(address)")
                #expect(try lab.connect(address, port: 25) == .refused, "\(address)")
                #expect(try lab.connect(address, port: 8443) == .timedOut, "\(address)")
            }
        }
    }

    @Test func theRouterRejectsWithAdminProhibited() throws {
        try Lab.with(spec("prohibited")) { lab in
            let v4 = try #require(lab.address(of: "prohibited", .v4))
            let v6 = try #require(lab.address(of: "prohibited", .v6))
            let ping4 = try lab.ping(v4)
            #expect(!ping4.succeeded)
            #expect(ping4.standardOutput.contains("From 198.51.100.2") && ping4.standardOutput.contains("Packet filtered"),
                    "\(ping4.standardOutput)")
            let ping6 = try lab.ping(v6)
            #expect(!ping6.succeeded)
            #expect(ping6.standardOutput.contains("Administratively prohibited"), "\(ping6.standardOutput)")
            // The kernel turns these ICMP errors into EHOSTUNREACH (IPv4, code 13) and EACCES (IPv6, code 1). On a
            // sub-millisecond path the error often arrives while connect() still holds the socket lock; the kernel
            // then keeps it as a soft error (TcpExtLockDroppedIcmps) and fails the connect only when the SYN
            // retransmitted after 1 s draws a second error — hence 3 s here.
            #expect(try lab.connect(v4, port: 80, seconds: 3) == .unreachable("No route to host"))
            #expect(try lab.connect(v6, port: 80, seconds: 3) == .unreachable("Permission denied"))
        }
    }

    @Test func lossDropsAboutTheConfiguredShare() throws {
        try Lab.with(spec("lossy")) { lab in
            for family in AddressFamily.allCases {
                let address = try #require(lab.address(of: "lossy", family))
                let result = try lab.ping(address, count: 200, interval: "0.002")
                let received = try #require(Self.received(result.standardOutput), "\(result.standardOutput)")
                // 10 % each way: 81 % of round trips survive, 162 of 200 on average (σ ≈ 5.5).
                #expect((110...196).contains(received), "\(family): \(received)/200 received")
            }
        }
    }

    @Test(.enabled(if: LabGate.delay)) func delayIsAddedInEachDirection() throws {
        try Lab.with(spec("lossy", "dual", delayMilliseconds: 50)) { lab in
            for family in AddressFamily.allCases {
                let address = try #require(lab.address(of: "lossy", family))
                let result = try lab.ping(address, count: 5, interval: "0.2")
                let times = Self.times(result.standardOutput)
                #expect(!times.isEmpty, "\(family): \(result.standardOutput)")
                // 50 ms each way; the relay may add a millisecond or two, never take any away.
                #expect(times.allSatisfy { $0 >= 100 && $0 < 160 }, "\(family): \(times)")
            }
            // Only that host's link is delayed.
            let fast = Self.times(try lab.ping(try #require(lab.address(of: "dual", .v6)), count: 3, interval: "0.2").standardOutput)
            #expect(!fast.isEmpty && fast.allSatisfy { $0 < 50 }, "\(fast)")
            // TCP crosses the delayed link too (a handshake survives 10 % loss with the kernel's retransmission).
            #expect(try lab.connect(try #require(lab.address(of: "lossy", .v6)), port: 80, seconds: 5) == .connected)
        }
    }

    static func times(_ output: String) -> [Double] {
        output.split(separator: "\n").compactMap { line -> Double? in
            guard let range = line.range(of: "time=") else { return nil }
            return Double(line[range.upperBound...].prefix { $0.isNumber || $0 == "." })
        }
    }

    @Test func aPMTUBlackHolePassesSmallPacketsAndSwallowsLargeOnes() throws {
        try Lab.with(spec("pmtu")) { lab in
            for family in AddressFamily.allCases {
                let address = try #require(lab.address(of: "pmtu", family))
                #expect(try lab.ping(address, size: 1200, fragmentation: "do").succeeded, "\(address)")
                let large = try lab.ping(address, size: 1400, fragmentation: "do")
                #expect(!large.succeeded, "\(address)")
                #expect(!large.standardOutput.contains("too big") && !large.standardOutput.contains("Frag needed"),
                        "no Packet Too Big may arrive: \(large.standardOutput)")
            }
            // IPv4 without DF is fragmented by the router and gets through: the black hole is about PMTU discovery.
            // IPv6 routers never fragment, so there the large packet is lost whatever the sender asks.
            #expect(try lab.ping(try #require(lab.address(of: "pmtu", .v4)), size: 1400, fragmentation: "dont").succeeded)
            #expect(!(try lab.ping(try #require(lab.address(of: "pmtu", .v6)), size: 1400, fragmentation: "dont").succeeded))
        }
    }

    @Test func bulkPrefixesAnswerOrStaySilentAsAWhole() throws {
        let spec = LabSpec(bulk: LabBulkTargets(
            answering: [IPPrefix("198.18.0.0/16")!, IPPrefix("2001:db8:b::/112")!],
            silent: [IPPrefix("198.19.0.0/16")!, IPPrefix("2001:db8:b::1:0/112")!], openTCPPorts: [80]))
        try Lab.with(spec) { lab in
            for text in ["198.18.0.1", "198.18.255.254", "198.18.77.3", "2001:db8:b::1", "2001:db8:b::ffff",
                         "2001:db8:b::7a3"] {
                #expect(try lab.ping(IPAddress(text)!).succeeded, "\(text)")
            }
            #expect(try lab.connect(IPAddress("198.18.12.34")!, port: 80) == .connected)
            #expect(try lab.connect(IPAddress("2001:db8:b::1234")!, port: 80) == .connected)
            #expect(try lab.connect(IPAddress("2001:db8:b::1234")!, port: 81) == .refused)
            for text in ["198.19.0.1", "2001:db8:b::1:1"] {
                let result = try lab.ping(IPAddress(text)!)
                #expect(!result.succeeded && !result.standardOutput.contains("nreachable"), "\(text)")
            }
            // Without a router, nothing else is routed at all: the failure is local and immediate.
            let elsewhere = try lab.ping(IPAddress("192.0.2.1")!)
            #expect(!elsewhere.succeeded && elsewhere.standardError.contains("Network is unreachable"),
                    "\(elsewhere.standardError)")
        }
    }

    @Test func noLabNamespaceHasARouteOut() throws {
        try Lab.with(spec("dual", "v4only")) { lab in
            for namespace in lab.namespaces {
                for arguments in [["-4", "route", "show", "default"], ["-6", "route", "show", "default"]] {
                    let routes = try lab.run(in: namespace, .ip, arguments)
                    #expect(routes.succeeded && routes.standardOutput.isEmpty, "\(namespace): \(routes.standardOutput)")
                }
                // `ip route get` asks the routing table without sending anything.
                for outside in ["8.8.8.8", "10.0.0.1", "2001:4860:4860::8888"] {
                    let lookup = try lab.run(in: namespace, .ip, ["route", "get", outside])
                    #expect(!lookup.succeeded, "\(namespace) routes \(outside): \(lookup.standardOutput)")
                }
            }
            #expect(try rootInterfaces(withPrefix: lab.id.hex).isEmpty, "no veth end in the root namespace")
        }
    }

    static func received(_ output: String) -> Int? {
        guard let range = output.range(of: " received") else { return nil }
        return Int(output[..<range.lowerBound].split(separator: " ").last ?? "")
    }
}
