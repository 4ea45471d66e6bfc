/// A DS record (RFC 4034 §5): the parent's digest of a child zone's DNSKEY, the link that carries trust across a
/// delegation.
public struct DSData: Hashable, Sendable {
    public var keyTag: UInt16
    public var algorithm: UInt8
    /// 1 SHA-1, 2 SHA-256, 4 SHA-384.
    public var digestType: UInt8
    public var digest: [UInt8]

    public init(keyTag: UInt16, algorithm: UInt8, digestType: UInt8, digest: [UInt8]) {
        self.keyTag = keyTag
        self.algorithm = algorithm
        self.digestType = digestType
        self.digest = digest
    }

    public var rdata: [UInt8] {
        [UInt8(keyTag >> 8), UInt8(keyTag & 0xff), algorithm, digestType] + digest
    }

    public init(rdata: [UInt8]) throws(DNSDecodeError) {
        var reader = DNSSECRecordReader(rdata, type: .ds)
        keyTag = try reader.uint16("key tag")
        algorithm = try reader.uint8("algorithm")
        digestType = try reader.uint8("digest type")
        digest = reader.rest()
        guard !digest.isEmpty else { throw reader.failure("has no digest") }
    }
}
