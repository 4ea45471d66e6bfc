/// An Ed25519 public key and signature verification (RFC 8032 §5.1.7): DNSSEC algorithm 15 (RFC 8080).
///
/// Verification checks the cofactorless equation [S]B = R + [k]A by computing [S]B + [k](−A) and comparing its
/// encoding with R, as RFC 8032 describes.
public struct Ed25519PublicKey: Sendable {
    public let bytes: [UInt8]
    private let negatedPoint: EdwardsPoint

    /// nil unless `bytes` is 32 bytes encoding a point on the curve.
    public init?(_ bytes: [UInt8]) {
        let curve = EdwardsCurve.shared
        guard bytes.count == 32, let point = curve.decode(bytes) else { return nil }
        self.bytes = bytes
        negatedPoint = curve.negate(point)
    }

    /// True when the 64-byte `signature` (R‖S) signs `message`.
    public func verify(signature: [UInt8], message: [UInt8]) -> Bool {
        let curve = EdwardsCurve.shared
        guard signature.count == 64 else { return false }
        let encodedR = Array(signature[0..<32])
        guard let s = Limbs.fromLittleEndian(signature[32...], count: 4),
              Limbs.compare(s, curve.order.modulus) < 0,
              curve.decode(encodedR) != nil else { return false }
        let digest = SHA512.digest(encodedR + bytes + message)
        let k = curve.order.reduceWide(Limbs.fromLittleEndian(digest, count: 8)!)
        let check = curve.combination(s, curve.base, k, negatedPoint)
        return curve.encode(check) == encodedR
    }
}

/// The twisted Edwards curve −x² + y² = 1 + d·x²·y² over GF(2^255 − 19) (edwards25519), in extended
/// coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z, x·y = T/Z, all in Montgomery form.
struct EdwardsCurve: Sendable {
    static let shared = EdwardsCurve()

    let field: MontgomeryModulus
    /// The group order L = 2^252 + 27742317777372353535851937790883648493.
    let order: MontgomeryModulus
    private let d: [UInt64]
    private let doubleD: [UInt64]
    /// √−1 = 2^((p−1)/4).
    private let rootOfMinusOne: [UInt64]
    let base: EdwardsPoint

    private init() {
        let p: [UInt64] = [0xffff_ffff_ffff_ffed, 0xffff_ffff_ffff_ffff, 0xffff_ffff_ffff_ffff, 0x7fff_ffff_ffff_ffff]
        field = MontgomeryModulus(p)!
        order = MontgomeryModulus([0x5812_631a_5cf5_d3ed, 0x14de_f9de_a2f7_9cd6, 0, 0x1000_0000_0000_0000])!
        let f = field
        func constant(_ value: UInt64) -> [UInt64] { f.toMontgomery([value, 0, 0, 0]) }
        d = f.negate(f.multiply(constant(121_665), f.inverse(constant(121_666))))
        doubleD = f.add(d, d)
        var quarter = p
        Limbs.subtract(&quarter, [1])
        quarter = Limbs.shiftedRight(quarter, by: 2)
        rootOfMinusOne = f.power(constant(2), quarter)
        // The base point has y = 4/5 and an even x.
        let y = f.multiply(constant(4), f.inverse(constant(5)))
        base = Self.recover(field: f, d: d, rootOfMinusOne: rootOfMinusOne, y: y, oddX: false)!
    }

    /// RFC 8032 §5.1.3: y little-endian in 255 bits, the top bit the parity of x.
    func decode(_ bytes: [UInt8]) -> EdwardsPoint? {
        guard bytes.count == 32 else { return nil }
        var yBytes = bytes
        let oddX = yBytes[31] & 0x80 != 0
        yBytes[31] &= 0x7f
        guard let y = Limbs.fromLittleEndian(yBytes, count: 4), Limbs.compare(y, field.modulus) < 0 else { return nil }
        return Self.recover(field: field, d: d, rootOfMinusOne: rootOfMinusOne, y: field.toMontgomery(y), oddX: oddX)
    }

    private static func recover(
        field f: MontgomeryModulus, d: [UInt64], rootOfMinusOne: [UInt64], y: [UInt64], oddX: Bool
    ) -> EdwardsPoint? {
        let y2 = f.multiply(y, y)
        let u = f.subtract(y2, f.one)
        let v = f.add(f.multiply(d, y2), f.one)
        // x = u·v³·(u·v⁷)^((p−5)/8)
        let v3 = f.multiply(f.multiply(v, v), v)
        let v7 = f.multiply(f.multiply(v3, v3), v)
        var exponent = f.modulus
        Limbs.subtract(&exponent, [5])
        exponent = Limbs.shiftedRight(exponent, by: 3)
        var x = f.multiply(f.multiply(u, v3), f.power(f.multiply(u, v7), exponent))
        let vx2 = f.multiply(v, f.multiply(x, x))
        if vx2 == u {
            // x is a root.
        } else if vx2 == f.negate(u) {
            x = f.multiply(x, rootOfMinusOne)
        } else {
            return nil
        }
        let plainX = f.fromMontgomery(x)
        if Limbs.isZero(plainX) && oddX { return nil }
        if (plainX[0] & 1 == 1) != oddX { x = f.negate(x) }
        return EdwardsPoint(x: x, y: y, z: f.one, t: f.multiply(x, y))
    }

    func encode(_ point: EdwardsPoint) -> [UInt8] {
        let zInverse = field.inverse(point.z)
        let x = field.fromMontgomery(field.multiply(point.x, zInverse))
        let y = field.fromMontgomery(field.multiply(point.y, zInverse))
        var bytes = Limbs.littleEndianBytes(y, count: 32)
        if x[0] & 1 == 1 { bytes[31] |= 0x80 }
        return bytes
    }

    func negate(_ point: EdwardsPoint) -> EdwardsPoint {
        EdwardsPoint(x: field.negate(point.x), y: point.y, z: point.z, t: field.negate(point.t))
    }

    /// The unified addition of Hisil–Wong–Carter–Dawson 2008 (a = −1), also correct for doubling.
    func add(_ p: EdwardsPoint, _ q: EdwardsPoint) -> EdwardsPoint {
        let f = field
        let a = f.multiply(f.subtract(p.y, p.x), f.subtract(q.y, q.x))
        let b = f.multiply(f.add(p.y, p.x), f.add(q.y, q.x))
        let c = f.multiply(f.multiply(p.t, doubleD), q.t)
        let zz = f.multiply(p.z, q.z)
        let dd = f.add(zz, zz)
        let e = f.subtract(b, a), ff = f.subtract(dd, c), g = f.add(dd, c), h = f.add(b, a)
        return EdwardsPoint(x: f.multiply(e, ff), y: f.multiply(g, h), z: f.multiply(ff, g), t: f.multiply(e, h))
    }

    var identity: EdwardsPoint {
        EdwardsPoint(x: field.zero, y: field.one, z: field.one, t: field.zero)
    }

    /// a·P + b·Q with one chain of doublings.
    func combination(_ a: [UInt64], _ p: EdwardsPoint, _ b: [UInt64], _ q: EdwardsPoint) -> EdwardsPoint {
        let both = add(p, q)
        var result = identity
        for index in stride(from: max(Limbs.bitWidth(a), Limbs.bitWidth(b)) - 1, through: 0, by: -1) {
            result = add(result, result)
            switch (Limbs.bit(a, index), Limbs.bit(b, index)) {
            case (true, true): result = add(result, both)
            case (true, false): result = add(result, p)
            case (false, true): result = add(result, q)
            case (false, false): break
            }
        }
        return result
    }
}

struct EdwardsPoint: Sendable {
    var x: [UInt64]
    var y: [UInt64]
    var z: [UInt64]
    var t: [UInt64]
}
