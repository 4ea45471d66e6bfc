// libFuzzer harness: the DNSSEC record decoders (DNSKEY, DS, RRSIG, NSEC, NSEC3), their re-encoding, key tags, DS
// digests, signature verification on whatever key and signature the bytes hold, and trust-anchor file parsing.
// The first byte picks the record type; the rest is the record data. Built by scripts/fuzz.sh DNSSECRecords.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let selector = bytes.first else { return 0 }
    let rdata = Array(bytes.dropFirst())
    let types: [DNSRecordType] = [.dnskey, .ds, .rrsig, .nsec, .nsec3]
    let type = types[Int(selector) % types.count]
    if let decoded = try? DNSSECRecordDecoding.decode(type: type, rdata: rdata) {
        // Whatever decodes must encode to bytes that decode to the same value.
        guard let wire = DNSSECRecordDecoding.rdata(of: decoded),
              let again = try? DNSSECRecordDecoding.decode(type: type, rdata: wire), again == decoded else {
            fatalError("\(type) did not round-trip")
        }
        let owner = DNSName.root
        _ = DNSRecord(name: owner, ttl: 0, data: decoded).description
        if case .dnskey(let key) = decoded {
            _ = key.keyTag
            _ = DNSSECDigests.ds(owner: owner, key: key, digestType: 2)
            // Keys and signatures straight from the input; RSA moduli kept small so one run stays fast.
            if key.publicKey.count <= 300 {
                let half = key.publicKey.count / 2
                _ = DNSSECAlgorithm.verify(key: key, signature: Array(key.publicKey.suffix(half)), data: rdata)
            }
        }
        if case .nsec3(let nsec3) = decoded, nsec3.iterations <= 20 {
            _ = DNSSECDigests.nsec3Hash(owner, salt: nsec3.salt, iterations: nsec3.iterations)
        }
    }
    _ = try? DNSSECPresentation.trustAnchors(String(decoding: rdata, as: UTF8.self))
    return 0
}
