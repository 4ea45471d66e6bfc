/// Maps inventory records to and from JSON. Decoding collects every problem with its path; encoding writes members
/// in the documented order and leaves out empty optional members, so files stay stable in git.
public enum InventoryCodec {
    // MARK: Decoding

    /// Reads `inventory.json`. Problems are returned with `file` set; lines are filled in by the caller.
    public static func decodeManifest(_ value: JSONValue, file: String) -> (InventoryManifest?, [Diagnostic]) {
        var problems: [Diagnostic] = []
        guard var r = ObjectReader(value, at: .root) else {
            return (nil, [Diagnostic(file: file, message: "expected a JSON object, found \(value.typeName)")])
        }
        guard checkSchema(&r, file: file, into: &problems) else { return (nil, problems) }
        let name = r.string("name")
        let organization = r.optionalString("organization")
        var scope = Scope()
        if let scopeValue = r.takeObject("scope") {
            if var s = ObjectReader(scopeValue, at: r.path.member("scope")) {
                scope = Scope(ipv4: s.prefixes("ipv4", family: .v4), ipv6: s.prefixes("ipv6", family: .v6))
                s.finish()
                r.absorb(s)
            } else {
                r.problem(r.path.member("scope"), "expected an object, found \(scopeValue.typeName)")
            }
        }
        let allocation = r.optionalPrefix("ipv6_allocation", family: .v6)
        let catalog = r.array("catalog") { reader, value, path in decodeCatalogEntry(&reader, value, path) }
        r.finish()
        problems += r.problems.map { Diagnostic(file: file, path: $0.path, message: $0.message) }
        return (InventoryManifest(name: name, organization: organization, scope: scope, ipv6Allocation: allocation,
                                  catalog: catalog), problems)
    }

    /// Reads a catalog document `{"schema": 1, "catalog": [...]}` (the shipped one, or a file given by the user).
    public static func decodeCatalog(_ value: JSONValue, file: String) -> ([CatalogEntry], [Diagnostic]) {
        var problems: [Diagnostic] = []
        guard var r = ObjectReader(value, at: .root) else {
            return ([], [Diagnostic(file: file, message: "expected a JSON object, found \(value.typeName)")])
        }
        guard checkSchema(&r, file: file, into: &problems) else { return ([], problems) }
        let entries = r.array("catalog", required: true) { reader, value, path in decodeCatalogEntry(&reader, value, path) }
        r.finish()
        problems += r.problems.map { Diagnostic(file: file, path: $0.path, message: $0.message) }
        return (entries, problems)
    }

    /// Reads one `agencies/ID.json`.
    public static func decodeAgencyFile(_ value: JSONValue, file: String) -> (AgencyFile?, [Diagnostic]) {
        var problems: [Diagnostic] = []
        guard var r = ObjectReader(value, at: .root) else {
            return (nil, [Diagnostic(file: file, message: "expected a JSON object, found \(value.typeName)")])
        }
        guard checkSchema(&r, file: file, into: &problems) else { return (nil, problems) }
        var agency: Agency?
        if let agencyValue = r.takeObject("agency") {
            if var a = ObjectReader(agencyValue, at: r.path.member("agency")) {
                let id = a.identifier("id")
                let name = a.string("name")
                let kind = a.word("kind", AgencyKind.self)
                let parent = a.optionalIdentifier("parent")
                let contact = a.optionalString("contact")
                var dissolved: CalendarDate?
                if let text = a.optionalString("dissolved") {
                    dissolved = CalendarDate(text)
                    if dissolved == nil { a.problem(a.path.member("dissolved"), "\(quoted(text)) is not a day as YYYY-MM-DD") }
                }
                a.finish()
                r.absorb(a)
                agency = Agency(id: id, name: name, kind: kind ?? .other, parent: parent, contact: contact, dissolved: dissolved)
            } else {
                r.problem(r.path.member("agency"), "expected an object, found \(agencyValue.typeName)")
            }
        } else {
            r.problem(r.path.member("agency"), "is missing (required)")
        }
        let sites = r.array("sites") { reader, value, path in
            reader.record(value, at: path) { o in
                Site(id: o.identifier("id"), name: o.string("name"), address: o.optionalString("address"))
            }
        }
        let segments = r.array("segments") { reader, value, path in
            reader.record(value, at: path) { o in
                let id = o.identifier("id"), name = o.string("name"), site = o.identifier("site")
                let kind = o.word("kind", SegmentKind.self)
                let vlan = o.optionalInteger("vlan", in: 1...4094)
                let v4 = o.prefixes("ipv4", family: .v4), v6 = o.prefixes("ipv6", family: .v6)
                var segment = Segment(id: id, name: name, site: site, kind: kind ?? .lan, vlan: vlan, ipv4: v4, ipv6: v6)
                decodeSegmentLAN(&o, into: &segment)
                return segment
            }
        }
        let devices = r.array("devices") { reader, value, path in
            reader.record(value, at: path) { o in decodeDevice(&o) }
        }
        let services = r.array("services") { reader, value, path in
            reader.record(value, at: path) { o in decodeService(&o) }
        }
        r.finish()
        problems += r.problems.map { Diagnostic(file: file, path: $0.path, message: $0.message) }
        guard let agency else { return (nil, problems) }
        return (AgencyFile(agency: agency, sites: sites, segments: segments, devices: devices, services: services), problems)
    }

    static func decodeDevice(_ o: inout ObjectReader) -> Device {
        let id = o.identifier("id"), name = o.string("name")
        let role = o.word("role", DeviceRole.self)
        let vendor = o.string("vendor"), model = o.string("model")
        let os = o.optionalString("os"), version = o.optionalString("version")
        let segment = o.identifierOrEmpty("segment")
        let v4 = o.addresses("ipv4", family: .v4), v6 = o.addresses("ipv6", family: .v6)
        let owner = o.optionalString("owner")
        let criticality = o.word("criticality", Criticality.self, default: .medium)
        let notes = o.optionalString("notes")
        var installed: CalendarDate?
        if let text = o.optionalString("installed") {
            installed = CalendarDate(text)
            if installed == nil { o.problem(o.path.member("installed"), "\(quoted(text)) is not a day as YYYY-MM-DD") }
        }
        return Device(id: id, name: name, role: role ?? .other, vendor: vendor, model: model, os: os, version: version,
                      segment: segment, ipv4: v4, ipv6: v6, owner: owner, criticality: criticality ?? .medium, notes: notes,
                      installed: installed)
    }

    static func decodeService(_ o: inout ObjectReader) -> Service {
        let id = o.identifier("id"), name = o.string("name")
        let kind = o.word("kind", ServiceKind.self)
        let category = o.optionalString("category")
        let hostname = o.optionalString("hostname")
        if let hostname, let why = HostNameRules.problem(with: hostname) { o.problem(o.path.member("hostname"), why) }
        let ports = o.integers("ports", in: 1...65535)
        let v4 = o.addresses("ipv4", family: .v4), v6 = o.addresses("ipv6", family: .v6)
        let audience = o.word("audience", Audience.self)
        let device = o.optionalIdentifier("device")
        let notes = o.optionalString("notes")
        return Service(id: id, name: name, kind: kind ?? .other, category: category, hostname: hostname, ports: ports,
                       ipv4: v4, ipv6: v6, audience: audience ?? .internal, device: device, notes: notes)
    }

    static func decodeCatalogEntry(_ reader: inout ObjectReader, _ value: JSONValue, _ path: JSONPath) -> CatalogEntry? {
        reader.record(value, at: path) { o in
            let vendor = o.string("vendor"), model = o.string("model")
            let support = o.word("ipv6", IPv6Support.self)
            let minVersion = o.optionalString("min_version")
            if support == .upgrade, minVersion == nil { o.problem(o.path.member("min_version"), "is required when ipv6 is \"upgrade\"") }
            let cost = o.optionalNumber("replacement_cost", in: MoneyAmount.range)
            let notes = o.optionalString("notes")
            let ipv6Only = o.word("ipv6_only", IPv6OnlySupport.self, default: .unknown) ?? .unknown
            if support == .no, ipv6Only == .yes { o.problem(o.path.member("ipv6_only"), "cannot be \"yes\" when ipv6 is \"no\"") }
            return CatalogEntry(vendor: vendor, model: model, ipv6: support ?? .no, minVersion: minVersion,
                                replacementCost: cost, notes: notes, ipv6Only: ipv6Only)
        }
    }

    private static func checkSchema(_ r: inout ObjectReader, file: String, into problems: inout [Diagnostic]) -> Bool {
        guard let schema = r.optionalInteger("schema", in: Int.min...Int.max) else {
            if r.problems.isEmpty {
                problems.append(Diagnostic(file: file, path: r.path.member("schema"),
                                           message: "is missing: this build reads \"schema\": \(Inventory.schemaVersion)"))
            } else {
                problems += r.problems.map { Diagnostic(file: file, path: $0.path, message: $0.message) }
            }
            return false
        }
        guard schema == Inventory.schemaVersion else {
            problems.append(Diagnostic(file: file, path: r.path.member("schema"),
                                       message: "schema version \(schema) is not supported: this build reads version \(Inventory.schemaVersion)"))
            return false
        }
        return true
    }

    // MARK: Encoding

    public static func encode(_ manifest: InventoryManifest) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("schema", Inventory.schemaVersion)
        o.add("name", manifest.name)
        o.addIfPresent("organization", manifest.organization)
        var scope = JSONObjectBuilder()
        scope.add("ipv4", strings: manifest.scope.ipv4.map(\.description))
        scope.add("ipv6", strings: manifest.scope.ipv6.map(\.description))
        o.add("scope", scope.value)
        o.addIfPresent("ipv6_allocation", manifest.ipv6Allocation?.description)
        if !manifest.catalog.isEmpty { o.add("catalog", .array(manifest.catalog.map(encode))) }
        return o.value
    }

    public static func encode(_ file: AgencyFile) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("schema", Inventory.schemaVersion)
        o.add("agency", encode(file.agency))
        o.add("sites", .array(file.sites.map(encode)))
        o.add("segments", .array(file.segments.map(encode)))
        o.add("devices", .array(file.devices.map(encode)))
        o.add("services", .array(file.services.map(encode)))
        return o.value
    }

    public static func encode(_ a: Agency) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("id", a.id); o.add("name", a.name); o.add("kind", a.kind.rawValue)
        o.addIfPresent("parent", a.parent); o.addIfPresent("contact", a.contact)
        o.addIfPresent("dissolved", a.dissolved?.description)
        return o.value
    }

    public static func encode(_ s: Site) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("id", s.id); o.add("name", s.name); o.addIfPresent("address", s.address)
        return o.value
    }

    public static func encode(_ s: Segment) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("id", s.id); o.add("name", s.name); o.add("site", s.site); o.add("kind", s.kind.rawValue)
        o.addIfPresent("vlan", s.vlan)
        o.add("ipv4", strings: s.ipv4.map(\.description)); o.add("ipv6", strings: s.ipv6.map(\.description))
        encodeSegmentLAN(s, into: &o)
        return o.value
    }

    public static func encode(_ d: Device) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("id", d.id); o.add("name", d.name); o.add("role", d.role.rawValue)
        o.add("vendor", d.vendor); o.add("model", d.model)
        o.addIfPresent("os", d.os); o.addIfPresent("version", d.version)
        o.add("segment", d.segment)
        o.add("ipv4", strings: d.ipv4.map(\.description)); o.add("ipv6", strings: d.ipv6.map(\.description))
        o.addIfPresent("owner", d.owner); o.add("criticality", d.criticality.rawValue); o.addIfPresent("notes", d.notes)
        o.addIfPresent("installed", d.installed?.description)
        return o.value
    }

    public static func encode(_ s: Service) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("id", s.id); o.add("name", s.name); o.add("kind", s.kind.rawValue)
        o.addIfPresent("hostname", s.hostname)
        o.add("ports", .array(s.ports.map { .number(Double($0)) }))
        o.add("ipv4", strings: s.ipv4.map(\.description)); o.add("ipv6", strings: s.ipv6.map(\.description))
        o.add("audience", s.audience.rawValue); o.addIfPresent("device", s.device)
        o.addIfPresent("category", s.category); o.addIfPresent("notes", s.notes)
        return o.value
    }

    public static func encode(_ c: CatalogEntry) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("vendor", c.vendor); o.add("model", c.model); o.add("ipv6", c.ipv6.rawValue)
        o.addIfPresent("min_version", c.minVersion); o.addIfPresent("replacement_cost", c.replacementCost)
        if c.ipv6Only != .unknown { o.add("ipv6_only", c.ipv6Only.rawValue) }
        o.addIfPresent("notes", c.notes)
        return o.value
    }

    public static func encode(_ record: InventoryRecord) -> JSONValue {
        switch record {
        case let .agency(x): return encode(x)
        case let .site(x): return encode(x)
        case let .segment(x): return encode(x)
        case let .device(x): return encode(x)
        case let .service(x): return encode(x)
        }
    }
}

extension ObjectReader {
    /// Takes a member that should be an object (checked by the caller); nil when absent.
    mutating func takeObject(_ key: String) -> JSONValue? { member(key) }

    /// Reads one nested record with its own unknown-field check, folding its problems into this reader.
    mutating func record<T>(_ value: JSONValue, at path: JSONPath, _ body: (inout ObjectReader) -> T) -> T? {
        guard var nested = ObjectReader(value, at: path) else {
            problem(path, "expected an object, found \(value.typeName)")
            return nil
        }
        let result = body(&nested)
        nested.finish()
        absorb(nested)
        return result
    }
}

/// What a DNS host name may look like (RFC 1123 labels).
public enum HostNameRules {
    public static func problem(with name: String) -> String? {
        let trimmed = name.hasSuffix(".") ? String(name.dropLast()) : name
        if trimmed.isEmpty || trimmed.utf8.count > 253 { return "\(quoted(name)) is not a host name" }
        for label in trimmed.split(separator: ".", omittingEmptySubsequences: false) {
            let bytes = Array(label.utf8)
            let ok = !bytes.isEmpty && bytes.count <= 63 && bytes.first != 0x2D && bytes.last != 0x2D
                && bytes.allSatisfy { ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F }
            if !ok { return "\(quoted(name)) is not a host name (letters, digits and '-' in dot-separated labels)" }
        }
        return nil
    }
}
