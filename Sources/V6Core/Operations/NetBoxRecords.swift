/// NetBox objects as read from its REST API list responses (`{"count":..,"results":[...]}`) or its CSV files, in one
/// shape whatever the source, so the mapping to the inventory is written once.
public enum NetBoxKind: String, Sendable, CaseIterable {
    case tenants, sites, devices, ipAddresses = "ip-addresses", prefixes, vlans, services

    /// The REST endpoint, for messages.
    public var endpoint: String {
        switch self {
        case .tenants: return "/api/tenancy/tenants/"
        case .sites: return "/api/dcim/sites/"
        case .devices: return "/api/dcim/devices/"
        case .ipAddresses: return "/api/ipam/ip-addresses/"
        case .prefixes: return "/api/ipam/prefixes/"
        case .vlans: return "/api/ipam/vlans/"
        case .services: return "/api/ipam/services/"
        }
    }
}

/// A related object NetBox nests: an object with `name` and `slug` in the API, a name in CSV files.
public struct NetBoxRef: Sendable, Equatable {
    public var name: String?
    public var slug: String?
    public init(name: String? = nil, slug: String? = nil) {
        self.name = name?.isEmpty == true ? nil : name
        self.slug = slug?.isEmpty == true ? nil : slug
    }
    public var isEmpty: Bool { name == nil && slug == nil }
    /// How to name it in a message: the slug if there is one, else the name.
    public var shown: String { slug ?? name ?? "" }
}

/// Where a NetBox record came from, said the way messages name it: `netbox devices.json: results[12] (name "sw-core-03")`
/// or `netbox devices.csv:14 (name "sw-core-03")`.
public struct NetBoxSource: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// The index in `results` (API responses).
    public var index: Int?
    /// The line (CSV files).
    public var line: Int?
    public var label: String?

    public init(file: String, index: Int? = nil, line: Int? = nil, label: String? = nil) {
        self.file = file; self.index = index; self.line = line; self.label = label
    }

    public var description: String {
        var text = "netbox \(file)"
        if let line { text += ":\(line)" }
        if let index { text += ": results[\(index)]" }
        if let label { text += " (\(label))" }
        return text
    }
}

public struct NetBoxTenant: Sendable, Equatable {
    public var source: NetBoxSource
    public var name: String
    public var slug: String?
    public var description: String?
}

public struct NetBoxSite: Sendable, Equatable {
    public var source: NetBoxSource
    public var name: String
    public var slug: String?
    public var tenant: NetBoxRef?
    public var description: String?
    public var physicalAddress: String?
}

/// A NetBox field a source may or may not carry: a REST response carries them all (custom fields only where
/// that NetBox defines them), a CSV file only its columns. What a source does not carry is never taken as empty, so
/// a refresh from a table export with fewer columns changes nothing it cannot see.
public enum NetBoxField: String, Sendable, CaseIterable, Comparable {
    case name, description, comments, role, tenant, site, manufacturer, model, platform, status
    /// Both primary addresses (`primary_ip4`, `primary_ip6`), or only the one a table export's `IP Address` shows.
    case primaryIPv4, primaryIPv6, primaryIP
    case firmwareVersion, criticality, owner, segment
    case device, ports, protocolName, ipAddresses, kind, audience, hostname, category, agency

    public static func < (a: NetBoxField, b: NetBoxField) -> Bool { a.rawValue < b.rawValue }
}

public struct NetBoxDevice: Sendable, Equatable {
    public var source: NetBoxSource
    /// The fields its source carries, empty or not.
    public var carried: Set<NetBoxField> = Set(NetBoxField.allCases)
    public var name: String
    public var role: NetBoxRef
    public var tenant: NetBoxRef?
    public var site: NetBoxRef?
    public var manufacturer: String?
    public var model: String?
    public var platform: String?
    public var status: String?
    public var description: String?
    public var comments: String?
    /// With the prefix length NetBox keeps (`198.18.1.1/24`).
    public var primaryIPv4: String?
    public var primaryIPv6: String?
    /// Custom fields v6ready exports (`firmware_version`, `criticality`, `owner`, `segment`) or common equivalents.
    public var firmwareVersion: String?
    public var criticality: String?
    public var owner: String?
    /// The v6ready segment id (custom field `segment`), which places a device that has no address.
    public var segment: String?
}

public struct NetBoxIPAddress: Sendable, Equatable {
    public var source: NetBoxSource
    public var address: String
    public var device: String?
    public var interface: String?
    public var isPrimary: Bool?
    public var tenant: NetBoxRef?
    public var status: String?
    /// `vip`, `vrrp`, `anycast`, ...: shared addresses are not a device's own.
    public var role: String? = nil
}

public struct NetBoxPrefix: Sendable, Equatable {
    public var source: NetBoxSource
    public var prefix: String
    public var tenant: NetBoxRef?
    public var site: NetBoxRef?
    /// Its VLAN: NetBox's object id (REST), else the VID, name, and the site or VLAN group that make it unique.
    public var vlanID: Int? = nil
    public var vlanVID: Int?
    public var vlanName: String?
    public var vlanSite: String?
    public var vlanGroup: String? = nil
    public var role: NetBoxRef?
    public var status: String?
    public var description: String?
}

public struct NetBoxVLAN: Sendable, Equatable {
    public var source: NetBoxSource
    /// NetBox's object id (REST responses), which prefixes refer to.
    public var id: Int? = nil
    public var vid: Int
    public var name: String
    public var site: NetBoxRef?
    /// A VLAN of a group (its VIDs unique within the group, not the site).
    public var group: NetBoxRef? = nil
    public var tenant: NetBoxRef?
    public var description: String?
}

public struct NetBoxService: Sendable, Equatable {
    public var source: NetBoxSource
    /// The fields its source carries, empty or not.
    public var carried: Set<NetBoxField> = Set(NetBoxField.allCases)
    public var device: String?
    public var name: String
    public var protocolName: String?
    public var ports: [Int]
    public var ipAddresses: [String]
    public var description: String?
    public var comments: String?
    /// Custom fields v6ready exports (`service_kind`, `audience`, `hostname`, `category`, `agency`).
    public var kind: String?
    public var audience: String?
    public var hostname: String?
    public var category: String?
    /// The agency (custom field `agency`) when it is not the device's.
    public var agency: String?
}

/// Everything read from a set of NetBox files.
public struct NetBoxData: Sendable, Equatable {
    public var tenants: [NetBoxTenant] = []
    public var sites: [NetBoxSite] = []
    public var devices: [NetBoxDevice] = []
    public var ipAddresses: [NetBoxIPAddress] = []
    public var prefixes: [NetBoxPrefix] = []
    public var vlans: [NetBoxVLAN] = []
    public var services: [NetBoxService] = []
    /// Things worth saying that are not errors (a file skipped, a parent that is not a device).
    public var notes: [String] = []
    /// Every REST list response read, to tell whether its pages add up to the whole list.
    public var pages: [NetBoxPage] = []
    /// The kinds of object some file held (even an empty list), so a refresh knows what the source covers.
    public var kindsRead: Set<NetBoxKind> = []
    public init() {}

    public mutating func append(_ other: NetBoxData) {
        tenants += other.tenants; sites += other.sites; devices += other.devices; ipAddresses += other.ipAddresses
        prefixes += other.prefixes; vlans += other.vlans; services += other.services; notes += other.notes
        pages += other.pages; kindsRead.formUnion(other.kindsRead)
    }

    /// Lists that are only part of what NetBox holds (a response of one page: NetBox's default is 50, and `?limit=0`
    /// stops at its MAX_PAGE_SIZE, 1000), one problem per file, said before anything else: every other message about
    /// such data (a device on no segment, a service with no device) would point the wrong way.
    public var incompleteLists: [Diagnostic] {
        var problems: [Diagnostic] = []
        for kind in NetBoxKind.allCases {
            let files = pages.filter { $0.kind == kind }
            guard let count = files.map(\.count).max() else { continue }
            var seen = Set<Int>()
            var unnamed = 0
            for page in files { seen.formUnion(page.ids); unnamed += page.results - page.ids.count }
            let have = seen.count + unnamed
            guard have < count else { continue }
            let next = files.compactMap(\.next).first
            for page in files {
                problems.append(Diagnostic(file: "netbox \(page.file)", message:
                    "holds \(page.results) of \(count) \(kind.rawValue) (a paginated response; all files give \(have)): fetch \(kind.endpoint)?limit=0"
                    + " (NetBox returns at most its MAX_PAGE_SIZE, 1000 by default, per response: pass every page, following \"next\")"
                    + (next.map { "; the next page is \($0)" } ?? "")))
            }
        }
        return problems
    }
}

/// One REST list response: how many objects NetBox says the list has, and which of them this response holds.
public struct NetBoxPage: Sendable, Equatable {
    public var file: String
    public var kind: NetBoxKind
    /// NetBox's `count`: the whole list.
    public var count: Int
    public var results: Int
    /// The NetBox ids of the results that have one, so a page passed twice is not counted twice.
    public var ids: [Int]
    public var next: String?
}
