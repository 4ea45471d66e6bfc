/// Unsigned big integers as little-endian arrays of 64-bit limbs, the one representation RSA, ECDSA and Ed25519
/// share. Values have a fixed limb count per modulus so that nothing allocates on the hot paths but the result.
enum Limbs {
    /// Parses big-endian bytes (RSA moduli, ECDSA coordinates) into `count` limbs, or nil when they do not fit.
    static func fromBigEndian<Bytes: Collection>(_ bytes: Bytes, count: Int) -> [UInt64]? where Bytes.Element == UInt8 {
        var limbs = [UInt64](repeating: 0, count: count)
        var position = 0
        for byte in bytes.reversed() {
            let limb = position / 8
            if limb >= count {
                if byte != 0 { return nil }
            } else {
                limbs[limb] |= UInt64(byte) << (8 * UInt64(position % 8))
            }
            position += 1
        }
        return limbs
    }

    /// Parses little-endian bytes (Ed25519 encodings) into `count` limbs, or nil when they do not fit.
    static func fromLittleEndian<Bytes: Collection>(_ bytes: Bytes, count: Int) -> [UInt64]? where Bytes.Element == UInt8 {
        fromBigEndian(Array(bytes.reversed()), count: count)
    }

    /// The value as exactly `count` big-endian bytes (high bytes beyond `count` must be zero).
    static func bigEndianBytes(_ limbs: [UInt64], count: Int) -> [UInt8] {
        (0..<count).map { index in
            let position = count - 1 - index
            let limb = position / 8
            return limb < limbs.count ? UInt8(truncatingIfNeeded: limbs[limb] >> (8 * UInt64(position % 8))) : 0
        }
    }

    static func littleEndianBytes(_ limbs: [UInt64], count: Int) -> [UInt8] {
        bigEndianBytes(limbs, count: count).reversed()
    }

    /// -1, 0 or 1 as `a` is below, equal to or above `b` (same limb count).
    static func compare(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var index = max(a.count, b.count) - 1
        while index >= 0 {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            if x != y { return x < y ? -1 : 1 }
            index -= 1
        }
        return 0
    }

    static func isZero(_ a: [UInt64]) -> Bool { a.allSatisfy { $0 == 0 } }

    /// Number of significant bits.
    static func bitWidth(_ a: [UInt64]) -> Int {
        for index in stride(from: a.count - 1, through: 0, by: -1) where a[index] != 0 {
            return index * 64 + (64 - a[index].leadingZeroBitCount)
        }
        return 0
    }

    static func bit(_ a: [UInt64], _ index: Int) -> Bool {
        let limb = index / 64
        return limb < a.count && (a[limb] >> UInt64(index % 64)) & 1 == 1
    }

    /// `a - b` in place; returns the borrow out.
    @discardableResult
    static func subtract(_ a: inout [UInt64], _ b: [UInt64]) -> Bool {
        var borrow = false
        for index in 0..<a.count {
            let y = index < b.count ? b[index] : 0
            let (d1, o1) = a[index].subtractingReportingOverflow(y)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow ? 1 : 0)
            a[index] = d2
            borrow = o1 || o2
        }
        return borrow
    }

    /// `a + b` in place; returns the carry out.
    @discardableResult
    static func add(_ a: inout [UInt64], _ b: [UInt64]) -> Bool {
        var carry = false
        for index in 0..<a.count {
            let y = index < b.count ? b[index] : 0
            let (s1, o1) = a[index].addingReportingOverflow(y)
            let (s2, o2) = s1.addingReportingOverflow(carry ? 1 : 0)
            a[index] = s2
            carry = o1 || o2
        }
        return carry
    }

    /// Shifts right by `bits` (less than 64 per call is not required).
    static func shiftedRight(_ a: [UInt64], by bits: Int) -> [UInt64] {
        let limbShift = bits / 64, bitShift = UInt64(bits % 64)
        return (0..<a.count).map { index in
            let low = index + limbShift < a.count ? a[index + limbShift] : 0
            let high = index + limbShift + 1 < a.count ? a[index + limbShift + 1] : 0
            return bitShift == 0 ? low : (low >> bitShift) | (high << (64 - bitShift))
        }
    }
}
