/// The kind of request in the header's 4-bit OPCODE field (RFC 1035 §4.1.1, RFC 1996, RFC 2136).
/// `.other(code)` compares equal to the named case with the same code.
public enum DNSOpcode: Hashable, Sendable, CustomStringConvertible {
    case query
    case inverseQuery
    case status
    case notify
    case update
    case other(UInt8)

    /// The largest value the 4-bit field holds.
    public static let maximumCode: UInt8 = 15

    public init(code: UInt8) {
        switch code {
        case 0: self = .query
        case 1: self = .inverseQuery
        case 2: self = .status
        case 4: self = .notify
        case 5: self = .update
        default: self = .other(code)
        }
    }

    public var code: UInt8 {
        switch self {
        case .query: 0
        case .inverseQuery: 1
        case .status: 2
        case .notify: 4
        case .update: 5
        case .other(let code): code
        }
    }

    public var description: String {
        switch DNSOpcode(code: code) {
        case .query: "QUERY"
        case .inverseQuery: "IQUERY"
        case .status: "STATUS"
        case .notify: "NOTIFY"
        case .update: "UPDATE"
        case .other(let code): "OPCODE\(code)"
        }
    }

    public static func == (lhs: DNSOpcode, rhs: DNSOpcode) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
