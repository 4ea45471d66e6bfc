/// An NSEC3 record (RFC 5155 §3): like NSEC, but over hashed owner names, so the zone cannot be walked.
public struct NSEC3Data: Hashable, Sendable {
    /// 1 is SHA-1, the only one defined.
    public var hashAlgorithm: UInt8
    public var flags: UInt8
    public var iterations: UInt16
    public var salt: [UInt8]
    /// The next hashed owner name, raw (20 bytes for SHA-1).
    public var nextHashedOwner: [UInt8]
    public var types: [DNSRecordType]

    public init(hashAlgorithm: UInt8 = 1, flags: UInt8, iterations: UInt16, salt: [UInt8], nextHashedOwner: [UInt8],
                types: [DNSRecordType]) {
        self.hashAlgorithm = hashAlgorithm
        self.flags = flags
        self.iterations = iterations
        self.salt = salt
        self.nextHashedOwner = nextHashedOwner
        self.types = types
    }

    /// Opt-out (RFC 5155 §6): unsigned delegations may lie in the covered span.
    public var isOptOut: Bool { flags & 1 != 0 }

    public var rdata: [UInt8] {
        var bytes = [hashAlgorithm, flags]
        DNSSECWire.append16(iterations, to: &bytes)
        return bytes + [UInt8(salt.count)] + salt + [UInt8(nextHashedOwner.count)] + nextHashedOwner
            + DNSTypeBitmap.encode(types)
    }

    public init(rdata: [UInt8]) throws(DNSDecodeError) {
        var reader = DNSSECRecordReader(rdata, type: .nsec3)
        hashAlgorithm = try reader.uint8("hash algorithm")
        flags = try reader.uint8("flags")
        iterations = try reader.uint16("iterations")
        salt = try reader.take(Int(try reader.uint8("salt length")), "salt")
        nextHashedOwner = try reader.take(Int(try reader.uint8("hash length")), "next hashed owner")
        guard !nextHashedOwner.isEmpty else { throw reader.failure("has an empty next hashed owner") }
        types = try DNSTypeBitmap.decode(reader.rest(), type: .nsec3)
    }
}
