/// A DNSKEY record (RFC 4034 §2): a zone's public key. Zones publish their key-signing and zone-signing keys here;
/// validators match them to the parent's DS records and to RRSIG key tags.
public struct DNSKEYData: Hashable, Sendable {
    public var flags: UInt16
    /// Always 3 (RFC 4034 §2.1.2); kept so the wire form round-trips.
    public var protocolField: UInt8
    public var algorithm: UInt8
    public var publicKey: [UInt8]

    public init(flags: UInt16, protocolField: UInt8 = 3, algorithm: UInt8, publicKey: [UInt8]) {
        self.flags = flags
        self.protocolField = protocolField
        self.algorithm = algorithm
        self.publicKey = publicKey
    }

    /// Bit 7: the key may sign zone data; only zone keys count for DNSSEC.
    public var isZoneKey: Bool { flags & 0x0100 != 0 }
    /// Bit 15: secure entry point (a key-signing key by convention).
    public var isSecureEntryPoint: Bool { flags & 0x0001 != 0 }
    /// Bit 8: revoked (RFC 5011); a revoked key validates nothing.
    public var isRevoked: Bool { flags & 0x0080 != 0 }

    public var rdata: [UInt8] {
        [UInt8(flags >> 8), UInt8(flags & 0xff), protocolField, algorithm] + publicKey
    }

    /// RFC 4034 Appendix B: the ones'-complement-like sum of the RDATA that RRSIG and DS records name the key by.
    public var keyTag: UInt16 {
        let data = rdata
        var sum: UInt32 = 0
        for (index, byte) in data.enumerated() {
            sum += index & 1 == 0 ? UInt32(byte) << 8 : UInt32(byte)
        }
        sum += sum >> 16 & 0xffff
        return UInt16(truncatingIfNeeded: sum)
    }

    public init(rdata: [UInt8]) throws(DNSDecodeError) {
        var reader = DNSSECRecordReader(rdata, type: .dnskey)
        flags = try reader.uint16("flags")
        protocolField = try reader.uint8("protocol")
        algorithm = try reader.uint8("algorithm")
        publicKey = reader.rest()
        guard !publicKey.isEmpty else { throw reader.failure("has no public key") }
    }
}
