/// A resource record: owner name, class, time to live and typed contents. The type follows from the contents.
public struct DNSRecord: Hashable, Sendable, CustomStringConvertible {
    public var name: DNSName
    public var recordClass: DNSClass
    public var ttl: UInt32
    public var data: DNSRecordData

    public init(name: DNSName, recordClass: DNSClass = .internet, ttl: UInt32, data: DNSRecordData) {
        self.name = name
        self.recordClass = recordClass
        self.ttl = ttl
        self.data = data
    }

    public var type: DNSRecordType { data.type }

    /// An EDNS0 OPT pseudo-record for the additional section, with `recordClass` and `ttl` set to the values the
    /// fields occupy on the wire, so it compares equal to the same record decoded from a message.
    public static func opt(
        udpPayloadSize: UInt16, extendedRcode: UInt8 = 0, version: UInt8 = 0, dnssecOK: Bool = false,
        options: [DNSOption] = []
    ) -> DNSRecord {
        DNSRecord(
            name: .root, recordClass: DNSClass(code: udpPayloadSize),
            ttl: optTTL(extendedRcode: extendedRcode, version: version, dnssecOK: dnssecOK),
            data: .opt(udpPayloadSize: udpPayloadSize, extendedRcode: extendedRcode, version: version,
                       dnssecOK: dnssecOK, options: options))
    }

    /// The TTL field of an OPT record: extended RCODE, version, then the DO bit at the top of the flags.
    static func optTTL(extendedRcode: UInt8, version: UInt8, dnssecOK: Bool) -> UInt32 {
        UInt32(extendedRcode) << 24 | UInt32(version) << 16 | (dnssecOK ? 0x8000 : 0)
    }

    /// Zone-file style, close to what dig prints: `vidu.example. 300 IN AAAA 2001:db8::1`.
    public var description: String {
        let head = "\(name) \(ttl) \(recordClass) \(type)"
        switch data {
        case .a(let address): return "\(head) \(address)"
        case .aaaa(let address): return "\(head) \(IPv6Address(high: address.high, low: address.low))"
        case .ns(let target), .cname(let target), .ptr(let target): return "\(head) \(target)"
        case .mx(let preference, let exchange): return "\(head) \(preference) \(exchange)"
        case .soa(let mname, let rname, let serial, let refresh, let retry, let expire, let minimum):
            return "\(head) \(mname) \(rname) \(serial) \(refresh) \(retry) \(expire) \(minimum)"
        case .txt(let strings):
            return "\(head) " + strings.map(Self.quotedCharacterString).joined(separator: " ")
        case .opt(let size, let extendedRcode, let version, let dnssecOK, let options):
            return "\(name) OPT udp=\(size) extended-rcode=\(extendedRcode) version=\(version)"
                + (dnssecOK ? " do" : "") + options.map { " option\($0.code)=\(Self.hex($0.data))" }.joined()
        case .dnskey(let key):
            return "\(head) \(key.flags) \(key.protocolField) \(key.algorithm) \(Base64.encode(key.publicKey)) ; key tag \(key.keyTag)"
        case .ds(let ds):
            return "\(head) \(ds.keyTag) \(ds.algorithm) \(ds.digestType) \(Self.hex(ds.digest).uppercased())"
        case .rrsig(let sig):
            return "\(head) \(sig.typeCovered) \(sig.algorithm) \(sig.labels) \(sig.originalTTL) "
                + "\(DNSSECTime.presentation(sig.expiration)) \(DNSSECTime.presentation(sig.inception)) "
                + "\(sig.keyTag) \(sig.signerName) \(Base64.encode(sig.signature))"
        case .nsec(let nsec):
            return "\(head) \(nsec.nextName) " + nsec.types.map(\.description).joined(separator: " ")
        case .nsec3(let nsec3):
            return "\(head) \(nsec3.hashAlgorithm) \(nsec3.flags) \(nsec3.iterations) "
                + (nsec3.salt.isEmpty ? "-" : Self.hex(nsec3.salt)) + " \(Base32Hex.encode(nsec3.nextHashedOwner)) "
                + nsec3.types.map(\.description).joined(separator: " ")
        case .unknown(_, let bytes):
            return "\(head) \\# \(bytes.count)" + (bytes.isEmpty ? "" : " \(Self.hex(bytes))")
        }
    }

    private static func quotedCharacterString(_ bytes: [UInt8]) -> String {
        var text = "\""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): text += "\\" + String(UnicodeScalar(byte))
            case 0x20...0x7E: text.unicodeScalars.append(UnicodeScalar(byte))
            default:
                text += "\\" + String(byte / 100) + String(byte / 10 % 10) + String(byte % 10)
            }
        }
        return text + "\""
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var text = ""
        for byte in bytes {
            text.unicodeScalars.append(digits[Int(byte >> 4)])
            text.unicodeScalars.append(digits[Int(byte & 0xF)])
        }
        return text
    }
}
