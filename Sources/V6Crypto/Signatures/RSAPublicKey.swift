/// An RSA public key and RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2): DNSSEC algorithms 5/7 (SHA-1),
/// 8 (SHA-256) and 10 (SHA-512), and the signatures on most X.509 certificates.
public struct RSAPublicKey: Sendable {
    public let modulus: [UInt8]
    public let exponent: [UInt8]
    private let arithmetic: MontgomeryModulus
    private let exponentLimbs: [UInt64]
    private let modulusBytes: Int

    /// nil for a modulus that is even, shorter than 512 or longer than 8192 bits, or an exponent that is zero or
    /// not below the modulus.
    public init?(modulus: [UInt8], exponent: [UInt8]) {
        let significant = Array(modulus.drop(while: { $0 == 0 }))
        guard significant.count >= 64, significant.count <= 1024 else { return nil }
        let limbCount = (significant.count + 7) / 8
        guard let limbs = Limbs.fromBigEndian(significant, count: limbCount),
              let arithmetic = MontgomeryModulus(limbs),
              let exponentLimbs = Limbs.fromBigEndian(exponent.drop(while: { $0 == 0 }), count: limbCount),
              !Limbs.isZero(exponentLimbs), Limbs.compare(exponentLimbs, limbs) < 0 else { return nil }
        self.modulus = significant
        self.exponent = Array(exponent.drop(while: { $0 == 0 }))
        self.arithmetic = arithmetic
        self.exponentLimbs = exponentLimbs
        modulusBytes = significant.count
    }

    /// Parses the DNSKEY public-key field of algorithms 5, 7, 8 and 10 (RFC 3110 §2): exponent length in one byte
    /// (or zero then two bytes), exponent, modulus.
    public init?(dnskeyPublicKey bytes: [UInt8]) {
        guard let first = bytes.first else { return nil }
        var offset = 1
        var exponentLength = Int(first)
        if first == 0 {
            guard bytes.count >= 3 else { return nil }
            exponentLength = Int(bytes[1]) << 8 | Int(bytes[2])
            offset = 3
        }
        guard exponentLength > 0, bytes.count > offset + exponentLength else { return nil }
        self.init(modulus: Array(bytes[(offset + exponentLength)...]),
                  exponent: Array(bytes[offset..<(offset + exponentLength)]))
    }

    /// Modulus length in bits.
    public var bitLength: Int { modulusBytes * 8 - modulus[0].leadingZeroBitCount }

    /// True when `signature` is a PKCS#1 v1.5 signature of `message` hashed with `hash`.
    public func verify(signature: [UInt8], message: [UInt8], hash: SignatureHash) -> Bool {
        verify(signature: signature, digest: hash.digest(message), hash: hash)
    }

    /// True when `signature` is a PKCS#1 v1.5 signature over a precomputed `digest`.
    public func verify(signature: [UInt8], digest: [UInt8], hash: SignatureHash) -> Bool {
        guard signature.count == modulusBytes,
              let value = Limbs.fromBigEndian(signature, count: arithmetic.limbCount),
              Limbs.compare(value, arithmetic.modulus) < 0 else { return false }
        let recovered = arithmetic.fromMontgomery(arithmetic.power(arithmetic.toMontgomery(value), exponentLimbs))
        let encoded = Limbs.bigEndianBytes(recovered, count: modulusBytes)
        return encoded == Self.encodedMessage(digest: digest, hash: hash, length: modulusBytes)
    }

    /// EMSA-PKCS1-v1_5: 00 01 FF… 00 DigestInfo digest. Comparing whole encodings avoids parsing attacker bytes.
    static func encodedMessage(digest: [UInt8], hash: SignatureHash, length: Int) -> [UInt8]? {
        let info = hash.digestInfoPrefix + digest
        guard length >= info.count + 11 else { return nil }
        return [0x00, 0x01] + [UInt8](repeating: 0xff, count: length - info.count - 3) + [0x00] + info
    }
}
