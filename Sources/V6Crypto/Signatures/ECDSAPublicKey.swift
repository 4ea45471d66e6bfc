/// An ECDSA public key on P-256 or P-384 and signature verification (FIPS 186-4 §6.4, SEC 1 §4.1.4): DNSSEC
/// algorithms 13 and 14 (RFC 6605), where keys are X‖Y and signatures r‖s, each a fixed-length big-endian number.
public struct ECDSAPublicKey: Sendable {
    public let curve: WeierstrassCurve
    private let point: JacobianPoint

    /// nil when `x`/`y` do not have the curve's length or the point is not on the curve.
    public init?(curve: WeierstrassCurve, x: [UInt8], y: [UInt8]) {
        guard let point = curve.point(x: x, y: y) else { return nil }
        self.curve = curve
        self.point = point
    }

    /// The DNSKEY public-key field of algorithms 13 and 14: X‖Y.
    public init?(curve: WeierstrassCurve, dnskeyPublicKey bytes: [UInt8]) {
        let size = curve.coordinateBytes
        guard bytes.count == 2 * size else { return nil }
        self.init(curve: curve, x: Array(bytes[0..<size]), y: Array(bytes[size...]))
    }

    /// True when (r, s) is a signature of `message` hashed with `hash`.
    public func verify(r: [UInt8], s: [UInt8], message: [UInt8], hash: SignatureHash) -> Bool {
        verify(r: r, s: s, digest: hash.digest(message))
    }

    /// The RRSIG signature field of algorithms 13 and 14: r‖s.
    public func verify(signature: [UInt8], message: [UInt8], hash: SignatureHash) -> Bool {
        let size = curve.coordinateBytes
        guard signature.count == 2 * size else { return false }
        return verify(r: Array(signature[0..<size]), s: Array(signature[size...]), message: message, hash: hash)
    }

    public func verify(r: [UInt8], s: [UInt8], digest: [UInt8]) -> Bool {
        let order = curve.order
        let count = order.limbCount
        guard let rl = Limbs.fromBigEndian(r, count: count), let sl = Limbs.fromBigEndian(s, count: count),
              !Limbs.isZero(rl), !Limbs.isZero(sl),
              Limbs.compare(rl, order.modulus) < 0, Limbs.compare(sl, order.modulus) < 0 else { return false }
        let e = order.toMontgomery(Self.truncated(digest, bits: Limbs.bitWidth(order.modulus), limbs: count))
        let w = order.inverse(order.toMontgomery(sl))
        let u1 = order.fromMontgomery(order.multiply(e, w))
        let u2 = order.fromMontgomery(order.multiply(order.toMontgomery(rl), w))
        let sum = curve.combination(u1, u2, point)
        guard !sum.isInfinity else { return false }
        var x = curve.affineX(sum)
        if Limbs.compare(x, order.modulus) >= 0 { Limbs.subtract(&x, order.modulus) }
        return x == rl
    }

    /// The leftmost `bits` bits of the digest as a number (SEC 1 §4.1.3 step 5).
    private static func truncated(_ digest: [UInt8], bits: Int, limbs: Int) -> [UInt64] {
        let kept = Array(digest.prefix((bits + 7) / 8))
        let value = Limbs.fromBigEndian(kept, count: max(limbs, (kept.count + 7) / 8)) ?? []
        let excess = kept.count * 8 - bits
        let shifted = excess > 0 ? Limbs.shiftedRight(value, by: excess) : value
        return Array(shifted.prefix(limbs))
    }
}
