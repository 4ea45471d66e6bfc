/// A JSON document with object keys kept in file order, so an inventory written back reads like the one people edited.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The member named `key` of an object, or nil.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// A short name of the JSON type for diagnostics ("expected a string, found an array").
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    public var stringValue: String? { if case let .string(s) = self { return s } else { return nil } }
    public var doubleValue: Double? { if case let .number(n) = self { return n } else { return nil } }
    public var arrayValue: [JSONValue]? { if case let .array(a) = self { return a } else { return nil } }
    public var objectValue: [(key: String, value: JSONValue)]? {
        if case let .object(o) = self { return o } else { return nil }
    }
}

/// Builds objects in a fixed key order, leaving out optional members that are absent.
public struct JSONObjectBuilder {
    public private(set) var members: [(key: String, value: JSONValue)] = []
    public init() {}

    public mutating func add(_ key: String, _ value: JSONValue) { members.append((key, value)) }
    public mutating func add(_ key: String, _ value: String) { members.append((key, .string(value))) }
    public mutating func add(_ key: String, _ value: Int) { members.append((key, .number(Double(value)))) }
    public mutating func addIfPresent(_ key: String, _ value: String?) {
        if let value, !value.isEmpty { members.append((key, .string(value))) }
    }
    public mutating func addIfPresent(_ key: String, _ value: Int?) {
        if let value { members.append((key, .number(Double(value)))) }
    }
    public mutating func addIfPresent(_ key: String, _ value: Double?) {
        if let value { members.append((key, .number(value))) }
    }
    public mutating func add(_ key: String, strings: [String]) { members.append((key, .array(strings.map(JSONValue.string)))) }
    public var value: JSONValue { .object(members) }
}
