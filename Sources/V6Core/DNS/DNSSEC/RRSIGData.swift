/// An RRSIG record (RFC 4034 §3): a signature over one RRset by one zone key, valid between two instants.
public struct RRSIGData: Hashable, Sendable {
    public var typeCovered: DNSRecordType
    public var algorithm: UInt8
    /// Labels in the original owner name, not counting the root or a leading wildcard.
    public var labels: UInt8
    public var originalTTL: UInt32
    /// Seconds since 1970 modulo 2^32 (RFC 4034 §3.1.5; compared with serial-number arithmetic).
    public var expiration: UInt32
    public var inception: UInt32
    public var keyTag: UInt16
    public var signerName: DNSName
    public var signature: [UInt8]

    public init(typeCovered: DNSRecordType, algorithm: UInt8, labels: UInt8, originalTTL: UInt32, expiration: UInt32,
                inception: UInt32, keyTag: UInt16, signerName: DNSName, signature: [UInt8]) {
        self.typeCovered = typeCovered
        self.algorithm = algorithm
        self.labels = labels
        self.originalTTL = originalTTL
        self.expiration = expiration
        self.inception = inception
        self.keyTag = keyTag
        self.signerName = signerName
        self.signature = signature
    }

    /// The RDATA up to the signature, with the signer name in canonical (lowercase) form: the first part of the
    /// signed data (RFC 4034 §3.1.8.1).
    public var signedPrefix: [UInt8] {
        var bytes: [UInt8] = []
        DNSSECWire.append16(typeCovered.code, to: &bytes)
        bytes += [algorithm, labels]
        DNSSECWire.append32(originalTTL, to: &bytes)
        DNSSECWire.append32(expiration, to: &bytes)
        DNSSECWire.append32(inception, to: &bytes)
        DNSSECWire.append16(keyTag, to: &bytes)
        return bytes + signerName.lowercased.wireBytes
    }

    public var rdata: [UInt8] {
        var bytes: [UInt8] = []
        DNSSECWire.append16(typeCovered.code, to: &bytes)
        bytes += [algorithm, labels]
        DNSSECWire.append32(originalTTL, to: &bytes)
        DNSSECWire.append32(expiration, to: &bytes)
        DNSSECWire.append32(inception, to: &bytes)
        DNSSECWire.append16(keyTag, to: &bytes)
        return bytes + signerName.wireBytes + signature
    }

    public init(rdata: [UInt8]) throws(DNSDecodeError) {
        var reader = DNSSECRecordReader(rdata, type: .rrsig)
        typeCovered = DNSRecordType(code: try reader.uint16("type covered"))
        algorithm = try reader.uint8("algorithm")
        labels = try reader.uint8("labels")
        originalTTL = try reader.uint32("original TTL")
        expiration = try reader.uint32("expiration")
        inception = try reader.uint32("inception")
        keyTag = try reader.uint16("key tag")
        signerName = try reader.name("signer name")
        signature = reader.rest()
        guard !signature.isEmpty else { throw reader.failure("has no signature") }
    }
}

/// Big-endian field writers for DNSSEC wire forms.
enum DNSSECWire {
    static func append16(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xff))
    }

    static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        append16(UInt16(value >> 16), to: &bytes)
        append16(UInt16(value & 0xffff), to: &bytes)
    }
}
