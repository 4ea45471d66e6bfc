/// The evidence lines of a LAN verdict: one line per router and per DHCPv6 server, saying what it announced.
enum LANEvidenceText {
    static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value)) s" : "\(JSONWriter.formatNumber(value)) s"
    }

    static func lifetime(_ value: UInt32) -> String { value == .max ? "infinite" : "\(value) s" }

    /// `RA from fe80::1 (be:2a:65:72:44:4c, router so-tttt-rtr1) ×3: flags M O, preference high, router lifetime
    /// 1800 s, prefix 2001:db8:a10:1::/64 L A valid 86400 s preferred 14400 s, RDNSS ..., MTU 1400`.
    static func describe(_ observed: ObservedRouterAdvertisement, mac: LinkLayerAddress?, device: String?, legitimate: Bool) -> String {
        let ra = observed.advertisement
        var who: [String] = []
        if let mac { who.append(mac.description) }
        who.append(device.map { "router \($0)" } ?? (legitimate ? "accepted" : "ROGUE"))
        var parts: [String] = []
        let flags = [ra.managed ? "M" : nil, ra.otherConfiguration ? "O" : nil, ra.homeAgent ? "H" : nil, ra.proxy ? "P" : nil].compactMap { $0 }
        parts.append("flags " + (flags.isEmpty ? "none" : flags.joined(separator: " ")))
        parts.append("preference \(ra.preference.rawValue)")
        parts.append("router lifetime \(ra.routerLifetime) s")
        for p in ra.prefixes {
            parts.append("prefix \(p.prefix)\(p.onLink ? " L" : "")\(p.autonomous ? " A" : "") valid \(lifetime(p.validLifetime)) preferred \(lifetime(p.preferredLifetime))")
        }
        for r in ra.routes { parts.append("route \(r.prefix) \(r.preference.rawValue) \(lifetime(r.lifetime))") }
        for d in ra.dnsServers { parts.append("RDNSS " + d.servers.map(\.description).joined(separator: " ") + " \(lifetime(d.lifetime))") }
        for d in ra.searchLists { parts.append("DNSSL " + d.domains.joined(separator: " ") + " \(lifetime(d.lifetime))") }
        if let mtu = ra.mtu { parts.append("MTU \(mtu)") }
        for p in ra.pref64 { parts.append("PREF64 \(p.prefix) \(lifetime(p.lifetime))") }
        return "RA from \(observed.source) (\(who.joined(separator: ", "))) ×\(observed.count): " + parts.joined(separator: ", ")
    }

    /// `DHCPv6 server fe80::1 (DUID llt:..., dhcp so-tttt-srv1): Advertise offers 2001:db8::1b6; DNS ...; domains ...`.
    static func describe(_ server: ObservedDHCPv6Server, mac: LinkLayerAddress?, device: String?, legitimate: Bool) -> String {
        var who: [String] = []
        if let duid = server.serverID { who.append("DUID \(duid)") }
        who.append(device.map { "server \($0)" } ?? (legitimate ? "accepted" : "ROGUE"))
        var parts: [String] = []
        if let advertise = server.advertise {
            let offered = advertise.offeredAddresses.map(\.description) + advertise.delegatedPrefixes.map(\.description)
            parts.append("Advertise " + (offered.isEmpty ? "offers nothing" : "offers " + offered.joined(separator: " "))
                         + (advertise.failure.map { " (\($0))" } ?? ""))
        }
        if let reply = server.reply { parts.append("Reply" + (reply.failure.map { " (\($0))" } ?? "")) }
        if !server.dnsServers.isEmpty { parts.append("DNS " + server.dnsServers.map(\.description).joined(separator: " ")) }
        if !server.domains.isEmpty { parts.append("domains " + server.domains.joined(separator: " ")) }
        for problem in (server.advertise?.problems ?? []) + (server.reply?.problems ?? []) { parts.append("malformed \(problem)") }
        return "DHCPv6 server \(server.source) (\(who.joined(separator: ", "))): " + parts.joined(separator: "; ")
    }
}
