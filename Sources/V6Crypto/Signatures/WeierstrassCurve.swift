/// A prime-field curve y² = x³ − 3x + b (the NIST curves P-256 and P-384) with the point arithmetic ECDSA
/// verification needs: Jacobian coordinates in Montgomery form, a = −3 doubling, Shamir's simultaneous
/// multiplication.
public struct WeierstrassCurve: Sendable {
    let field: MontgomeryModulus
    let order: MontgomeryModulus
    /// Coordinate length in bytes (32 or 48).
    public let coordinateBytes: Int
    private let b: [UInt64]
    let generator: JacobianPoint

    /// P-256 (secp256r1), FIPS 186-4 D.1.2.3; DNSSEC algorithm 13.
    public static let p256 = WeierstrassCurve(
        p: "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
        n: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
        b: "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
        gx: "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
        gy: "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5")

    /// P-384 (secp384r1), FIPS 186-4 D.1.2.4; DNSSEC algorithm 14.
    public static let p384 = WeierstrassCurve(
        p: "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
        n: "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
        b: "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef",
        gx: "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7",
        gy: "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f")

    private init(p: String, n: String, b: String, gx: String, gy: String) {
        coordinateBytes = p.count / 2
        let limbs = (coordinateBytes + 7) / 8
        func parse(_ hex: String) -> [UInt64] {
            Limbs.fromBigEndian(HexConstant.bytes(hex), count: limbs)!
        }
        field = MontgomeryModulus(parse(p))!
        order = MontgomeryModulus(parse(n))!
        self.b = field.toMontgomery(parse(b))
        generator = JacobianPoint(x: field.toMontgomery(parse(gx)), y: field.toMontgomery(parse(gy)), z: field.one)
    }

    /// The affine point (x, y) given as big-endian coordinates, or nil when it is not on the curve.
    func point(x: [UInt8], y: [UInt8]) -> JacobianPoint? {
        guard x.count == coordinateBytes, y.count == coordinateBytes,
              let xl = Limbs.fromBigEndian(x, count: field.limbCount), Limbs.compare(xl, field.modulus) < 0,
              let yl = Limbs.fromBigEndian(y, count: field.limbCount), Limbs.compare(yl, field.modulus) < 0
        else { return nil }
        let mx = field.toMontgomery(xl), my = field.toMontgomery(yl)
        let x3 = field.multiply(field.multiply(mx, mx), mx)
        let threeX = field.add(field.add(mx, mx), mx)
        let right = field.add(field.subtract(x3, threeX), b)
        guard field.multiply(my, my) == right else { return nil }
        return JacobianPoint(x: mx, y: my, z: field.one)
    }

    func double(_ p: JacobianPoint) -> JacobianPoint {
        if p.isInfinity { return p }
        let f = field
        let delta = f.multiply(p.z, p.z)
        let gamma = f.multiply(p.y, p.y)
        let beta = f.multiply(p.x, gamma)
        let t = f.multiply(f.subtract(p.x, delta), f.add(p.x, delta))
        let alpha = f.add(f.add(t, t), t)
        let beta4 = f.add(f.add(beta, beta), f.add(beta, beta))
        let x3 = f.subtract(f.multiply(alpha, alpha), f.add(beta4, beta4))
        let yz = f.add(p.y, p.z)
        let z3 = f.subtract(f.subtract(f.multiply(yz, yz), gamma), delta)
        let gamma2 = f.multiply(gamma, gamma)
        let gamma8 = f.add(f.add(f.add(gamma2, gamma2), f.add(gamma2, gamma2)), f.add(f.add(gamma2, gamma2), f.add(gamma2, gamma2)))
        let y3 = f.subtract(f.multiply(alpha, f.subtract(beta4, x3)), gamma8)
        return JacobianPoint(x: x3, y: y3, z: z3)
    }

    func add(_ p: JacobianPoint, _ q: JacobianPoint) -> JacobianPoint {
        if p.isInfinity { return q }
        if q.isInfinity { return p }
        let f = field
        let z1z1 = f.multiply(p.z, p.z), z2z2 = f.multiply(q.z, q.z)
        let u1 = f.multiply(p.x, z2z2), u2 = f.multiply(q.x, z1z1)
        let s1 = f.multiply(f.multiply(p.y, q.z), z2z2), s2 = f.multiply(f.multiply(q.y, p.z), z1z1)
        let h = f.subtract(u2, u1), r = f.subtract(s2, s1)
        if Limbs.isZero(h) {
            return Limbs.isZero(r) ? double(p) : JacobianPoint.infinity(limbs: f.limbCount)
        }
        let hh = f.multiply(h, h), hhh = f.multiply(h, hh), v = f.multiply(u1, hh)
        let x3 = f.subtract(f.subtract(f.multiply(r, r), hhh), f.add(v, v))
        let y3 = f.subtract(f.multiply(r, f.subtract(v, x3)), f.multiply(s1, hhh))
        let z3 = f.multiply(f.multiply(p.z, q.z), h)
        return JacobianPoint(x: x3, y: y3, z: z3)
    }

    /// u1·G + u2·Q with one chain of doublings (Shamir's trick).
    func combination(_ u1: [UInt64], _ u2: [UInt64], _ q: JacobianPoint) -> JacobianPoint {
        let both = add(generator, q)
        var result = JacobianPoint.infinity(limbs: field.limbCount)
        let bits = max(Limbs.bitWidth(u1), Limbs.bitWidth(u2))
        for index in stride(from: bits - 1, through: 0, by: -1) {
            result = double(result)
            switch (Limbs.bit(u1, index), Limbs.bit(u2, index)) {
            case (true, true): result = add(result, both)
            case (true, false): result = add(result, generator)
            case (false, true): result = add(result, q)
            case (false, false): break
            }
        }
        return result
    }

    /// The affine x coordinate as an ordinary (non-Montgomery) number.
    func affineX(_ p: JacobianPoint) -> [UInt64] {
        let zInverse = field.inverse(p.z)
        return field.fromMontgomery(field.multiply(p.x, field.multiply(zInverse, zInverse)))
    }
}

/// A point (X : Y : Z) standing for (X/Z², Y/Z³); Z = 0 is the point at infinity.
struct JacobianPoint: Sendable {
    var x: [UInt64]
    var y: [UInt64]
    var z: [UInt64]

    static func infinity(limbs: Int) -> JacobianPoint {
        let zero = [UInt64](repeating: 0, count: limbs)
        return JacobianPoint(x: zero, y: zero, z: zero)
    }

    var isInfinity: Bool { Limbs.isZero(z) }
}

/// Hex constants written in the source (curve parameters); a malformed one is a programming error.
enum HexConstant {
    static func bytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).map { index in
            UInt8(String(decoding: digits[index..<(index + 2)], as: UTF8.self), radix: 16)!
        }
    }
}
