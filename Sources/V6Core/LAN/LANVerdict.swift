/// A router seen on the link, as the verdict judged it: whose it is (a device of the segment, or nobody's) and what
/// it announced.
public struct LANRouterReport: Sendable, Equatable {
    public var observed: ObservedRouterAdvertisement
    public var linkLayerAddress: LinkLayerAddress?
    /// The segment router it was recognised as.
    public var device: String?
    /// One of the segment's routers (or, with none declared, announcing only the segment's prefixes).
    public var legitimate: Bool
}

/// A DHCPv6 server seen on the link, judged.
public struct LANServerReport: Sendable, Equatable {
    public var observed: ObservedDHCPv6Server
    public var linkLayerAddress: LinkLayerAddress?
    public var device: String?
    public var legitimate: Bool
}

/// A host on the link and the inventory record it was recognised as (nil: unknown).
public struct LANNeighbourReport: Sendable, Equatable {
    public var neighbour: LANNeighbour
    public var record: String?
}

/// The verdict on one LAN segment: can hosts get an IPv6 address and DNS over IPv6 there, and what is wrong.
/// This is `v6ready lan --json` and the `{"type":"lan",...}` line of scan files (docs/scan-format.md).
public struct LANVerdict: Sendable, Equatable {
    /// The inventory segment judged against; nil without one.
    public var segment: String?
    public var interface: String
    public var colour: LANColour
    /// One line saying why this colour.
    public var reason: String
    /// Hosts can get an IPv6 address (SLAAC, DHCPv6, or by hand on a static segment).
    public var addressAvailable: Bool
    /// Hosts can get DNS servers over IPv6 (RDNSS, or DHCPv6 that the flags make them ask).
    public var dnsAvailable: Bool
    /// Worst first.
    public var findings: [LANFinding]
    /// The facts the verdict rests on, one line each.
    public var evidence: [String]
    public var listenSeconds: Double
    public var routers: [LANRouterReport]
    public var dhcpv6Queried: Bool
    public var servers: [LANServerReport]
    public var neighbours: [LANNeighbourReport]

    public init(segment: String?, interface: String, colour: LANColour, reason: String, addressAvailable: Bool,
                dnsAvailable: Bool, findings: [LANFinding], evidence: [String], listenSeconds: Double = 0,
                routers: [LANRouterReport] = [], dhcpv6Queried: Bool = true, servers: [LANServerReport] = [],
                neighbours: [LANNeighbourReport] = []) {
        self.segment = segment; self.interface = interface; self.colour = colour; self.reason = reason
        self.addressAvailable = addressAvailable; self.dnsAvailable = dnsAvailable; self.findings = findings
        self.evidence = evidence; self.listenSeconds = listenSeconds; self.routers = routers
        self.dhcpv6Queried = dhcpv6Queried; self.servers = servers; self.neighbours = neighbours
    }

    /// The codes found, without repeats, worst first.
    public var codes: [LANFindingCode] {
        var seen = Set<LANFindingCode>()
        return findings.map(\.code).filter { seen.insert($0).inserted }
    }

    /// Findings of one code.
    public func findings(_ code: LANFindingCode) -> [LANFinding] { findings.filter { $0.code == code } }

    /// Hosts get both an address and DNS over IPv6.
    public var givesIPv6DNS: Bool { addressAvailable && dnsAvailable }

    // MARK: JSON

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("type", "lan")
        o.addIfPresent("segment", segment)
        o.add("interface", interface)
        o.add("verdict", colour.rawValue)
        o.add("reason", reason)
        o.add("address", .bool(addressAvailable))
        o.add("dns", .bool(dnsAvailable))
        o.add("findings", .array(findings.map(\.json)))
        o.add("listen_s", .number(listenSeconds))
        o.add("routers", .array(routers.map(Self.json)))
        var dhcp = JSONObjectBuilder()
        dhcp.add("queried", .bool(dhcpv6Queried))
        dhcp.add("servers", .array(servers.map(Self.json)))
        o.add("dhcpv6", dhcp.value)
        o.add("neighbours", .array(neighbours.map(Self.json)))
        o.add("evidence", strings: evidence)
        return o.value
    }

    public var jsonLine: String { JSONWriter.compact(json) }

    /// Reads a line written by `json` back: the judgement (segment, colour, reason, findings, evidence), not the
    /// per-router detail. Nil when it is not a LAN line.
    public init?(json value: JSONValue) {
        guard value["type"]?.stringValue == "lan",
              let colour = value["verdict"]?.stringValue.flatMap(LANColour.init(rawValue:)) else { return nil }
        func flag(_ key: String) -> Bool { if case .bool(true)? = value[key] { return true } else { return false } }
        self.init(segment: value["segment"]?.stringValue, interface: value["interface"]?.stringValue ?? "",
                  colour: colour, reason: value["reason"]?.stringValue ?? "", addressAvailable: flag("address"),
                  dnsAvailable: flag("dns"), findings: (value["findings"]?.arrayValue ?? []).compactMap(LANFinding.init(json:)),
                  evidence: (value["evidence"]?.arrayValue ?? []).compactMap(\.stringValue),
                  listenSeconds: value["listen_s"]?.number(in: 0...31_536_000) ?? 0)
    }

    static func json(_ report: LANRouterReport) -> JSONValue {
        let ra = report.observed.advertisement
        var o = JSONObjectBuilder()
        o.add("address", report.observed.source.description)
        o.addIfPresent("mac", report.linkLayerAddress?.description)
        o.addIfPresent("device", report.device)
        o.add("legitimate", .bool(report.legitimate))
        o.add("seen", report.observed.count)
        o.addIfPresent("hop_limit", report.observed.hopLimit)
        o.add("managed", .bool(ra.managed))
        o.add("other", .bool(ra.otherConfiguration))
        o.add("preference", ra.preference.rawValue)
        o.add("lifetime_s", Int(ra.routerLifetime))
        o.add("reachable_ms", Int(ra.reachableTime))
        o.add("retrans_ms", Int(ra.retransTimer))
        o.addIfPresent("mtu", ra.mtu.map(Int.init))
        o.add("prefixes", .array(ra.prefixes.map { p in
            var x = JSONObjectBuilder()
            x.add("prefix", p.prefix.description)
            x.add("on_link", .bool(p.onLink))
            x.add("autonomous", .bool(p.autonomous))
            x.add("valid_s", Int(p.validLifetime))
            x.add("preferred_s", Int(p.preferredLifetime))
            return x.value
        }))
        o.add("routes", .array(ra.routes.map { r in
            var x = JSONObjectBuilder()
            x.add("prefix", r.prefix.description)
            x.add("preference", r.preference.rawValue)
            x.add("lifetime_s", Int(r.lifetime))
            return x.value
        }))
        o.add("rdnss", .array(ra.dnsServers.map { d in
            var x = JSONObjectBuilder()
            x.add("lifetime_s", Int(d.lifetime))
            x.add("servers", strings: d.servers.map(\.description))
            return x.value
        }))
        o.add("dnssl", .array(ra.searchLists.map { d in
            var x = JSONObjectBuilder()
            x.add("lifetime_s", Int(d.lifetime))
            x.add("domains", strings: d.domains)
            return x.value
        }))
        o.add("pref64", .array(ra.pref64.map { p in
            var x = JSONObjectBuilder()
            x.add("prefix", p.prefix.description)
            x.add("lifetime_s", Int(p.lifetime))
            return x.value
        }))
        o.add("problems", strings: ra.problems.map(\.description))
        return o.value
    }

    static func json(_ report: LANServerReport) -> JSONValue {
        let server = report.observed
        var o = JSONObjectBuilder()
        o.add("address", server.source.description)
        o.addIfPresent("mac", report.linkLayerAddress?.description)
        o.addIfPresent("duid", server.serverID?.description)
        o.addIfPresent("device", report.device)
        o.add("legitimate", .bool(report.legitimate))
        o.add("advertise", .bool(server.advertise != nil))
        o.add("reply", .bool(server.reply != nil))
        o.add("addresses", strings: (server.advertise?.offeredAddresses ?? []).map(\.description))
        o.add("prefixes", strings: ((server.advertise?.delegatedPrefixes ?? []) + (server.reply?.delegatedPrefixes ?? [])).map(\.description))
        o.add("dns", strings: server.dnsServers.map(\.description))
        o.add("domains", strings: server.domains)
        o.addIfPresent("status", (server.advertise?.failure ?? server.reply?.failure)?.description)
        o.add("problems", strings: ((server.advertise?.problems ?? []) + (server.reply?.problems ?? [])).map(\.description))
        return o.value
    }

    static func json(_ report: LANNeighbourReport) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("address", report.neighbour.address.description)
        o.addIfPresent("mac", report.neighbour.linkLayerAddress?.description)
        o.addIfPresent("record", report.record)
        if report.neighbour.isRouter { o.add("router", .bool(true)) }
        o.add("found_by", strings: report.neighbour.foundBy)
        return o.value
    }

    // MARK: Text

    /// What `v6ready lan` prints: the verdict, the findings, then the evidence indented.
    public func textLines() -> [String] {
        var lines = ["LAN \(interface)" + (segment.map { " (segment \($0))" } ?? "") + ": \(colour.rawValue.uppercased()) — \(reason)"]
        lines.append("  IPv6 address for hosts: \(addressAvailable ? "yes" : "no"); DNS over IPv6: \(dnsAvailable ? "yes" : "no")")
        for finding in findings { lines.append("  \(finding)") }
        if !evidence.isEmpty { lines.append("  evidence:") }
        for line in evidence { lines.append("    \(line)") }
        return lines
    }
}
