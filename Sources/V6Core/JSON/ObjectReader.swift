/// Reads the members of one JSON object into typed values, recording a diagnostic for every problem
/// (wrong type, missing member, bad address, unknown member) instead of stopping at the first.
public struct ObjectReader {
    public let path: JSONPath
    private let members: [(key: String, value: JSONValue)]
    private var consumed = Set<String>()
    public private(set) var problems: [(path: JSONPath, message: String)] = []

    /// Nil (with a problem recorded by the caller) when `value` is not an object.
    public init?(_ value: JSONValue, at path: JSONPath) {
        guard case let .object(members) = value else { return nil }
        self.path = path
        self.members = members
    }

    public mutating func problem(_ path: JSONPath, _ message: String) { problems.append((path, message)) }

    /// Folds a nested reader's problems into this one.
    public mutating func absorb(_ nested: ObjectReader) { problems += nested.problems }

    /// Marks `key` as read and returns its value; null counts as absent.
    public mutating func member(_ key: String) -> JSONValue? {
        consumed.insert(key)
        guard let value = members.first(where: { $0.key == key })?.value else { return nil }
        if case .null = value { return nil }
        return value
    }

    /// A required string; records "missing" or a type problem and returns "" when it is not there.
    public mutating func string(_ key: String) -> String {
        guard let value = member(key) else { problem(path.member(key), "is missing (required)"); return "" }
        guard case let .string(s) = value else { problem(path.member(key), "expected a string, found \(value.typeName)"); return "" }
        if let why = TextRules.problem(with: s) { problem(path.member(key), why) }
        return s
    }

    public mutating func optionalString(_ key: String) -> String? {
        guard let value = member(key) else { return nil }
        guard case let .string(s) = value else { problem(path.member(key), "expected a string, found \(value.typeName)"); return nil }
        if let why = TextRules.problem(with: s) { problem(path.member(key), why) }
        return s
    }

    /// A required identifier: lower-case letters, digits, '-', '_', '.'.
    public mutating func identifier(_ key: String) -> String {
        // Present but "" is an error like any other bad id (two "" records would collide later); absent was reported.
        let present = member(key)?.stringValue != nil
        let s = string(key)
        if present, let why = IdentifierRules.problem(with: s) { problem(path.member(key), why) }
        return s
    }

    /// A reference that may be left empty on purpose: a device kept without a segment (a NetBox import that could not
    /// place it) says `"segment": ""` until someone sets it. Any other value follows the id rules.
    public mutating func identifierOrEmpty(_ key: String) -> String {
        let s = string(key)
        if !s.isEmpty, let why = IdentifierRules.problem(with: s) { problem(path.member(key), why) }
        return s
    }

    public mutating func optionalIdentifier(_ key: String) -> String? {
        guard let s = optionalString(key) else { return nil }
        if let why = IdentifierRules.problem(with: s) { problem(path.member(key), why) }
        return s
    }

    public mutating func word<W: RawRepresentable & CaseIterable>(_ key: String, _ type: W.Type, default fallback: W? = nil) -> W?
    where W.RawValue == String {
        guard let value = member(key) else {
            if let fallback { return fallback }
            problem(path.member(key), "is missing (required; one of \(W.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        guard case let .string(s) = value else { problem(path.member(key), "expected a string, found \(value.typeName)"); return nil }
        guard let word = W(rawValue: s) else {
            problem(path.member(key), "\(quoted(s)) is not one of \(W.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return word
    }

    public mutating func optionalInteger(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = member(key) else { return nil }
        return integer(value, at: path.member(key), in: range)
    }

    /// A number member inside `range` (a file's number is never trusted to be finite or sane).
    public mutating func optionalNumber(_ key: String, in range: ClosedRange<Double>) -> Double? {
        guard let value = member(key) else { return nil }
        guard case .number = value else { problem(path.member(key), "expected a number, found \(value.typeName)"); return nil }
        guard let n = value.number(in: range) else { problem(path.member(key), value.numberProblem(in: range)); return nil }
        return n
    }

    private mutating func integer(_ value: JSONValue, at path: JSONPath, in range: ClosedRange<Int>) -> Int? {
        guard case .number = value else { problem(path, "expected a whole number, found \(value.typeName)"); return nil }
        guard let i = value.integer(in: range) else { problem(path, value.integerProblem(in: range)); return nil }
        return i
    }

    /// An array member (absent means empty); each element read by `element`, which returns nil after recording why.
    public mutating func array<T>(_ key: String, required: Bool = false,
                                  _ element: (inout ObjectReader, JSONValue, JSONPath) -> T?) -> [T] {
        guard let value = member(key) else {
            if required { problem(path.member(key), "is missing (required; may be an empty array [])") }
            return []
        }
        guard case let .array(items) = value else { problem(path.member(key), "expected an array, found \(value.typeName)"); return [] }
        var result: [T] = []
        for (i, item) in items.enumerated() {
            if let t = element(&self, item, path.member(key).index(i)) { result.append(t) }
        }
        return result
    }

    public mutating func integers(_ key: String, in range: ClosedRange<Int>) -> [Int] {
        array(key) { reader, value, path -> Int? in reader.integer(value, at: path, in: range) }
    }

    /// Addresses of one family, in RFC 5952 canonical form once read.
    public mutating func addresses(_ key: String, family: AddressFamily) -> [IPAddress] {
        array(key, required: true) { reader, value, path -> IPAddress? in
            guard case let .string(s) = value else { reader.problem(path, "expected an address string, found \(value.typeName)"); return nil }
            guard let address = IPAddress(s), address.family == family else {
                reader.problem(path, "\(quoted(s)) is not an \(family) address")
                return nil
            }
            return address
        }
    }

    public mutating func prefixes(_ key: String, family: AddressFamily) -> [IPPrefix] {
        array(key, required: true) { reader, value, path -> IPPrefix? in
            guard case let .string(s) = value else { reader.problem(path, "expected a prefix string, found \(value.typeName)"); return nil }
            do {
                let prefix = try IPPrefix(parsing: s)
                guard prefix.family == family else { reader.problem(path, "\(quoted(s)) is not an \(family) prefix"); return nil }
                return prefix
            } catch let error as AddressParseError {
                reader.problem(path, error.message)
                return nil
            } catch {
                reader.problem(path, "\(error)")
                return nil
            }
        }
    }

    public mutating func optionalPrefix(_ key: String, family: AddressFamily) -> IPPrefix? {
        guard let s = optionalString(key) else { return nil }
        do {
            let prefix = try IPPrefix(parsing: s)
            guard prefix.family == family else { problem(path.member(key), "\(quoted(s)) is not an \(family) prefix"); return nil }
            return prefix
        } catch {
            problem(path.member(key), error.message)
            return nil
        }
    }

    /// Records every member that no reader asked for: a misspelt field must not silently lose data.
    public mutating func finish() {
        for member in members where !consumed.contains(member.key) {
            problem(path.member(member.key), "unknown field \(quoted(member.key))")
        }
    }
}

/// What an identifier may contain. Shared by the file format, CSV import and `inventory add`.
public enum IdentifierRules {
    public static func problem(with id: String) -> String? {
        if id.isEmpty { return "an id may not be empty" }
        let ok = id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
        if !ok { return "\(quoted(id)) is not a valid id (use lower-case a–z, 0–9, '-', '_', '.')" }
        return nil
    }
}
