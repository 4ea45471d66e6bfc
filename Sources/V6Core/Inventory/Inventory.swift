/// `inventory.json`: the inventory's name, the scope the scanner may probe, and catalog additions.
public struct InventoryManifest: Sendable, Equatable {
    public var name: String
    public var organization: String?
    public var scope: Scope
    public var ipv6Allocation: IPPrefix?
    public var catalog: [CatalogEntry]
    public init(name: String, organization: String? = nil, scope: Scope = Scope(), ipv6Allocation: IPPrefix? = nil,
                catalog: [CatalogEntry] = []) {
        self.name = name; self.organization = organization; self.scope = scope
        self.ipv6Allocation = ipv6Allocation; self.catalog = catalog
    }
}

/// One `agencies/ID.json`: an agency and everything it owns.
public struct AgencyFile: Sendable, Equatable {
    public var agency: Agency
    public var sites: [Site]
    public var segments: [Segment]
    public var devices: [Device]
    public var services: [Service]
    public init(agency: Agency, sites: [Site] = [], segments: [Segment] = [], devices: [Device] = [], services: [Service] = []) {
        self.agency = agency; self.sites = sites; self.segments = segments; self.devices = devices; self.services = services
    }
    /// The file's path inside the inventory folder.
    public var relativePath: String { Inventory.agencyPath(agency.id) }
}

/// A whole inventory: the manifest plus one file per agency, agencies kept in id order.
public struct Inventory: Sendable, Equatable {
    public static let schemaVersion = 1
    public static let manifestPath = "inventory.json"
    public static let agenciesFolder = "agencies"
    public static func agencyPath(_ id: String) -> String { "\(agenciesFolder)/\(id).json" }

    public var manifest: InventoryManifest
    public var agencyFiles: [AgencyFile]

    public init(manifest: InventoryManifest, agencyFiles: [AgencyFile]) {
        self.manifest = manifest
        self.agencyFiles = agencyFiles.sorted { $0.agency.id < $1.agency.id }
    }

    public var agencies: [Agency] { agencyFiles.map(\.agency) }
    public var sites: [Site] { agencyFiles.flatMap(\.sites) }
    public var segments: [Segment] { agencyFiles.flatMap(\.segments) }
    public var devices: [Device] { agencyFiles.flatMap(\.devices) }
    public var services: [Service] { agencyFiles.flatMap(\.services) }

    /// Counts per record kind, in the order people read them.
    public var counts: [(kind: String, count: Int)] {
        [("agencies", agencyFiles.count), ("sites", sites.count), ("segments", segments.count),
         ("devices", devices.count), ("services", services.count)]
    }

    public func agencyFileIndex(_ id: String) -> Int? { agencyFiles.firstIndex { $0.agency.id == id } }

    /// The agency that owns the record with this id, if any record has it.
    public func owner(of id: String) -> Agency? { locate(id)?.agency }

    /// Finds any record by id.
    public func locate(_ id: String) -> RecordLocation? {
        for file in agencyFiles {
            if file.agency.id == id { return RecordLocation(agency: file.agency, record: .agency(file.agency)) }
            if let x = file.sites.first(where: { $0.id == id }) { return RecordLocation(agency: file.agency, record: .site(x)) }
            if let x = file.segments.first(where: { $0.id == id }) { return RecordLocation(agency: file.agency, record: .segment(x)) }
            if let x = file.devices.first(where: { $0.id == id }) { return RecordLocation(agency: file.agency, record: .device(x)) }
            if let x = file.services.first(where: { $0.id == id }) { return RecordLocation(agency: file.agency, record: .service(x)) }
        }
        return nil
    }

    public func segment(_ id: String) -> Segment? { segments.first { $0.id == id } }
    public func device(_ id: String) -> Device? { devices.first { $0.id == id } }
}

/// A record found by id, with the agency whose file holds it.
public struct RecordLocation: Sendable {
    public var agency: Agency
    public var record: InventoryRecord
}

/// Any record of the inventory, for `show` and `remove`.
public enum InventoryRecord: Sendable {
    case agency(Agency), site(Site), segment(Segment), device(Device), service(Service)

    public var kindName: String {
        switch self {
        case .agency: return "agency"
        case .site: return "site"
        case .segment: return "segment"
        case .device: return "device"
        case .service: return "service"
        }
    }
}
