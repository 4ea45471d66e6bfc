import V6Core

extension LabSpec {
    /// One host per failure case the probes must tell apart, on fixed documentation addresses (`192.0.2.10...17`,
    /// `2001:db8:10::10...17`); what `v6ready lab up` builds by default and what the lab's own tests use.
    ///
    /// | host | IPv4 | IPv6 | what it shows |
    /// |---|---|---|---|
    /// | `dual` | .10 | ::10 | healthy dual-stack; TCP 80, 443 open, every other port closed (RST) |
    /// | `v4only` | .11 | — | IPv4-only host |
    /// | `v6blackhole` | .12 | ::12 | IPv6 published, path black-holed (silence) |
    /// | `icmp6filtered` | .13 | ::13 | ICMPv6 echo dropped, TCP 443 open |
    /// | `ports` | .14 | ::14 | TCP 80 open, 8443 filtered (drop), anything else closed (RST) |
    /// | `prohibited` | .15 | ::15 | router rejects with admin-prohibited, both families |
    /// | `lossy` | .16 | ::16 | 10 % loss each way, plus `delayMilliseconds` each way when given (a delayed link) |
    /// | `pmtu` | .17 | ::17 | MTU 1280 behind the router, Packet Too Big dropped (PMTU black hole) |
    public static func showcase(delayMilliseconds: Int = 0) -> LabSpec {
        func host(_ name: String, _ last: Int, ipv6: Bool = true, ports: [Int] = [80],
                  _ behaviours: [LabBehaviour] = []) -> LabHost {
            var addresses = [IPAddress("192.0.2.\(last)")!]
            if ipv6 { addresses.append(IPAddress("2001:db8:10::\(last)")!) }
            return LabHost(name, addresses: addresses, openTCPPorts: ports, behaviours: behaviours)
        }
        return LabSpec(hosts: [
            host("dual", 10, ports: [80, 443]),
            host("v4only", 11, ipv6: false),
            host("v6blackhole", 12, [.ipv6PathBlackholed]),
            host("icmp6filtered", 13, ports: [443], [.echoFiltered([.v6])]),
            host("ports", 14, [.tcpPortsFiltered([8443])]),
            host("prohibited", 15, ports: [], [.adminProhibited([.v4, .v6])]),
            host("lossy", 16, [.impaired(LabImpairment(delayMilliseconds: delayMilliseconds, lossPercent: 10))]),
            host("pmtu", 17, [.pmtuBlackHole(mtu: 1280)]),
        ])
    }
}
