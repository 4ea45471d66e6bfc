/// The closed word lists of the inventory format. Their raw values are what files and CSV cells contain.

public enum AgencyKind: String, Sendable, CaseIterable, Codable {
    case province, department, district, commune, center, other
}

public enum SegmentKind: String, Sendable, CaseIterable, Codable {
    case internetEdge = "internet-edge", lan, wan, datacenter, dmz
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
