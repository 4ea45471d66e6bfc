/// The outcome a server reports: the header's 4-bit RCODE, widened to 12 bits by the EDNS0 OPT record's extended
/// RCODE (RFC 6891 §6.1.3), so `.badVersion` (16) is representable. `.other(code)` compares equal to the named case
/// with the same code.
public enum DNSResponseCode: Hashable, Sendable, CustomStringConvertible {
    case noError
    case formatError
    case serverFailure
    /// NXDOMAIN: the name does not exist.
    case nonExistentDomain
    case notImplemented
    case refused
    case yxDomain
    case yxRRSet
    case nxRRSet
    case notAuthoritative
    case notZone
    /// BADVERS: the server does not speak the EDNS version asked for (needs an OPT record to carry).
    case badVersion
    case other(UInt16)

    /// The largest value the 4-bit header field and the 8-bit extension hold together.
    public static let maximumCode: UInt16 = 0xFFF

    public init(code: UInt16) {
        switch code {
        case 0: self = .noError
        case 1: self = .formatError
        case 2: self = .serverFailure
        case 3: self = .nonExistentDomain
        case 4: self = .notImplemented
        case 5: self = .refused
        case 6: self = .yxDomain
        case 7: self = .yxRRSet
        case 8: self = .nxRRSet
        case 9: self = .notAuthoritative
        case 10: self = .notZone
        case 16: self = .badVersion
        default: self = .other(code)
        }
    }

    public var code: UInt16 {
        switch self {
        case .noError: 0
        case .formatError: 1
        case .serverFailure: 2
        case .nonExistentDomain: 3
        case .notImplemented: 4
        case .refused: 5
        case .yxDomain: 6
        case .yxRRSet: 7
        case .nxRRSet: 8
        case .notAuthoritative: 9
        case .notZone: 10
        case .badVersion: 16
        case .other(let code): code
        }
    }

    /// The mnemonic dig prints (`NXDOMAIN`), or `RCODE23`.
    public var description: String {
        switch DNSResponseCode(code: code) {
        case .noError: "NOERROR"
        case .formatError: "FORMERR"
        case .serverFailure: "SERVFAIL"
        case .nonExistentDomain: "NXDOMAIN"
        case .notImplemented: "NOTIMP"
        case .refused: "REFUSED"
        case .yxDomain: "YXDOMAIN"
        case .yxRRSet: "YXRRSET"
        case .nxRRSet: "NXRRSET"
        case .notAuthoritative: "NOTAUTH"
        case .notZone: "NOTZONE"
        case .badVersion: "BADVERS"
        case .other(let code): "RCODE\(code)"
        }
    }

    public static func == (lhs: DNSResponseCode, rhs: DNSResponseCode) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
