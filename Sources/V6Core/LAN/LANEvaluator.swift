/// Judges what a LAN audit saw against what the segment should be. Pure: the observation and the inventory's
/// expectations in, a verdict with findings and evidence out — the same rules for `v6ready lan`, `scan --lan`, the
/// policy rules and the assessment.
///
/// The rules, in short:
/// - A router is recognised by its link-layer address: the one its RA carries (or the neighbour table gives its
///   link-local source) equals the one of an address of a device in the segment's `routers`. With routers declared,
///   an RA from any other is `rogue-ra`; without them, an RA announcing a prefix outside the segment is.
/// - Hosts get an address from a legitimate RA's autonomous /64 inside the segment (SLAAC) or from a legitimate
///   DHCPv6 server's offer when the M flag is set; DNS from a legitimate RA's RDNSS or from DHCPv6 when the M or O flag
///   makes hosts ask. A static segment gets both by hand and is judged only for rogues.
/// - Red: a rogue RA or DHCPv6 server, no RA, no address, no DNS, no default router; yellow: anything else wrong;
///   info (PREF64, unknown neighbours) is reported without changing the colour.
public enum LANEvaluator {
    public static func evaluate(_ observation: LANObservation, context: LANSegmentContext = LANSegmentContext()) -> LANVerdict {
        var findings: [LANFinding] = []
        var evidence: [String] = []
        let segment = context.segment
        let assignment = segment?.addressAssignment
        let isStatic = assignment == .static

        // Link-layer addresses of the devices the segment names, from the neighbour table.
        func linkLayerAddresses(_ devices: [LANSegmentContext.NamedDevice]) -> [LinkLayerAddress: String] {
            var result: [LinkLayerAddress: String] = [:]
            for device in devices {
                for address in device.addresses {
                    if let mac = observation.linkLayerAddress(of: address), result[mac] == nil { result[mac] = device.id }
                }
            }
            return result
        }
        func device(named devices: [LANSegmentContext.NamedDevice], source: IPv6Address, mac: LinkLayerAddress?,
                    macs: [LinkLayerAddress: String]) -> String? {
            if let id = devices.first(where: { $0.addresses.contains(.v6(source)) })?.id { return id }
            return mac.flatMap { macs[$0] }
        }
        if let segment {
            evidence.append("segment \(segment.id): IPv6 " + (segment.ipv6.isEmpty ? "none declared" : segment.ipv6.map(\.description).joined(separator: ", "))
                + (assignment.map { "; address assignment \($0.rawValue)" } ?? "") + "; DHCPv6 \(segment.expectsDHCPv6 ? "expected" : "not expected")")
        } else {
            evidence.append("no inventory segment given: routers, prefixes, DHCPv6 servers and neighbours are not judged against one")
        }

        // MARK: Routers
        let routerMACs = linkLayerAddresses(context.routers)
        for router in context.routers where !routerMACs.values.contains(router.id) && !router.addresses.isEmpty {
            let v6 = router.addresses.filter { $0.family == .v6 }.map(\.description)
            evidence.append("router \(router.id): no neighbour entry for \(v6.isEmpty ? "any of its addresses (it has no IPv6 address in the inventory)" : v6.joined(separator: ", ")), so its link-layer address is unknown")
        }
        var routers: [LANRouterReport] = []
        for observed in observation.routerAdvertisements.sorted(by: { $0.source < $1.source }) {
            let ra = observed.advertisement
            let mac = ra.sourceLinkLayerAddress ?? observation.linkLayerAddress(of: .v6(observed.source))
            let id = device(named: context.routers, source: observed.source, mac: mac, macs: routerMACs)
            let outside = ra.prefixes.filter { !context.isInsideSegment($0.prefix) }
            let legitimate: Bool
            if !context.routers.isEmpty { legitimate = id != nil } else { legitimate = segment == nil || outside.isEmpty }
            routers.append(LANRouterReport(observed: observed, linkLayerAddress: mac, device: id, legitimate: legitimate))
            evidence.append(LANEvidenceText.describe(observed, mac: mac, device: id, legitimate: legitimate))
            if let hops = observed.hopLimit, hops != 255 {
                evidence.append("  RA from \(observed.source) arrived with hop limit \(hops), not 255: hosts discard it (RFC 4861 §6.1.2)")
            }
            for problem in ra.problems { evidence.append("  RA from \(observed.source): malformed \(problem) (skipped)") }
            let who = "\(observed.source)" + (mac.map { " (\($0))" } ?? "")
            if !legitimate {
                let why = !context.routers.isEmpty
                    ? "not one of the segment's routers (\(context.routers.map(\.id).joined(separator: ", ")))"
                    : "it announces \(outside.map(\.prefix.description).joined(separator: ", ")), outside the segment's prefixes"
                var what: [String] = []
                if ra.routerLifetime > 0 { what.append("offers itself as default router for \(ra.routerLifetime) s") }
                if !ra.prefixes.isEmpty { what.append("announces " + ra.prefixes.map(\.prefix.description).joined(separator: ", ")) }
                if !ra.usableDNSServers.isEmpty { what.append("hands out DNS " + ra.usableDNSServers.map(\.description).joined(separator: ", ")) }
                findings.append(LANFinding(.rogueRA, .red, "rogue router advertisement from \(who): \(why)"
                    + (what.isEmpty ? "" : "; it " + what.joined(separator: ", ")), subject: observed.source.description))
                continue
            }
            for prefix in outside {
                findings.append(LANFinding(.raPrefixOutsideSegment, .yellow,
                    "router \(id ?? who) announces \(prefix.prefix), outside the segment's prefixes (\(segment?.ipv6.map(\.description).joined(separator: ", ") ?? "none"))",
                    subject: observed.source.description))
            }
            for p in ra.pref64 {
                findings.append(LANFinding(.pref64, .info,
                    "router \(id ?? who) announces NAT64 prefix \(p.prefix) for \(p.lifetime) s (RFC 8781): IPv6-only hosts can reach IPv4 through it",
                    subject: observed.source.description))
            }
        }
        let legitimateRAs = routers.filter(\.legitimate).map(\.observed.advertisement)

        if legitimateRAs.isEmpty && !isStatic {
            let heard = routers.isEmpty ? "no router advertisement at all" : "only rogue router advertisements"
            findings.append(LANFinding(.noRA, .red, "\(heard) in \(LANEvidenceText.seconds(observation.listenSeconds)) after a router solicitation"
                + (context.routers.isEmpty ? "" : " from the segment's routers (\(context.routers.map(\.id).joined(separator: ", ")))")
                + ": hosts get no IPv6 default route and no SLAAC address"))
        }
        let defaultRouters = routers.filter { $0.legitimate && $0.observed.advertisement.routerLifetime > 0 }
        for report in routers where report.legitimate && report.observed.advertisement.routerLifetime == 0 {
            let name = report.device ?? report.observed.source.description
            findings.append(LANFinding(.zeroLifetime, defaultRouters.isEmpty ? .red : .yellow,
                "router \(name) advertises router lifetime 0: it is no default router"
                    + (defaultRouters.isEmpty ? ", and no other router is — hosts get no IPv6 default route" : ""),
                subject: report.observed.source.description))
        }

        // MTU: below the IPv6 minimum, unlike the link, or different between routers.
        let announced = routers.filter(\.legitimate).compactMap { r in r.observed.advertisement.mtu.map { (r, $0) } }
        for (report, mtu) in announced {
            let name = report.device ?? report.observed.source.description
            if mtu < 1280 {
                findings.append(LANFinding(.mtuMismatch, .yellow, "router \(name) announces MTU \(mtu), below the IPv6 minimum of 1280: hosts ignore it", subject: report.observed.source.description))
            } else if let link = observation.interfaceMTU, Int(mtu) != link {
                findings.append(LANFinding(.mtuMismatch, .yellow,
                    "router \(name) announces MTU \(mtu) but the link's MTU is \(link): " + (Int(mtu) > link ? "hosts cannot use it and keep \(link)" : "hosts will send at most \(mtu) bytes, and paths through a device that did not hear it may black-hole"),
                    subject: report.observed.source.description))
            }
        }
        if Set(announced.map(\.1)).count > 1 {
            findings.append(LANFinding(.mtuMismatch, .yellow, "the segment's routers announce different MTUs: " + announced.map { "\($0.0.device ?? $0.0.observed.source.description) \($0.1)" }.joined(separator: ", ")))
        }

        // MARK: DHCPv6 servers
        let serverMACs = linkLayerAddresses(context.dhcpv6Servers)
        var servers: [LANServerReport] = []
        for observed in observation.dhcpv6Servers.sorted(by: { $0.source < $1.source }) {
            let mac = observation.linkLayerAddress(of: .v6(observed.source)) ?? observed.serverID?.linkLayerAddress
            var id = device(named: context.dhcpv6Servers, source: observed.source, mac: mac, macs: serverMACs)
            if id == nil, let duidMAC = observed.serverID?.linkLayerAddress { id = serverMACs[duidMAC] }
            let legitimate: Bool
            if let segment {
                legitimate = segment.expectsDHCPv6 && (context.dhcpv6Servers.isEmpty || id != nil)
            } else {
                legitimate = true
            }
            servers.append(LANServerReport(observed: observed, linkLayerAddress: mac, device: id, legitimate: legitimate))
            evidence.append(LANEvidenceText.describe(observed, mac: mac, device: id, legitimate: legitimate))
            if !legitimate {
                let why = segment?.expectsDHCPv6 == false ? "the segment expects no DHCPv6 server"
                    : "not one of the segment's DHCPv6 servers (\(context.dhcpv6Servers.map(\.id).joined(separator: ", ")))"
                let offers = (observed.advertise?.offeredAddresses ?? []).map(\.description) + observed.dnsServers.map { "DNS \($0)" }
                findings.append(LANFinding(.dhcpv6Rogue, .red, "rogue DHCPv6 server \(observed.source)"
                    + (observed.serverID.map { " (DUID \($0))" } ?? "") + ": \(why)"
                    + (offers.isEmpty ? "" : "; it offers " + offers.joined(separator: ", ")), subject: observed.source.description))
            }
        }
        if !observation.dhcpv6Queried {
            evidence.append("DHCPv6 was not asked" + (observation.notices.first { $0.contains("546") }.map { ": \($0)" } ?? "") + "; DHCPv6 is not judged")
        } else if servers.isEmpty {
            evidence.append("no DHCPv6 server answered a Solicit or an Information-request to ff02::1:2 in \(LANEvidenceText.seconds(observation.listenSeconds))")
        }
        let legitimateServers = servers.filter(\.legitimate).map(\.observed)
        let dhcpAddresses = legitimateServers.flatMap { $0.advertise?.offeredAddresses ?? [] }
        let managed = legitimateRAs.contains(where: \.managed)
        let asksDHCPv6 = managed || legitimateRAs.contains(where: \.otherConfiguration)
        if managed && observation.dhcpv6Queried && dhcpAddresses.isEmpty {
            let failure = legitimateServers.compactMap { $0.advertise?.failure }.first
            findings.append(LANFinding(.managedWithoutDHCPv6, .yellow,
                "the M flag tells hosts to ask DHCPv6 for addresses, but " + (failure.map { "the server answers \($0)" } ?? "no DHCPv6 server offers one")))
        }
        if segment?.expectsDHCPv6 == true, !legitimateRAs.isEmpty, !asksDHCPv6 {
            evidence.append("the segment expects DHCPv6 but no router sets the M or O flag, so hosts never ask it")
        }
        if assignment?.usesDHCPv6 == true, !legitimateRAs.isEmpty, !managed {
            evidence.append("address assignment is \(assignment!.rawValue) but no router sets the M flag: hosts will not ask DHCPv6 for addresses")
        }

        // MARK: Can hosts get an address and DNS?
        let slaac = legitimateRAs.flatMap(\.prefixes).filter {
            $0.autonomous && $0.prefix.length == 64 && $0.validLifetime > 0 && context.isInsideSegment($0.prefix)
        }
        for p in legitimateRAs.flatMap(\.prefixes) where p.autonomous && p.prefix.length != 64 {
            evidence.append("prefix \(p.prefix) has the A flag but SLAAC needs a /64: hosts form no address in it")
        }
        let addressAvailable: Bool
        var addressSources: [String] = []
        if isStatic {
            addressAvailable = true
            addressSources.append("configured by hand (static segment)")
        } else {
            addressSources += slaac.map { "SLAAC \($0.prefix)" }
            if managed { addressSources += dhcpAddresses.prefix(1).map { "DHCPv6 (\($0) offered)" } }
            addressAvailable = !addressSources.isEmpty
            if !addressAvailable && !legitimateRAs.isEmpty {
                findings.append(LANFinding(.noAddress, .red, "hosts get no IPv6 address: no router offers an autonomous /64 inside the segment"
                    + (managed ? " and no DHCPv6 server offers an address" : " and the M flag is not set")))
            }
        }
        let rdnss = legitimateRAs.flatMap(\.usableDNSServers)
        let dhcpDNS = asksDHCPv6 ? legitimateServers.flatMap(\.dnsServers) : []
        if !asksDHCPv6, legitimateServers.contains(where: { !$0.dnsServers.isEmpty }) {
            evidence.append("a DHCPv6 server offers DNS, but no router sets M or O, so hosts do not ask it")
        }
        var dnsSources: [String] = []
        if !rdnss.isEmpty { dnsSources.append("RDNSS " + Self.unique(rdnss.map(\.description)).joined(separator: " ")) }
        if !dhcpDNS.isEmpty { dnsSources.append("DHCPv6 " + Self.unique(dhcpDNS.map(\.description)).joined(separator: " ")) }
        let dnsAvailable: Bool
        if isStatic {
            dnsAvailable = true
            dnsSources.append("configured by hand (static segment)")
        } else {
            dnsAvailable = !dnsSources.isEmpty
            if !dnsAvailable && !legitimateRAs.isEmpty {
                findings.append(LANFinding(.noDNS, .red, "hosts get no DNS server over IPv6: no RDNSS in the routers' advertisements"
                    + (asksDHCPv6 ? " and no DHCPv6 DNS servers (option 23)" : " and the M and O flags are not set, so hosts do not ask DHCPv6")
                    + " — IPv6-only hosts cannot resolve names"))
            }
        }

        // MARK: Neighbours
        var neighbours: [LANNeighbourReport] = []
        if !context.knownAddresses.isEmpty {
            var knownMACs: [LinkLayerAddress: String] = [:]
            for n in observation.neighbours {
                if let mac = n.linkLayerAddress, let record = context.knownAddresses[n.address] { knownMACs[mac] = record }
            }
            var reported = Set<String>()
            for n in observation.neighbours.sorted(by: { $0.address < $1.address }) {
                let record = context.knownAddresses[n.address] ?? n.linkLayerAddress.flatMap { knownMACs[$0] }
                neighbours.append(LANNeighbourReport(neighbour: n, record: record))
                guard record == nil else { continue }
                let host = n.linkLayerAddress?.description ?? n.address.description
                guard reported.insert(host).inserted else { continue }
                let addresses = observation.neighbours.filter { ($0.linkLayerAddress?.description ?? $0.address.description) == host }.map(\.address).sorted().map(\.description)
                findings.append(LANFinding(.unknownNeighbour, .info,
                    "host \(n.linkLayerAddress.map { "\($0) " } ?? "")(\(addresses.joined(separator: ", "))) is on the link and not in the inventory",
                    subject: n.address.description))
            }
        } else {
            neighbours = observation.neighbours.map { LANNeighbourReport(neighbour: $0, record: nil) }
        }
        evidence.append("\(observation.neighbours.count) neighbour address\(observation.neighbours.count == 1 ? "" : "es") on the link")
        for rejected in observation.rejected { evidence.append("refused \(rejected.what) from \(rejected.source): \(rejected.reason)") }
        for notice in observation.notices where !notice.contains("546") { evidence.append(notice) }

        findings = findings.sorted { a, b in a.severity != b.severity ? a.severity > b.severity : a.code < b.code }
        let worst = findings.filter { $0.severity != .info }.map(\.severity).max()
        let colour: LANColour = worst == .red ? .red : (worst == .yellow ? .yellow : .green)
        let reason = findings.first { $0.severity != .info }?.message
            ?? "hosts get an IPv6 address (\(addressSources.joined(separator: ", "))) and DNS over IPv6 (\(dnsSources.joined(separator: "; ")))"
        return LANVerdict(segment: segment?.id, interface: observation.interface, colour: colour, reason: reason,
                          addressAvailable: addressAvailable, dnsAvailable: dnsAvailable, findings: findings, evidence: evidence,
                          listenSeconds: observation.listenSeconds, routers: routers, dhcpv6Queried: observation.dhcpv6Queried,
                          servers: servers, neighbours: neighbours)
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
