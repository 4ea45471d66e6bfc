/// A resource record type (RFC 1035 §3.2.2 and later registrations). The types v6ready reads have names; every
/// other code is `.other(code)`, which compares equal to the named case with the same code.
public enum DNSRecordType: Hashable, Sendable, CustomStringConvertible {
    case a
    case ns
    case cname
    case soa
    case ptr
    case mx
    case txt
    case aaaa
    case opt
    case ds
    case rrsig
    case nsec
    case dnskey
    case nsec3
    case other(UInt16)

    public init(code: UInt16) {
        switch code {
        case 1: self = .a
        case 2: self = .ns
        case 5: self = .cname
        case 6: self = .soa
        case 12: self = .ptr
        case 15: self = .mx
        case 16: self = .txt
        case 28: self = .aaaa
        case 41: self = .opt
        case 43: self = .ds
        case 46: self = .rrsig
        case 47: self = .nsec
        case 48: self = .dnskey
        case 50: self = .nsec3
        default: self = .other(code)
        }
    }

    /// Reads a type mnemonic, case-insensitively: `AAAA`, `mx`, or the RFC 3597 form `TYPE65`.
    public init?(_ text: String) {
        let upper = text.uppercased()
        for known in [DNSRecordType.a, .ns, .cname, .soa, .ptr, .mx, .txt, .aaaa, .opt, .ds, .rrsig, .nsec, .dnskey, .nsec3] where known.description == upper {
            self = known
            return
        }
        guard upper.hasPrefix("TYPE"), let code = UInt16(upper.dropFirst(4)) else { return nil }
        self.init(code: code)
    }

    /// The 16-bit code on the wire.
    public var code: UInt16 {
        switch self {
        case .a: 1
        case .ns: 2
        case .cname: 5
        case .soa: 6
        case .ptr: 12
        case .mx: 15
        case .txt: 16
        case .aaaa: 28
        case .opt: 41
        case .ds: 43
        case .rrsig: 46
        case .nsec: 47
        case .dnskey: 48
        case .nsec3: 50
        case .other(let code): code
        }
    }

    /// The mnemonic (`AAAA`), or `TYPE65` for codes without one here.
    public var description: String {
        switch DNSRecordType(code: code) {
        case .a: "A"
        case .ns: "NS"
        case .cname: "CNAME"
        case .soa: "SOA"
        case .ptr: "PTR"
        case .mx: "MX"
        case .txt: "TXT"
        case .aaaa: "AAAA"
        case .opt: "OPT"
        case .ds: "DS"
        case .rrsig: "RRSIG"
        case .nsec: "NSEC"
        case .dnskey: "DNSKEY"
        case .nsec3: "NSEC3"
        case .other(let code): "TYPE\(code)"
        }
    }

    public static func == (lhs: DNSRecordType, rhs: DNSRecordType) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
