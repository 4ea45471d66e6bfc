/// The bytes an RRSIG signs for a one-record RRset (RFC 4034 §3.1.8.1), built by hand so that the crypto tests do
/// not depend on the DNS module: RRSIG RDATA without the signature, then the record in canonical form.
enum RRSIGSignedData {
    struct Fields {
        var typeCovered: Int
        var algorithm: Int
        var labels: Int
        var ttl: Int
        var expiration: Int
        var inception: Int
        var keyTag: Int
        var signer: String
        var owner: String
        var rdata: [UInt8]
    }

    static func bytes(_ f: Fields) -> [UInt8] {
        be16(f.typeCovered) + [UInt8(f.algorithm), UInt8(f.labels)] + be32(f.ttl) + be32(f.expiration)
            + be32(f.inception) + be16(f.keyTag) + wireName(f.signer)
            + wireName(f.owner) + be16(f.typeCovered) + be16(1) + be32(f.ttl) + be16(f.rdata.count) + f.rdata
    }

    static func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xff), UInt8(value & 0xff)] }
    static func be32(_ value: Int) -> [UInt8] { be16(value >> 16) + be16(value & 0xffff) }

    static func wireName(_ text: String) -> [UInt8] {
        text.split(separator: ".").flatMap { [UInt8($0.utf8.count)] + Array($0.lowercased().utf8) } + [0]
    }
}
