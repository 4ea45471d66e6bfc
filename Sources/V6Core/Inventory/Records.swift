/// An agency: the province, a department or a commune (districts, gone since 1 Jul 2025, are kept for history).
/// One file per agency in the inventory.
public struct Agency: Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: AgencyKind
    public var parent: String?
    public var contact: String?
    /// The day it ceased to exist (a district in the 2025 reform, a province merged into another). Its records stay
    /// for history; no current agency may sit under it.
    public var dissolved: CalendarDate?
    public init(id: String, name: String, kind: AgencyKind, parent: String? = nil, contact: String? = nil,
                dissolved: CalendarDate? = nil) {
        self.id = id; self.name = name; self.kind = kind; self.parent = parent; self.contact = contact
        self.dissolved = dissolved
    }
}

/// A building or campus of an agency; segments hang off it.
public struct Site: Sendable, Equatable {
    public var id: String
    public var name: String
    public var address: String?
    public init(id: String, name: String, address: String? = nil) {
        self.id = id; self.name = name; self.address = address
    }
}

/// A network segment (Internet edge, LAN, WAN, data centre, DMZ) with its prefixes per family.
public struct Segment: Sendable, Equatable {
    public var id: String
    public var name: String
    public var site: String
    public var kind: SegmentKind
    public var vlan: Int?
    public var ipv4: [IPPrefix]
    public var ipv6: [IPPrefix]
    /// The devices that should send router advertisements on this segment (`v6ready lan` calls any other a rogue).
    public var routers: [String]
    /// How hosts get their IPv6 addresses; nil: not declared.
    public var addressAssignment: AddressAssignment?
    /// Whether a DHCPv6 server should answer on the segment; nil: as `addressAssignment` implies.
    public var dhcpv6: Bool?
    /// The devices that should answer DHCPv6 here (any other server is a rogue); empty: not declared.
    public var dhcpv6Servers: [String]
    public init(id: String, name: String, site: String, kind: SegmentKind, vlan: Int? = nil,
                ipv4: [IPPrefix] = [], ipv6: [IPPrefix] = [], routers: [String] = [],
                addressAssignment: AddressAssignment? = nil, dhcpv6: Bool? = nil, dhcpv6Servers: [String] = []) {
        self.id = id; self.name = name; self.site = site; self.kind = kind; self.vlan = vlan
        self.ipv4 = ipv4; self.ipv6 = ipv6
        self.routers = routers; self.addressAssignment = addressAssignment; self.dhcpv6 = dhcpv6
        self.dhcpv6Servers = dhcpv6Servers
    }
    public func prefixes(_ family: AddressFamily) -> [IPPrefix] { family == .v4 ? ipv4 : ipv6 }
    /// Whether a DHCPv6 server is expected: `dhcpv6` when given, else true for `dhcpv6` and `slaac+dhcpv6`
    /// assignment or declared servers.
    public var expectsDHCPv6: Bool {
        dhcpv6 ?? ((addressAssignment?.usesDHCPv6 ?? false) || !dhcpv6Servers.isEmpty)
    }
}

/// A device with its addresses per family; vendor/model/version are matched against the capability catalog.
public struct Device: Sendable, Equatable {
    public var id: String
    public var name: String
    public var role: DeviceRole
    public var vendor: String
    public var model: String
    public var os: String?
    public var version: String?
    public var segment: String
    public var ipv4: [IPAddress]
    public var ipv6: [IPAddress]
    public var owner: String?
    public var criticality: Criticality
    public var notes: String?
    /// When it was put in service (`installed`): from the 2026 equipment rule on, nothing new without IPv6.
    public var installed: CalendarDate?
    public init(id: String, name: String, role: DeviceRole, vendor: String, model: String, os: String? = nil,
                version: String? = nil, segment: String, ipv4: [IPAddress] = [], ipv6: [IPAddress] = [],
                owner: String? = nil, criticality: Criticality = .medium, notes: String? = nil, installed: CalendarDate? = nil) {
        self.id = id; self.name = name; self.role = role; self.vendor = vendor; self.model = model
        self.os = os; self.version = version; self.segment = segment; self.ipv4 = ipv4; self.ipv6 = ipv6
        self.owner = owner; self.criticality = criticality; self.notes = notes; self.installed = installed
    }
    public func addresses(_ family: AddressFamily) -> [IPAddress] { family == .v4 ? ipv4 : ipv6 }
}

/// A service people use (portal, DNS, mail, ...), published on addresses and ports, hosted by a device.
public struct Service: Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: ServiceKind
    public var category: String?
    public var hostname: String?
    public var ports: [Int]
    public var ipv4: [IPAddress]
    public var ipv6: [IPAddress]
    public var audience: Audience
    public var device: String?
    public var notes: String?
    public init(id: String, name: String, kind: ServiceKind, category: String? = nil, hostname: String? = nil,
                ports: [Int] = [], ipv4: [IPAddress] = [], ipv6: [IPAddress] = [], audience: Audience,
                device: String? = nil, notes: String? = nil) {
        self.id = id; self.name = name; self.kind = kind; self.category = category; self.hostname = hostname
        self.ports = ports; self.ipv4 = ipv4; self.ipv6 = ipv6; self.audience = audience
        self.device = device; self.notes = notes
    }
    public func addresses(_ family: AddressFamily) -> [IPAddress] { family == .v4 ? ipv4 : ipv6 }
}

/// One line of the capability catalog: does this vendor/model support IPv6, and from which firmware.
public struct CatalogEntry: Sendable, Equatable {
    public var vendor: String
    public var model: String
    public var ipv6: IPv6Support
    public var minVersion: String?
    public var replacementCost: Double?
    public var notes: String?
    /// Whether the model runs IPv6-only (`ipv6_only`; unknown when the entry does not say).
    public var ipv6Only: IPv6OnlySupport
    public init(vendor: String, model: String, ipv6: IPv6Support, minVersion: String? = nil,
                replacementCost: Double? = nil, notes: String? = nil, ipv6Only: IPv6OnlySupport = .unknown) {
        self.vendor = vendor; self.model = model; self.ipv6 = ipv6; self.minVersion = minVersion
        self.replacementCost = replacementCost; self.notes = notes; self.ipv6Only = ipv6Only
    }
}

/// The prefixes the scanner may probe; anything else needs the user's explicit word.
public struct Scope: Sendable, Equatable {
    public var ipv4: [IPPrefix]
    public var ipv6: [IPPrefix]
    public init(ipv4: [IPPrefix] = [], ipv6: [IPPrefix] = []) { self.ipv4 = ipv4; self.ipv6 = ipv6 }
    public func contains(_ address: IPAddress) -> Bool {
        (address.family == .v4 ? ipv4 : ipv6).contains { $0.contains(address) }
    }
}
