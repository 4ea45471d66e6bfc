/// Reads a program file (`programs/*.json`) into a `Program`, reporting every problem the way inventory files do:
/// `file:line: path: message`. Pure: the caller reads the bytes.
public enum ProgramCodec {
    public static let schemaVersion = 1

    /// Decodes and checks a program file. `file` is the name used in diagnostics.
    public static func load(_ bytes: [UInt8], file: String) -> Result<Program, ValidationFailure> {
        let parsed: ParsedJSON
        do {
            parsed = try JSONParser.parse(bytes)
        } catch {
            return .failure(ValidationFailure([Diagnostic(file: file, line: error.line, message: "\(error.message) (column \(error.column))")]))
        }
        var problems: [(JSONPath, String)] = []
        let program = decode(parsed.value, problems: &problems)
        if let program, problems.isEmpty { return .success(program) }
        let diagnostics = problems.map { Diagnostic(file: file, line: parsed.line(of: $0.0), path: $0.0, message: $0.1) }
        return .failure(ValidationFailure(diagnostics.sorted()))
    }

    /// The program shipped in the binary (identical to `programs/ipv6-for-gov-2022-2025.json`).
    public static let shipped: Program = {
        switch load(Array(DefaultProgramData.json.utf8), file: DefaultProgramData.fileName) {
        case let .success(program): return program
        case let .failure(failure): preconditionFailure("the shipped program is invalid: \(failure)")
        }
    }()

    static func decode(_ value: JSONValue, problems: inout [(JSONPath, String)]) -> Program? {
        guard var r = ObjectReader(value, at: .root) else {
            problems.append((.root, "expected an object, found \(value.typeName)"))
            return nil
        }
        if let schema = r.member("schema") {
            if schema != .number(Double(schemaVersion)) {
                r.problem(JSONPath("schema"), "schema \(JSONWriter.compact(schema)) is not supported (this build reads schema \(schemaVersion))")
            }
        } else {
            r.problem(JSONPath("schema"), "is missing (required; 1)")
        }
        let id = r.identifier("id")
        let name = localized(&r, "name")
        let source: LocalizedText? = r.member("source") == nil ? nil : localized(&r, "source")
        let currency = r.optionalString("currency") ?? "VND"

        let categories: [ProgramCategory] = r.array("categories", required: true) { reader, value, path in
            guard var c = ObjectReader(value, at: path) else { reader.problem(path, "expected an object, found \(value.typeName)"); return nil }
            let id = c.identifier("id")
            let name = localized(&c, "name")
            c.finish(); reader.absorb(c)
            return ProgramCategory(id: id, name: name ?? LocalizedText(en: id, vi: id))
        }
        let categoryIDs = Set(categories.map(\.id))
        if categories.isEmpty { r.problem(JSONPath("categories"), "needs at least one category") }
        duplicates(categories.map(\.id), at: JSONPath("categories"), field: "id", into: &r)

        let rules: [CategoryRule] = r.array("category_rules", required: true) { reader, value, path in
            guard var c = ObjectReader(value, at: path) else { reader.problem(path, "expected an object, found \(value.typeName)"); return nil }
            let category = c.string("category")
            if !category.isEmpty, !categoryIDs.contains(category) {
                c.problem(path.member("category"), "\(quoted(category)) is not one of the program's categories (\(categoryIDs.sorted().joined(separator: ", ")))")
            }
            let selector = readSelector(&c, categoryIDs: categoryIDs, allowCategory: false)
            c.finish(); reader.absorb(c)
            return CategoryRule(selector: selector, category: category)
        }

        let phases: [ProgramPhase] = r.array("phases", required: true) { reader, value, path in
            guard var p = ObjectReader(value, at: path) else { reader.problem(path, "expected an object, found \(value.typeName)"); return nil }
            let id = p.identifier("id")
            let name = localized(&p, "name")
            let start = date(&p, "start")
            let end = date(&p, "end")
            if let start, let end, end < start { p.problem(path.member("end"), "\(end) is before the start \(start)") }
            let tasks: [LocalizedText] = p.array("tasks") { reader, value, path in
                localizedValue(value, at: path, reader: &reader)
            }
            let match: [RecordSelector] = p.array("match") { reader, value, path in
                guard var s = ObjectReader(value, at: path) else { reader.problem(path, "expected an object, found \(value.typeName)"); return nil }
                let selector = readSelector(&s, categoryIDs: categoryIDs, allowCategory: true)
                s.finish(); reader.absorb(s)
                return selector
            }
            p.finish(); reader.absorb(p)
            guard let start, let end else { return nil }
            return ProgramPhase(id: id, name: name ?? LocalizedText(en: id, vi: id), start: start, end: end, tasks: tasks, match: match)
        }
        if phases.isEmpty { r.problem(JSONPath("phases"), "needs at least one phase") }
        duplicates(phases.map(\.id), at: JSONPath("phases"), field: "id", into: &r)

        let targets = readTargets(&r, "targets", categoryIDs: categoryIDs)
        let ipv6OnlyTargets = readTargets(&r, "ipv6_only_targets", categoryIDs: categoryIDs)
        duplicates(targets.map(\.category), at: JSONPath("targets"), field: "category", into: &r)
        duplicates(ipv6OnlyTargets.map(\.category), at: JSONPath("ipv6_only_targets"), field: "category", into: &r)
        let follows = r.optionalIdentifier("follows")
        var equipmentRule: EquipmentRule?
        if let value = r.member("equipment_rule") {
            if var e = ObjectReader(value, at: JSONPath("equipment_rule")) {
                let from = date(&e, "from")
                let text = localized(&e, "text")
                e.finish(); r.absorb(e)
                if let from, let text { equipmentRule = EquipmentRule(from: from, text: text) }
            } else {
                r.problem(JSONPath("equipment_rule"), "expected an object, found \(value.typeName)")
            }
        }
        var capacity: ProgramCapacity?
        if let value = r.member("capacity") {
            if var c = ObjectReader(value, at: JSONPath("capacity")) {
                let items = c.optionalInteger("items_per_quarter", in: 1...1_000_000)
                if items == nil, !c.problems.contains(where: { $0.path == JSONPath("capacity").member("items_per_quarter") }) {
                    c.problem(JSONPath("capacity").member("items_per_quarter"), "is missing (required; work items a quarter can carry)")
                }
                let perAgency = c.optionalInteger("items_per_agency_per_quarter", in: 1...1_000_000)
                let budget = money(&c, "budget_per_quarter")
                _ = c.optionalString("notes")
                c.finish(); r.absorb(c)
                if let items { capacity = ProgramCapacity(itemsPerQuarter: items, itemsPerAgencyPerQuarter: perAgency, budgetPerQuarter: budget) }
            } else {
                r.problem(JSONPath("capacity"), "expected an object, found \(value.typeName)")
            }
        }

        var costs = UnitCosts()
        if let value = r.member("unit_costs") {
            if var u = ObjectReader(value, at: JSONPath("unit_costs")) {
                costs.configure = money(&u, "configure")
                costs.upgrade = money(&u, "upgrade")
                costs.replaceLabour = money(&u, "replace_labour")
                costs.fix = money(&u, "fix")
                _ = u.optionalString("notes")
                u.finish(); r.absorb(u)
            } else {
                r.problem(JSONPath("unit_costs"), "expected an object, found \(value.typeName)")
            }
        }
        _ = r.optionalString("notes")
        r.finish()
        problems += r.problems.map { ($0.path, $0.message) }
        guard let name else { return nil }
        return Program(id: id, name: name, source: source, currency: currency, categories: categories,
                       categoryRules: rules, phases: phases, targets: targets, ipv6OnlyTargets: ipv6OnlyTargets, unitCosts: costs,
                       follows: follows, equipmentRule: equipmentRule, capacity: capacity)
    }

    /// A list of yearly targets per category (`targets`, `ipv6_only_targets`): years increasing, never falling.
    private static func readTargets(_ r: inout ObjectReader, _ key: String, categoryIDs: Set<String>) -> [CategoryTarget] {
        r.array(key) { reader, value, path -> CategoryTarget? in
            guard var t = ObjectReader(value, at: path) else { reader.problem(path, "expected an object, found \(value.typeName)"); return nil }
            let category = t.string("category")
            if !category.isEmpty, !categoryIDs.contains(category) {
                t.problem(path.member("category"), "\(quoted(category)) is not one of the program's categories (\(categoryIDs.sorted().joined(separator: ", ")))")
            }
            var byYear: [Int: Double] = [:]
            if let percent = t.member("percent") {
                if let members = percent.objectValue {
                    var previous: (year: Int, value: Double)?
                    for (key, v) in members {
                        let p = path.member("percent").member(key)
                        guard key.count == 4, let year = Int(key), (1900...2200).contains(year) else {
                            t.problem(p, "\(quoted(key)) is not a year (write years as \"2023\")"); continue
                        }
                        guard let n = v.doubleValue, (0...100).contains(n) else {
                            t.problem(p, "expected a percentage from 0 to 100, found \(v.typeName == "a number" ? JSONWriter.formatNumber(v.doubleValue!) : v.typeName)"); continue
                        }
                        if let previous, year <= previous.year {
                            t.problem(p, "years must be in increasing order (\(year) comes after \(previous.year))")
                        } else if let previous, n < previous.value {
                            t.problem(p, "a target may not fall: \(JSONWriter.formatNumber(n))% in \(year) is below \(JSONWriter.formatNumber(previous.value))% in \(previous.year)")
                        }
                        byYear[year] = n
                        previous = (year, n)
                    }
                } else {
                    t.problem(path.member("percent"), "expected an object of year → percentage, found \(percent.typeName)")
                }
            } else {
                t.problem(path.member("percent"), "is missing (required; e.g. {\"2023\": 50, \"2025\": 100})")
            }
            let source = t.optionalString("source")
            var derived = false
            if let value = t.member("derived") {
                if case let .bool(b) = value { derived = b } else { t.problem(path.member("derived"), "expected true or false, found \(value.typeName)") }
            }
            t.finish(); reader.absorb(t)
            return CategoryTarget(category: category, percentByYear: byYear, source: source, derived: derived)
        }
    }

    private static func localized(_ r: inout ObjectReader, _ key: String) -> LocalizedText? {
        guard let value = r.member(key) else { r.problem(r.path.member(key), "is missing (required; {\"en\": \"...\", \"vi\": \"...\"})"); return nil }
        return localizedValue(value, at: r.path.member(key), reader: &r)
    }

    private static func localizedValue(_ value: JSONValue, at path: JSONPath, reader: inout ObjectReader) -> LocalizedText? {
        guard var t = ObjectReader(value, at: path) else {
            reader.problem(path, "expected {\"en\": \"...\", \"vi\": \"...\"}, found \(value.typeName)")
            return nil
        }
        let en = t.string("en"), vi = t.string("vi")
        t.finish(); reader.absorb(t)
        return LocalizedText(en: en, vi: vi)
    }

    private static func date(_ r: inout ObjectReader, _ key: String) -> CalendarDate? {
        let text = r.string(key)
        guard !text.isEmpty else { return nil }
        guard let date = CalendarDate(text) else {
            r.problem(r.path.member(key), "\(quoted(text)) is not a date (YYYY-MM-DD)")
            return nil
        }
        return date
    }

    private static func money(_ r: inout ObjectReader, _ key: String) -> Double? {
        r.optionalNumber(key, in: MoneyAmount.range)
    }

    private static func duplicates(_ ids: [String], at path: JSONPath, field: String, into r: inout ObjectReader) {
        var seen = Set<String>()
        for (i, id) in ids.enumerated() where !id.isEmpty && !seen.insert(id).inserted {
            r.problem(path.index(i).member(field), "duplicate \(field) \(quoted(id))")
        }
    }

    private static func readSelector(_ s: inout ObjectReader, categoryIDs: Set<String>, allowCategory: Bool) -> RecordSelector {
        var selector = RecordSelector()
        selector.record = words(&s, "record", SelectorRecord.self)
        if allowCategory {
            selector.category = names(&s, "category", allowed: categoryIDs)
        }
        selector.segmentKind = words(&s, "segment_kind", SegmentKind.self)
        selector.deviceRole = words(&s, "device_role", DeviceRole.self)
        selector.serviceKind = words(&s, "service_kind", ServiceKind.self)
        selector.serviceCategory = names(&s, "service_category", allowed: nil)
        selector.audience = words(&s, "audience", Audience.self)
        selector.hostCategory = names(&s, "host_category", allowed: categoryIDs)
        return selector
    }

    /// A word or a list of words from a closed vocabulary.
    private static func words<W: RawRepresentable & CaseIterable>(_ s: inout ObjectReader, _ key: String, _ type: W.Type) -> [W]?
    where W.RawValue == String {
        guard let list = names(&s, key, allowed: Set(W.allCases.map(\.rawValue))) else { return nil }
        return list.compactMap(W.init(rawValue:))
    }

    /// A string or a list of strings, each checked against `allowed` when given.
    private static func names(_ s: inout ObjectReader, _ key: String, allowed: Set<String>?) -> [String]? {
        guard let value = s.member(key) else { return nil }
        let path = s.path.member(key)
        let items: [(JSONValue, JSONPath)]
        switch value {
        case .string: items = [(value, path)]
        case let .array(a): items = a.enumerated().map { ($1, path.index($0)) }
        default: s.problem(path, "expected a string or a list of strings, found \(value.typeName)"); return nil
        }
        var result: [String] = []
        for (item, p) in items {
            guard let text = item.stringValue else { s.problem(p, "expected a string, found \(item.typeName)"); continue }
            if let allowed, !allowed.contains(text) {
                s.problem(p, "\(quoted(text)) is not one of \(allowed.sorted().joined(separator: ", "))")
                continue
            }
            result.append(text)
        }
        return result
    }
}
