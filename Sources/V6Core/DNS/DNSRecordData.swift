/// The typed contents (RDATA) of a resource record. Types v6ready reads are decoded; any other type, or a known one
/// the caller wants to send raw, is `.unknown` with its bytes as they are on the wire (RFC 3597).
public enum DNSRecordData: Hashable, Sendable {
    case a(IPv4Address)
    /// An IPv6 address; any zone is dropped on the wire (DNS has no notion of one).
    case aaaa(IPv6Address)
    case ns(DNSName)
    case cname(DNSName)
    case ptr(DNSName)
    case mx(preference: UInt16, exchange: DNSName)
    /// Start of authority. `rname` is the contact mailbox written as a name (`hostmaster.vidu.example.`).
    case soa(mname: DNSName, rname: DNSName, serial: UInt32, refresh: UInt32, retry: UInt32, expire: UInt32,
             minimum: UInt32)
    /// Character strings, each at most 255 octets, in order.
    case txt([[UInt8]])
    /// The EDNS0 pseudo-record (RFC 6891). These fields travel in the record's class and TTL, so on the wire they
    /// win over whatever `DNSRecord.recordClass` and `ttl` say; `extendedRcode` is taken from the message's rcode
    /// when the message is encoded.
    case opt(udpPayloadSize: UInt16, extendedRcode: UInt8, version: UInt8, dnssecOK: Bool, options: [DNSOption])
    /// DNSSEC records (RFC 4034, RFC 5155), decoded so the validator can read them.
    case dnskey(DNSKEYData)
    case ds(DSData)
    case rrsig(RRSIGData)
    case nsec(NSECData)
    case nsec3(NSEC3Data)
    case unknown(type: DNSRecordType, bytes: [UInt8])

    /// The record type these contents belong to.
    public var type: DNSRecordType {
        switch self {
        case .a: .a
        case .aaaa: .aaaa
        case .ns: .ns
        case .cname: .cname
        case .ptr: .ptr
        case .mx: .mx
        case .soa: .soa
        case .txt: .txt
        case .opt: .opt
        case .dnskey: .dnskey
        case .ds: .ds
        case .rrsig: .rrsig
        case .nsec: .nsec
        case .nsec3: .nsec3
        case .unknown(let type, _): type
        }
    }
}
