import V6Core

/// What one lab router advertises, written out as a radvd configuration.
public struct LabLANRouter: Sendable, Hashable {
    /// Prefixes announced with the L and A flags.
    public var prefixes: [IPPrefix]
    public var managed: Bool
    public var otherConfiguration: Bool
    /// Router lifetime in seconds; 0: not a default router.
    public var lifetime: Int
    public var mtu: Int?
    public var dnsServers: [IPAddress]
    public var searchDomains: [String]

    public init(prefixes: [IPPrefix], managed: Bool = false, otherConfiguration: Bool = false, lifetime: Int = 1800,
                mtu: Int? = nil, dnsServers: [IPAddress] = [], searchDomains: [String] = []) {
        self.prefixes = prefixes; self.managed = managed; self.otherConfiguration = otherConfiguration
        self.lifetime = lifetime; self.mtu = mtu; self.dnsServers = dnsServers; self.searchDomains = searchDomains
    }

    /// `radvd.conf` for `interface`: fast periodic RAs (3–4 s, radvd's minimum), solicited RAs answered at once by
    /// unicast (RFC 7772, radvd's default).
    public func radvdConfiguration(interface: String) throws -> String {
        for domain in searchDomains where DNSName(domain) == nil || domain.contains(where: { $0 == ";" || $0 == "{" || $0 == "}" || $0 == " " }) {
            throw LabError.invalidSpec("search domain \(domain) is not a domain name")
        }
        try LabNames.validateInterface(interface)
        var text = "interface \(interface) {\n    AdvSendAdvert on;\n    MinRtrAdvInterval 3;\n    MaxRtrAdvInterval 4;\n"
        text += "    AdvManagedFlag \(managed ? "on" : "off");\n    AdvOtherConfigFlag \(otherConfiguration ? "on" : "off");\n"
        text += "    AdvDefaultLifetime \(lifetime);\n"
        if let mtu { text += "    AdvLinkMTU \(mtu);\n" }
        for prefix in prefixes { text += "    prefix \(prefix) { AdvOnLink on; AdvAutonomous on; };\n" }
        if !dnsServers.isEmpty {
            text += "    RDNSS " + dnsServers.map(\.description).joined(separator: " ") + " { AdvRDNSSLifetime 600; };\n"
        }
        if !searchDomains.isEmpty {
            text += "    DNSSL " + searchDomains.joined(separator: " ") + " { AdvDNSSLLifetime 600; };\n"
        }
        return text + "};\n"
    }
}

/// What the lab's DHCPv6 server gives, written out as a dnsmasq configuration (DHCPv6 only: no DNS, no RAs).
public struct LabLANDHCPv6: Sendable, Hashable {
    /// The first and last address handed out; nil: stateless (Information-request answers only).
    public var range: (first: IPAddress, last: IPAddress)?
    public var dnsServers: [IPAddress]
    public var domains: [String]

    public init(range: (first: IPAddress, last: IPAddress)?, dnsServers: [IPAddress] = [], domains: [String] = []) {
        self.range = range; self.dnsServers = dnsServers; self.domains = domains
    }

    public static func == (a: LabLANDHCPv6, b: LabLANDHCPv6) -> Bool {
        a.range?.first == b.range?.first && a.range?.last == b.range?.last && a.dnsServers == b.dnsServers && a.domains == b.domains
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(range?.first); hasher.combine(range?.last); hasher.combine(dnsServers); hasher.combine(domains)
    }

    /// `dnsmasq.conf` for `interface` with every file under `directory`; it serves `prefix`.
    public func dnsmasqConfiguration(interface: String, prefix: IPPrefix, directory: String) throws -> String {
        try LabNames.validateInterface(interface)
        for domain in domains where DNSName(domain) == nil || domain.contains(where: { $0 == "," || $0 == " " }) {
            throw LabError.invalidSpec("domain \(domain) is not a domain name")
        }
        var text = """
            port=0
            interface=\(interface)
            bind-interfaces
            user=root
            pid-file=\(directory)/dnsmasq.pid
            dhcp-leasefile=\(directory)/leases
            log-facility=\(directory)/dnsmasq.log

            """
        if let range {
            text += "dhcp-range=\(range.first),\(range.last),\(prefix.length),3600\n"
        } else {
            // No address range: Information-request answers only (a Solicit gets NoAddrsAvail).
            text += "dhcp-range=\(prefix.address),static,\(prefix.length)\n"
        }
        if !dnsServers.isEmpty { text += "dhcp-option=option6:dns-server," + dnsServers.map { "[\($0)]" }.joined(separator: ",") + "\n" }
        if !domains.isEmpty { text += "dhcp-option=option6:domain-search," + domains.joined(separator: ",") + "\n" }
        return text
    }
}
