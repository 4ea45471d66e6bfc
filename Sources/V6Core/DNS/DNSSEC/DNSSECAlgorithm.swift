import V6Crypto

/// The DNSSEC signing algorithms v6ready verifies in its own code (IANA "DNS Security Algorithm Numbers").
public enum DNSSECAlgorithm {
    /// The mnemonic of an algorithm number, for messages.
    public static func name(_ number: UInt8) -> String {
        switch number {
        case 5: "RSASHA1"
        case 7: "RSASHA1-NSEC3-SHA1"
        case 8: "RSASHA256"
        case 10: "RSASHA512"
        case 13: "ECDSAP256SHA256"
        case 14: "ECDSAP384SHA384"
        case 15: "ED25519"
        case 16: "ED448"
        default: "algorithm \(number)"
        }
    }

    public static func isSupported(_ number: UInt8) -> Bool { [5, 7, 8, 10, 13, 14, 15].contains(number) }

    /// True when `signature` by `key` covers `data`; nil when the algorithm is not supported here; false for a key
    /// that does not parse.
    public static func verify(key: DNSKEYData, signature: [UInt8], data: [UInt8]) -> Bool? {
        switch key.algorithm {
        case 5, 7, 8, 10:
            guard let rsa = RSAPublicKey(dnskeyPublicKey: key.publicKey) else { return false }
            let hash: SignatureHash = key.algorithm == 8 ? .sha256 : key.algorithm == 10 ? .sha512 : .sha1
            return rsa.verify(signature: signature, message: data, hash: hash)
        case 13, 14:
            let curve: WeierstrassCurve = key.algorithm == 13 ? .p256 : .p384
            guard let ecdsa = ECDSAPublicKey(curve: curve, dnskeyPublicKey: key.publicKey) else { return false }
            return ecdsa.verify(signature: signature, message: data, hash: key.algorithm == 13 ? .sha256 : .sha384)
        case 15:
            guard let ed = Ed25519PublicKey(key.publicKey) else { return false }
            return ed.verify(signature: signature, message: data)
        default:
            return nil
        }
    }
}
