import V6Crypto

/// The hashes DNSSEC computes besides signatures: DS digests (RFC 4034 §5.1.4) and NSEC3 owner hashes (RFC 5155 §5).
public enum DNSSECDigests {
    /// The DS digest of `key` at `owner` for digest type 1 (SHA-1), 2 (SHA-256) or 4 (SHA-384); nil for others.
    public static func dsDigest(owner: DNSName, key: DNSKEYData, digestType: UInt8) -> [UInt8]? {
        let input = owner.lowercased.wireBytes + key.rdata
        switch digestType {
        case 1: return SHA1.digest(input)
        case 2: return SHA256.digest(input)
        case 4: return SHA384.digest(input)
        default: return nil
        }
    }

    /// The DS record that describes `key` at `owner`.
    public static func ds(owner: DNSName, key: DNSKEYData, digestType: UInt8 = 2) -> DSData? {
        dsDigest(owner: owner, key: key, digestType: digestType).map {
            DSData(keyTag: key.keyTag, algorithm: key.algorithm, digestType: digestType, digest: $0)
        }
    }

    /// True when `ds` names `key` at `owner`: tag, algorithm and digest all match.
    public static func matches(_ ds: DSData, key: DNSKEYData, owner: DNSName) -> Bool {
        ds.keyTag == key.keyTag && ds.algorithm == key.algorithm
            && dsDigest(owner: owner, key: key, digestType: ds.digestType) == ds.digest
    }

    /// RFC 5155 §5: SHA-1 of the canonical name and salt, then `iterations` more times of the hash and salt. Large
    /// iteration counts are capped by the caller (RFC 9276 treats more than 150 as insecure).
    public static func nsec3Hash(_ name: DNSName, salt: [UInt8], iterations: UInt16) -> [UInt8] {
        var hash = SHA1.digest(name.lowercased.wireBytes + salt)
        for _ in 0..<iterations { hash = SHA1.digest(hash + salt) }
        return hash
    }
}
