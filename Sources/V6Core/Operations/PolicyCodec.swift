/// Reads a policy file (schema 1) and reports every problem the way inventory and program files do:
/// `file:line: path: message`. Pure: the caller reads the bytes.
///
/// ```json
/// {"schema": 1, "name": "Daily IPv6 check",
///  "rules": [{"rule": "services-green", "audience": "public"},
///            {"rule": "dual-stack-percent", "records": "device", "percent": 60, "by": "2025-12-31"},
///            {"rule": "no-ipv6-broken"}]}
/// ```
public enum PolicyCodec {
    public static let schemaVersion = 1

    /// The ids a policy may name, so that a typo in an agency, site or category is an error with its line
    /// instead of a rule that silently matches nothing.
    public struct Context: Sendable {
        public var agencies: Set<String>
        public var sites: Set<String>
        public var categories: Set<String>
        public init(agencies: Set<String>, sites: Set<String>, categories: Set<String>) {
            self.agencies = agencies; self.sites = sites; self.categories = categories
        }
    }

    public static func load(_ bytes: [UInt8], file: String, context: Context? = nil) -> Result<Policy, ValidationFailure> {
        let parsed: ParsedJSON
        do {
            parsed = try JSONParser.parse(bytes)
        } catch {
            return .failure(ValidationFailure([Diagnostic(file: file, line: error.line, message: "\(error.message) (column \(error.column))")]))
        }
        var problems: [(JSONPath, String)] = []
        let policy = decode(parsed.value, context: context, problems: &problems)
        var policyWithLines = policy
        if var p = policyWithLines {
            for i in p.rules.indices { p.rules[i].line = parsed.line(of: JSONPath("rules").index(p.rules[i].index)) }
            policyWithLines = p
        }
        if let policyWithLines, problems.isEmpty { return .success(policyWithLines) }
        let diagnostics = problems.map { Diagnostic(file: file, line: parsed.line(of: $0.0), path: $0.0, message: $0.1) }
        return .failure(ValidationFailure(diagnostics.sorted()))
    }

    static func decode(_ value: JSONValue, context: Context?, problems: inout [(JSONPath, String)]) -> Policy? {
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
        let name = r.optionalString("name")
        _ = r.optionalString("description")
        let rules: [PolicyRule] = r.array("rules", required: true) { reader, value, path in
            guard var o = ObjectReader(value, at: path) else {
                reader.problem(path, "expected an object, found \(value.typeName)")
                return nil
            }
            let rule = decodeRule(&o, path: path, context: context)
            // Without a known rule its other fields cannot be judged; one message about the rule says enough.
            if rule != nil { o.finish() }
            reader.absorb(o)
            return rule
        }
        if r.member("rules")?.arrayValue?.isEmpty == true {
            r.problem(JSONPath("rules"), "needs at least one rule (\(PolicyRuleKind.names.joined(separator: ", ")))")
        }
        r.finish()
        problems += r.problems
        return Policy(name: name, rules: rules)
    }

    static func decodeRule(_ o: inout ObjectReader, path: JSONPath, context: Context?) -> PolicyRule? {
        _ = o.optionalString("description")
        let index = Int(path.text.split(separator: "[").last?.dropLast() ?? "0") ?? 0
        guard let ruleName = o.optionalString("rule") else {
            if o.member("rule") == nil { o.problem(path.member("rule"), "is missing (required; one of \(PolicyRuleKind.names.joined(separator: ", ")))") }
            return nil
        }
        var scope = PolicyScope()
        func readScope(categoriesOnly: Bool = false) {
            if !categoriesOnly {
                scope.agencies = ids(&o, "agencies", path: path, known: context?.agencies, what: "an agency of this inventory")
                scope.sites = ids(&o, "sites", path: path, known: context?.sites, what: "a site of this inventory")
            }
            scope.categories = ids(&o, "categories", path: path, known: context?.categories, what: "a category of the program")
        }
        let kind: PolicyRuleKind
        switch ruleName {
        case "program-targets":
            readScope(categoriesOnly: true)
            kind = .programTargets
        case "services-green":
            readScope()
            let audience = o.member("audience") == nil ? nil : o.word("audience", Audience.self)
            let kinds: [ServiceKind]? = o.member("kinds") == nil ? nil : o.array("kinds") { reader, value, p in
                readWord(value, ServiceKind.self, at: p, reader: &reader)
            }
            var accept: [ServiceColour] = [.green]
            if o.member("accept") != nil {
                accept = o.array("accept") { reader, value, p -> ServiceColour? in
                    guard let s = value.stringValue, let colour = ServiceColour(rawValue: s) else {
                        reader.problem(p, "expected one of green, yellow, red, gray, found \(value.stringValue.map(quoted) ?? value.typeName)")
                        return nil
                    }
                    return colour
                }
            }
            kind = .servicesGreen(audience: audience, kinds: kinds, accept: accept)
        case "dual-stack-percent", "ipv6-only-percent":
            readScope()
            let percent = o.member("percent").flatMap { $0.number(in: 0...100) }
            if let value = o.member("percent") {
                if percent == nil { o.problem(path.member("percent"), "\(value.shownForProblem) is not a percentage from 0 to 100") }
            } else {
                o.problem(path.member("percent"), "is missing (required; a percentage from 0 to 100)")
            }
            var by: CalendarDate?
            if let text = o.optionalString("by") {
                by = CalendarDate(text)
                if by == nil { o.problem(path.member("by"), "\(quoted(text)) is not a date (YYYY-MM-DD, e.g. 2025-12-31)") }
            }
            let records = o.member("records") == nil ? .device : (o.word("records", ItemKind.self) ?? .device)
            kind = ruleName == "dual-stack-percent" ? .dualStackPercent(percent: percent ?? 0, by: by, records: records)
                : .ipv6OnlyPercent(percent: percent ?? 0, by: by, records: records)
        case "no-new-device-without-ipv6":
            readScope()
            var from = CalendarDate(year: 2026, month: 1, day: 1)!
            if let text = o.optionalString("from") {
                if let day = CalendarDate(text) { from = day } else { o.problem(path.member("from"), "\(quoted(text)) is not a date (YYYY-MM-DD, e.g. 2026-01-01)") }
            }
            kind = .noNewDeviceWithoutIPv6(from: from)
        case "no-ipv6-broken":
            readScope()
            var records = ItemKind.allCases
            if o.member("records") != nil {
                records = o.array("records") { reader, value, p in readWord(value, ItemKind.self, at: p, reader: &reader) }
            }
            kind = .noIPv6Broken(records: records)
        case "no-unknown-hosts":
            kind = .noUnknownHosts
        case "ipv6-and-dnssec":
            readScope()
            let audience = o.member("audience") == nil ? nil : o.word("audience", Audience.self)
            let kinds: [ServiceKind]? = o.member("kinds") == nil ? nil : o.array("kinds") { reader, value, p in
                readWord(value, ServiceKind.self, at: p, reader: &reader)
            }
            kind = .ipv6AndDNSSEC(audience: audience, kinds: kinds)
        case "no-rogue-ra":
            readScope()
            kind = .noRogueRA
        case "lan-ipv6-dns":
            readScope()
            kind = .lanIPv6DNS
        case "no-ipv6-exposure":
            readScope()
            kind = .noIPv6Exposure
        case "no-ipv6-only-broken":
            readScope()
            kind = .noIPv6OnlyBroken
        case "max-scan-age":
            // More than 0 and at most 10^9 (a policy may mean "never"): 1e300 hours would trap where it is printed.
            let hours = o.member("hours").flatMap { $0.number(in: 0...1e9) }.flatMap { $0 > 0 ? $0 : nil }
            if let value = o.member("hours") {
                if hours == nil { o.problem(path.member("hours"), "\(value.shownForProblem) is not a number of hours more than 0 and at most 1000000000") }
            } else {
                o.problem(path.member("hours"), "is missing (required; hours, e.g. 26 for a daily scan)")
            }
            kind = .maxScanAge(hours: hours ?? 0)
        default:
            o.problem(path.member("rule"), "\(quoted(ruleName)) is not a rule (\(PolicyRuleKind.names.joined(separator: ", ")))")
            return nil
        }
        return PolicyRule(index: index, line: nil, kind: kind, scope: scope)
    }

    static func readWord<W: RawRepresentable & CaseIterable>(_ value: JSONValue, _ type: W.Type, at path: JSONPath,
                                                          reader: inout ObjectReader) -> W? where W.RawValue == String {
        guard let s = value.stringValue else { reader.problem(path, "expected a string, found \(value.typeName)"); return nil }
        guard let w = W(rawValue: s) else {
            reader.problem(path, "\(quoted(s)) is not one of \(W.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return w
    }

    /// An optional list of ids, each checked against `known` when the context is given.
    static func ids(_ o: inout ObjectReader, _ key: String, path: JSONPath, known: Set<String>?, what: String) -> [String]? {
        guard o.member(key) != nil else { return nil }
        return o.array(key) { reader, value, p -> String? in
            guard let s = value.stringValue else { reader.problem(p, "expected an id string, found \(value.typeName)"); return nil }
            if let known, !known.contains(s) {
                reader.problem(p, "\(quoted(s)) is not \(what)")
                return nil
            }
            return s
        }
    }
}
