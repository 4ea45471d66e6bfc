/// The closed word lists of the inventory format. Their raw values are what files and CSV cells contain.

public enum AgencyKind: String, Sendable, CaseIterable, Codable {
    case province, department, district, commune, center, other
}

public enum SegmentKind: String, Sendable, CaseIterable, Codable {
    case internetEdge = "internet-edge", lan, wan, datacenter, dmz
}

/// How hosts on a segment get their IPv6 addresses.
public enum AddressAssignment: String, Sendable, CaseIterable, Codable {
    /// Stateless autoconfiguration from router advertisements (RFC 4862).
    case slaac
    /// Stateful DHCPv6 (RFC 8415): the routers set the M flag.
    case dhcpv6
    /// Both: SLAAC addresses and DHCPv6 ones.
    case slaacAndDHCPv6 = "slaac+dhcpv6"
    /// Configured by hand: no router advertisement prefix or DHCPv6 is needed for addresses.
    case `static`

    /// Hosts ask DHCPv6 for addresses.
    public var usesDHCPv6: Bool { self == .dhcpv6 || self == .slaacAndDHCPv6 }
    /// Hosts form addresses from router advertisement prefixes.
    public var usesSLAAC: Bool { self == .slaac || self == .slaacAndDHCPv6 }
}

public enum DeviceRole: String, Sendable, CaseIterable, Codable {
    case router, l3Switch = "l3-switch", `switch`, firewall, server, workstation, printer, camera
    case accessPoint = "access-point", vpn, loadBalancer = "load-balancer", other
}

public enum Criticality: String, Sendable, CaseIterable, Codable {
    case low, medium, high, critical
}

public enum ServiceKind: String, Sendable, CaseIterable, Codable {
    case web, publicServicePortal = "public-service-portal", dns, mail, app, integration, vpn, other
}

public enum Audience: String, Sendable, CaseIterable, Codable {
    case `public`, `internal`
}

/// What the capability catalog says of a model's IPv6 support.
public enum IPv6Support: String, Sendable, CaseIterable, Codable {
    case yes, upgrade, no
}

/// Whether a model works with no IPv4 at all (management, DNS, updates over IPv6 alone): what the 2026–2030
/// IPv6-only program asks of what stays and of every replacement. `unknown` until someone has tried it.
public enum IPv6OnlySupport: String, Sendable, CaseIterable, Codable {
    case yes, no, unknown
}
