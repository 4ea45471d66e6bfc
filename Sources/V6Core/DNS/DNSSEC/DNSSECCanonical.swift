/// The canonical forms of RFC 4034 §6: name order, record data with lowercase uncompressed names, and the bytes an
/// RRSIG signs for an RRset.
public enum DNSSECCanonical {
    /// RFC 4034 §6.1: compares names label by label from the root, each label as lowercase octets.
    public static func compare(_ a: DNSName, _ b: DNSName) -> Int {
        let left = a.lowercased.labels.reversed().map { $0 }, right = b.lowercased.labels.reversed().map { $0 }
        for (x, y) in zip(left, right) where x != y {
            return x.lexicographicallyPrecedes(y) ? -1 : 1
        }
        return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
    }

    /// RFC 4034 §6.2: record data with the names of the RFC 1035 types lowercased and nothing compressed.
    public static func rdata(_ data: DNSRecordData) -> [UInt8] {
        let folded: DNSRecordData
        switch data {
        case .ns(let name): folded = .ns(name.lowercased)
        case .cname(let name): folded = .cname(name.lowercased)
        case .ptr(let name): folded = .ptr(name.lowercased)
        case .mx(let preference, let exchange): folded = .mx(preference: preference, exchange: exchange.lowercased)
        case .soa(let mname, let rname, let serial, let refresh, let retry, let expire, let minimum):
            folded = .soa(mname: mname.lowercased, rname: rname.lowercased, serial: serial, refresh: refresh,
                          retry: retry, expire: expire, minimum: minimum)
        default: folded = data
        }
        var writer = DNSWireWriter(compressing: false)
        // Data that does not encode (an over-long TXT string) cannot have been signed either; its bytes stay empty.
        try? writer.writeData(folded)
        return writer.bytes
    }

    /// RFC 4034 §3.1.8.1 and §6.3: the RRSIG fields, then every record of the RRset in canonical order, with the
    /// original TTL and, for a wildcard expansion, the wildcard owner.
    public static func signedData(for signature: RRSIGData, records: [DNSRecord]) -> [UInt8] {
        var bytes = signature.signedPrefix
        guard let first = records.first else { return bytes }
        let owner = signedOwner(first.name, labels: Int(signature.labels))
        let datas = Set(records.map { rdata($0.data) }).sorted { $0.lexicographicallyPrecedes($1) }
        for data in datas {
            bytes += owner.wireBytes
            DNSSECWire.append16(signature.typeCovered.code, to: &bytes)
            DNSSECWire.append16(first.recordClass.code, to: &bytes)
            DNSSECWire.append32(signature.originalTTL, to: &bytes)
            DNSSECWire.append16(UInt16(truncatingIfNeeded: data.count), to: &bytes)
            bytes += data
        }
        return bytes
    }

    /// The lowercase owner, or `*.` and its last `labels` labels when the RRSIG says it was expanded from a wildcard.
    static func signedOwner(_ name: DNSName, labels: Int) -> DNSName {
        let lower = name.lowercased
        let all = lower.labels
        guard labels < all.count else { return lower }
        return (try? DNSName(labels: [[UInt8(ascii: "*")]] + all.suffix(labels))) ?? lower
    }
}
