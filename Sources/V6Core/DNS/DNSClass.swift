/// A record class (RFC 1035 §3.2.4). Nearly everything is `.internet`; CHAOS matters for `version.bind` probes.
/// `.other(code)` compares equal to the named case with the same code.
public enum DNSClass: Hashable, Sendable, CustomStringConvertible {
    case internet
    case chaos
    case hesiod
    case none
    case any
    case other(UInt16)

    public init(code: UInt16) {
        switch code {
        case 1: self = .internet
        case 3: self = .chaos
        case 4: self = .hesiod
        case 254: self = .none
        case 255: self = .any
        default: self = .other(code)
        }
    }

    /// The 16-bit code on the wire.
    public var code: UInt16 {
        switch self {
        case .internet: 1
        case .chaos: 3
        case .hesiod: 4
        case .none: 254
        case .any: 255
        case .other(let code): code
        }
    }

    /// The mnemonic (`IN`, `CH`), or `CLASS42` for codes without one (RFC 3597).
    public var description: String {
        switch DNSClass(code: code) {
        case .internet: "IN"
        case .chaos: "CH"
        case .hesiod: "HS"
        case .none: "NONE"
        case .any: "ANY"
        case .other(let code): "CLASS\(code)"
        }
    }

    public static func == (lhs: DNSClass, rhs: DNSClass) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
