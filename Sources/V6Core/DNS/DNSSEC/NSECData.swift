/// An NSEC record (RFC 4034 §4): the next owner name in the zone and the types at this one, which proves that the
/// names in between, and the types not listed here, do not exist.
public struct NSECData: Hashable, Sendable {
    public var nextName: DNSName
    public var types: [DNSRecordType]

    public init(nextName: DNSName, types: [DNSRecordType]) {
        self.nextName = nextName
        self.types = types
    }

    public var rdata: [UInt8] { nextName.wireBytes + DNSTypeBitmap.encode(types) }

    public init(rdata: [UInt8]) throws(DNSDecodeError) {
        var reader = DNSSECRecordReader(rdata, type: .nsec)
        nextName = try reader.name("next domain name")
        types = try DNSTypeBitmap.decode(reader.rest(), type: .nsec)
    }
}
