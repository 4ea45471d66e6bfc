/// Which family of checks a service gets, from its inventory kind or from `probe --service`.
public enum CheckProfile: String, Sendable, CaseIterable {
    case web, mail, dns, tcp

    /// The inventory kinds each profile covers: portals are web sites, the rest are plain TCP services.
    public init(kind: ServiceKind) {
        switch kind {
        case .web, .publicServicePortal: self = .web
        case .mail: self = .mail
        case .dns: self = .dns
        case .app, .integration, .vpn, .other: self = .tcp
        }
    }

    /// Ports checked when the inventory lists none: 80 and 443 for the web (internet.nl's), 25 for mail, 53 for DNS.
    public var defaultPorts: [Int] {
        switch self {
        case .web: [80, 443]
        case .mail: [25]
        case .dns: [53]
        case .tcp: []
        }
    }
}

/// One service to check: what it is called, how to check it, and what the inventory says about it.
public struct ServiceRequest: Sendable, Equatable {
    /// The inventory service id (nil for `probe --service`).
    public var record: String?
    /// The inventory kind, or the `--service` profile name.
    public var kind: String
    public var profile: CheckProfile
    /// The DNS name to look up: the site, the mail domain, the zone, or the server's own name.
    public var name: DNSName?
    /// What reports call it: the host name, or the record id for a service without one.
    public var label: String
    /// TCP ports to check (web: 80 and 443 unless the inventory says otherwise).
    public var ports: [Int]
    /// The inventory's addresses: used when there is no name, or when DNS cannot be asked.
    public var inventoryAddresses: [IPAddress]

    public init(record: String?, kind: String, profile: CheckProfile, name: DNSName?, label: String, ports: [Int],
                inventoryAddresses: [IPAddress] = []) {
        self.record = record
        self.kind = kind
        self.profile = profile
        self.name = name
        self.label = label
        self.ports = ports
        self.inventoryAddresses = inventoryAddresses
    }

    /// The request for an inventory service.
    public init(service: Service) {
        let profile = CheckProfile(kind: service.kind)
        let name = service.hostname.flatMap { DNSName($0) }
        self.init(record: service.id, kind: service.kind.rawValue, profile: profile, name: name,
                  label: name.map { Self.displayName($0) } ?? service.id,
                  ports: service.ports.isEmpty ? profile.defaultPorts : service.ports,
                  inventoryAddresses: service.ipv4 + service.ipv6)
    }

    /// The request for `probe --service PROFILE NAME`.
    public init(profile: CheckProfile, name: DNSName) {
        self.init(record: nil, kind: profile.rawValue, profile: profile, name: name, label: Self.displayName(name),
                  ports: profile.defaultPorts)
    }

    /// `vidu.example` (no trailing dot: how people write host names).
    public static func displayName(_ name: DNSName) -> String {
        let text = name.description
        return text.count > 1 && text.hasSuffix(".") ? String(text.dropLast()) : text
    }
}
