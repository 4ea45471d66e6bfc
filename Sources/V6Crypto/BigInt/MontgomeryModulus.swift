/// Arithmetic modulo an odd number in Montgomery form (CIOS multiplication, Koç et al. 1996): RSA's modular
/// exponentiation, the prime fields and group orders of P-256, P-384 and Curve25519.
///
/// Values passed to `multiply`, `add` and `subtract` have `limbCount` limbs and are below the modulus; "Montgomery
/// form" means x·R mod m with R = 2^(64·limbCount).
struct MontgomeryModulus: Sendable {
    let modulus: [UInt64]
    let limbCount: Int
    /// -m⁻¹ mod 2^64.
    private let inverseLow: UInt64
    /// R² mod m, to bring numbers into Montgomery form.
    private let rSquared: [UInt64]
    /// R mod m: one in Montgomery form.
    let one: [UInt64]

    /// nil unless `modulus` is odd and above one.
    init?(_ modulus: [UInt64]) {
        var trimmed = modulus
        while trimmed.count > 1 && trimmed.last == 0 { trimmed.removeLast() }
        guard let low = trimmed.first, low & 1 == 1, trimmed.count > 1 || low > 1 else { return nil }
        self.modulus = trimmed
        limbCount = trimmed.count
        var inverse: UInt64 = 1
        for _ in 0..<6 { inverse = inverse &* (2 &- low &* inverse) }
        inverseLow = 0 &- inverse
        // 2^(2·64·k) mod m by doubling from 2^(bits-1), which is below m.
        let bits = Limbs.bitWidth(trimmed)
        var value = [UInt64](repeating: 0, count: trimmed.count)
        value[(bits - 1) / 64] = 1 << UInt64((bits - 1) % 64)
        var rValue: [UInt64] = []
        for exponent in (bits - 1)..<(2 * 64 * trimmed.count) {
            if exponent == 64 * trimmed.count { rValue = value }
            Self.doubleModulo(&value, trimmed)
        }
        if rValue.isEmpty { rValue = value }
        one = rValue
        rSquared = value
    }

    private static func doubleModulo(_ value: inout [UInt64], _ modulus: [UInt64]) {
        var carry: UInt64 = 0
        for index in 0..<value.count {
            let next = value[index] >> 63
            value[index] = value[index] << 1 | carry
            carry = next
        }
        if carry == 1 || Limbs.compare(value, modulus) >= 0 { Limbs.subtract(&value, modulus) }
    }

    /// a·b·R⁻¹ mod m.
    func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let k = limbCount
        var result = [UInt64](repeating: 0, count: k)
        var t = [UInt64](repeating: 0, count: k + 2)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                modulus.withUnsafeBufferPointer { n in
                    t.withUnsafeMutableBufferPointer { t in
                        for i in 0..<k {
                            var carry: UInt64 = 0
                            let bi = b[i]
                            for j in 0..<k {
                                let (high, low) = a[j].multipliedFullWidth(by: bi)
                                let (s1, o1) = low.addingReportingOverflow(t[j])
                                let (s2, o2) = s1.addingReportingOverflow(carry)
                                t[j] = s2
                                carry = high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                            }
                            let (sk, ok) = t[k].addingReportingOverflow(carry)
                            t[k] = sk
                            t[k + 1] = ok ? 1 : 0
                            let m = t[0] &* inverseLow
                            let (h0, l0) = m.multipliedFullWidth(by: n[0])
                            carry = h0 &+ (l0.addingReportingOverflow(t[0]).overflow ? 1 : 0)
                            for j in 1..<max(k, 1) {
                                let (high, low) = m.multipliedFullWidth(by: n[j])
                                let (s1, o1) = low.addingReportingOverflow(t[j])
                                let (s2, o2) = s1.addingReportingOverflow(carry)
                                t[j - 1] = s2
                                carry = high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                            }
                            let (s, o) = t[k].addingReportingOverflow(carry)
                            t[k - 1] = s
                            t[k] = t[k + 1] &+ (o ? 1 : 0)
                        }
                    }
                }
            }
        }
        for index in 0..<k { result[index] = t[index] }
        if t[k] != 0 || Limbs.compare(result, modulus) >= 0 { Limbs.subtract(&result, modulus) }
        return result
    }

    /// a + b mod m.
    func add(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var sum = a
        let carry = Limbs.add(&sum, b)
        if carry || Limbs.compare(sum, modulus) >= 0 { Limbs.subtract(&sum, modulus) }
        return sum
    }

    /// a - b mod m.
    func subtract(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var difference = a
        if Limbs.subtract(&difference, b) { Limbs.add(&difference, modulus) }
        return difference
    }

    func negate(_ a: [UInt64]) -> [UInt64] { subtract(zero, a) }

    var zero: [UInt64] { [UInt64](repeating: 0, count: limbCount) }

    /// Brings x (any value of up to `limbCount` limbs, even above m) into Montgomery form, reduced.
    func toMontgomery(_ x: [UInt64]) -> [UInt64] {
        multiply(padded(x), rSquared)
    }

    /// x mod m for x of up to `limbCount` limbs.
    func reduce(_ x: [UInt64]) -> [UInt64] {
        fromMontgomery(toMontgomery(x))
    }

    /// x mod m for x of up to 2·`limbCount` limbs (a SHA-512 digest reduced modulo the Ed25519 group order).
    func reduceWide(_ x: [UInt64]) -> [UInt64] {
        let low = padded(Array(x.prefix(limbCount)))
        let high = padded(Array(x.dropFirst(limbCount)))
        // high·R + low: multiply(high, R²) is high·R mod m, already reduced; low is reduced separately.
        return add(multiply(high, rSquared), reduce(low))
    }

    func fromMontgomery(_ x: [UInt64]) -> [UInt64] {
        multiply(x, [1] + [UInt64](repeating: 0, count: limbCount - 1))
    }

    private func padded(_ x: [UInt64]) -> [UInt64] {
        x.count >= limbCount ? Array(x.prefix(limbCount)) : x + [UInt64](repeating: 0, count: limbCount - x.count)
    }

    /// base^exponent in Montgomery form (left-to-right square and multiply; exponents here are public).
    func power(_ base: [UInt64], _ exponent: [UInt64]) -> [UInt64] {
        var result = one
        let bits = Limbs.bitWidth(exponent)
        for index in stride(from: bits - 1, through: 0, by: -1) {
            result = multiply(result, result)
            if Limbs.bit(exponent, index) { result = multiply(result, base) }
        }
        return result
    }

    /// a⁻¹ by Fermat's little theorem; valid only for a prime modulus and a non-zero a.
    func inverse(_ a: [UInt64]) -> [UInt64] {
        var exponent = modulus
        Limbs.subtract(&exponent, [2])
        return power(a, exponent)
    }

}
