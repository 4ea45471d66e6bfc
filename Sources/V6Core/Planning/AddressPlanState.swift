/// `inventories/NAME/addrplan.json` (schema 1): the address plan's memory. It records the block lengths and every
/// agency, site and segment block handed out, so that later runs keep them and only append new ones — even for
/// segments whose prefix was never written into the inventory.
public struct AddressPlanState: Sendable, Equatable {
    public static let fileName = "addrplan.json"
    public static let schemaVersion = 1

    public var prefix: IPPrefix
    public var agencyLength: Int
    public var siteLength: Int
    public var agencies: [Block]
    public var sites: [Block]
    public var segments: [Block]

    /// One allocation. A site with `prefix == nil` has no block of its own: its existing segments are spread
    /// over its agency's block, so its new segments come from the agency block.
    public struct Block: Sendable, Equatable {
        public var id: String
        public var agency: String?
        public var prefix: IPPrefix?
        public init(id: String, agency: String? = nil, prefix: IPPrefix?) { self.id = id; self.agency = agency; self.prefix = prefix }
    }

    public init(prefix: IPPrefix, agencyLength: Int, siteLength: Int, agencies: [Block] = [], sites: [Block] = [], segments: [Block] = []) {
        self.prefix = prefix; self.agencyLength = agencyLength; self.siteLength = siteLength
        self.agencies = agencies; self.sites = sites; self.segments = segments
    }

    /// The stable text of the file.
    public func encoded() -> String {
        func block(_ b: Block, withAgency: Bool) -> JSONValue {
            var o = JSONObjectBuilder()
            o.add("id", b.id)
            if withAgency { o.addIfPresent("agency", b.agency) }
            o.add("prefix", b.prefix.map { .string($0.description) } ?? .null)
            return o.value
        }
        var o = JSONObjectBuilder()
        o.add("schema", Self.schemaVersion)
        o.add("prefix", prefix.description)
        o.add("agency_length", agencyLength)
        o.add("site_length", siteLength)
        o.add("agencies", .array(agencies.map { block($0, withAgency: false) }))
        o.add("sites", .array(sites.map { block($0, withAgency: true) }))
        o.add("segments", .array(segments.map { block($0, withAgency: false) }))
        return JSONWriter.pretty(o.value)
    }

    /// Reads the file, reporting every problem as `file:line: path: message`.
    public static func decode(_ bytes: [UInt8], file: String) -> Result<AddressPlanState, ValidationFailure> {
        let parsed: ParsedJSON
        do { parsed = try JSONParser.parse(bytes) } catch {
            return .failure(ValidationFailure([Diagnostic(file: file, line: error.line, message: "\(error.message) (column \(error.column))")]))
        }
        func fail(_ problems: [(path: JSONPath, message: String)]) -> Result<AddressPlanState, ValidationFailure> {
            .failure(ValidationFailure(problems.map { Diagnostic(file: file, line: parsed.line(of: $0.path), path: $0.path, message: $0.message) }.sorted()))
        }
        guard var r = ObjectReader(parsed.value, at: .root) else { return fail([(.root, "expected an object")]) }
        if r.member("schema") != .number(Double(schemaVersion)) {
            r.problem(JSONPath("schema"), "must be \(schemaVersion) (this build reads addrplan.json schema \(schemaVersion))")
        }
        let prefix = r.optionalPrefix("prefix", family: .v6)
        if prefix == nil, r.problems.allSatisfy({ $0.path != JSONPath("prefix") }) { r.problem(JSONPath("prefix"), "is missing (required)") }
        let agencyLength = r.optionalInteger("agency_length", in: 4...60)
        let siteLength = r.optionalInteger("site_length", in: 4...60)
        if agencyLength == nil { r.problem(JSONPath("agency_length"), "is missing (required)") }
        if siteLength == nil { r.problem(JSONPath("site_length"), "is missing (required)") }
        func blocks(_ key: String, withAgency: Bool) -> [Block] {
            r.array(key, required: true) { reader, value, path -> Block? in
                guard var b = ObjectReader(value, at: path) else { reader.problem(path, "expected an object, found \(value.typeName)"); return nil }
                let id = b.identifier("id")
                let agency = withAgency ? b.identifier("agency") : nil
                let p = b.optionalPrefix("prefix", family: .v6)
                if p == nil, !withAgency, b.problems.isEmpty { b.problem(path.member("prefix"), "is missing (required)") }
                if let p, p.length % 4 != 0 { b.problem(path.member("prefix"), "\(p) is not on a nibble boundary (length a multiple of 4)") }
                b.finish(); reader.absorb(b)
                return Block(id: id, agency: agency, prefix: p)
            }
        }
        let agencies = blocks("agencies", withAgency: false)
        let sites = blocks("sites", withAgency: true)
        let segments = blocks("segments", withAgency: false)
        if let a = agencyLength, let s = siteLength, s < a { r.problem(JSONPath("site_length"), "\(s) is shorter than agency_length \(a)") }
        if let a = agencyLength, a % 4 != 0 { r.problem(JSONPath("agency_length"), "must be a multiple of 4 (nibble-aligned)") }
        if let s = siteLength, s % 4 != 0 { r.problem(JSONPath("site_length"), "must be a multiple of 4 (nibble-aligned)") }
        for (key, list) in [("agencies", agencies), ("sites", sites), ("segments", segments)] {
            var seen = Set<String>()
            for (i, b) in list.enumerated() where !seen.insert(b.id).inserted {
                r.problem(JSONPath(key).index(i).member("id"), "duplicate id \(quoted(b.id))")
            }
        }
        r.finish()
        guard r.problems.isEmpty, let prefix, let agencyLength, let siteLength else { return fail(r.problems) }
        return .success(AddressPlanState(prefix: prefix, agencyLength: agencyLength, siteLength: siteLength,
                                         agencies: agencies, sites: sites, segments: segments))
    }
}

extension AddressPlanState {
    /// The state with a record's id changed, so a renamed agency, site or segment keeps the block it was given.
    public func renaming(_ old: String, to new: String) -> AddressPlanState {
        func rename(_ blocks: [Block]) -> [Block] {
            blocks.map { b in Block(id: b.id == old ? new : b.id, agency: b.agency == old ? new : b.agency, prefix: b.prefix) }
        }
        var copy = self
        copy.agencies = rename(agencies); copy.sites = rename(sites); copy.segments = rename(segments)
        return copy
    }
}
