/// One kind of record as a table and as JSON, filtered the way `inventory list` filters: by agency (or its
/// subtree), role, kind, and "no IPv6 yet". Pure, so the listing of a 100,000-device inventory is testable as is.
public struct InventoryListing: Sendable {
    public enum Kind: String, CaseIterable, Sendable { case agencies, sites, segments, devices, services }

    public struct Filter: Sendable {
        /// Only the files of these agencies (nil: all).
        public var agencies: Set<String>?
        public var role: DeviceRole?
        /// A segment, service or agency kind, by its raw value.
        public var kind: String?
        public var withoutIPv6 = false
        public init() {}
    }

    public var header: [String] = []
    public var rows: [[String]] = []
    public var json: [JSONValue] = []

    /// The kinds `--kind` accepts for a listing of `kind`: empty when it does not apply.
    public static func kindWords(for kind: Kind) -> [String] {
        switch kind {
        case .segments: return SegmentKind.allCases.map(\.rawValue)
        case .services: return ServiceKind.allCases.map(\.rawValue)
        case .agencies: return AgencyKind.allCases.map(\.rawValue)
        case .sites, .devices: return []
        }
    }

    public init(_ kind: Kind, of inventory: Inventory, filter: Filter, catalog: CapabilityCatalog) {
        let files = inventory.agencyFiles.filter { filter.agencies?.contains($0.agency.id) ?? true }
        let kindFilter = filter.kind
        switch kind {
        case .agencies:
            header = ["ID", "KIND", "PARENT", "DEVICES", "SERVICES", "NAME"]
            for f in files where kindFilter == nil || f.agency.kind.rawValue == kindFilter {
                rows.append([f.agency.id, f.agency.kind.rawValue + (f.agency.dissolved.map { " (dissolved \($0))" } ?? ""), f.agency.parent ?? "-", String(f.devices.count), String(f.services.count), f.agency.name])
                json.append(InventoryCodec.encode(f.agency))
            }
        case .sites:
            header = ["ID", "AGENCY", "NAME"]
            for f in files { for s in f.sites { rows.append([s.id, f.agency.id, s.name]); json.append(Self.withAgency(InventoryCodec.encode(s), f.agency.id)) } }
        case .segments:
            header = ["ID", "AGENCY", "KIND", "VLAN", "IPV4", "IPV6", "NAME"]
            for f in files {
                for s in f.segments where (kindFilter == nil || s.kind.rawValue == kindFilter) && (!filter.withoutIPv6 || s.ipv6.isEmpty) {
                    rows.append([s.id, f.agency.id, s.kind.rawValue, s.vlan.map(String.init) ?? "-", Self.joined(s.ipv4), Self.joined(s.ipv6), s.name])
                    json.append(Self.withAgency(InventoryCodec.encode(s), f.agency.id))
                }
            }
        case .devices:
            header = ["ID", "AGENCY", "ROLE", "VENDOR/MODEL", "VERSION", "IPV4", "IPV6", "CATALOG"]
            for f in files {
                for d in f.devices where (filter.role == nil || d.role == filter.role) && (!filter.withoutIPv6 || d.ipv6.isEmpty) {
                    let verdict = catalog.verdict(for: d)
                    rows.append([d.id, f.agency.id, d.role.rawValue, "\(d.vendor) \(d.model)", d.version ?? "-", Self.joined(d.ipv4), Self.joined(d.ipv6), verdict.label])
                    var record = Self.withAgency(InventoryCodec.encode(d), f.agency.id)
                    if case var .object(members) = record { members.append(("catalog", .string(verdict.label))); record = .object(members) }
                    json.append(record)
                }
            }
        case .services:
            header = ["ID", "AGENCY", "KIND", "AUDIENCE", "HOSTNAME", "IPV4", "IPV6", "NAME"]
            for f in files {
                for s in f.services where (kindFilter == nil || s.kind.rawValue == kindFilter) && (!filter.withoutIPv6 || s.ipv6.isEmpty) {
                    rows.append([s.id, f.agency.id, s.kind.rawValue, s.audience.rawValue, s.hostname ?? "-", Self.joined(s.ipv4), Self.joined(s.ipv6), s.name])
                    json.append(Self.withAgency(InventoryCodec.encode(s), f.agency.id))
                }
            }
        }
    }

    static func joined<T: CustomStringConvertible>(_ items: [T]) -> String {
        items.isEmpty ? "-" : items.map(\.description).joined(separator: " ")
    }

    /// The record with an `agency` member after its id, so JSON consumers know whose it is.
    static func withAgency(_ value: JSONValue, _ agency: String) -> JSONValue {
        guard case var .object(members) = value else { return value }
        members.insert(("agency", .string(agency)), at: 1)
        return .object(members)
    }
}
