/// Dispatch between the DNSSEC record types and `DNSRecordData`, for the message decoder and encoder.
public enum DNSSECRecordDecoding {
    public static func decode(type: DNSRecordType, rdata: [UInt8]) throws(DNSDecodeError) -> DNSRecordData {
        switch type {
        case .dnskey: .dnskey(try DNSKEYData(rdata: rdata))
        case .ds: .ds(try DSData(rdata: rdata))
        case .rrsig: .rrsig(try RRSIGData(rdata: rdata))
        case .nsec: .nsec(try NSECData(rdata: rdata))
        case .nsec3: .nsec3(try NSEC3Data(rdata: rdata))
        default: .unknown(type: type, bytes: rdata)
        }
    }

    /// The wire RDATA of a DNSSEC record, or nil for other types.
    public static func rdata(of data: DNSRecordData) -> [UInt8]? {
        switch data {
        case .dnskey(let key): key.rdata
        case .ds(let ds): ds.rdata
        case .rrsig(let sig): sig.rdata
        case .nsec(let nsec): nsec.rdata
        case .nsec3(let nsec3): nsec3.rdata
        default: nil
        }
    }
}
