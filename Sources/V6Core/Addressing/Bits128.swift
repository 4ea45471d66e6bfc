/// A 128-bit unsigned number as two big-endian halves, for address and prefix arithmetic.
///
/// Kept internal and tiny on purpose: the standard library's `UInt128` needs recent Apple OS versions, and
/// addressing only needs shifts, masks and one addition.
struct Bits128: Hashable, Sendable {
    var high: UInt64
    var low: UInt64

    static let zero = Bits128(high: 0, low: 0)
    static let allOnes = Bits128(high: .max, low: .max)

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init(_ low: UInt64) {
        self.high = 0
        self.low = low
    }

    static func & (lhs: Bits128, rhs: Bits128) -> Bits128 {
        Bits128(high: lhs.high & rhs.high, low: lhs.low & rhs.low)
    }

    static func | (lhs: Bits128, rhs: Bits128) -> Bits128 {
        Bits128(high: lhs.high | rhs.high, low: lhs.low | rhs.low)
    }

    static prefix func ~ (value: Bits128) -> Bits128 {
        Bits128(high: ~value.high, low: ~value.low)
    }

    /// Shifts left by `count` bits (0...128); bits shifted past the top are lost.
    func shiftedLeft(by count: Int) -> Bits128 {
        if count <= 0 { return self }
        if count >= 128 { return .zero }
        if count >= 64 { return Bits128(high: low << UInt64(count - 64), low: 0) }
        return Bits128(high: high << UInt64(count) | low >> UInt64(64 - count), low: low << UInt64(count))
    }

    /// Shifts right by `count` bits (0...128), filling with zeros.
    func shiftedRight(by count: Int) -> Bits128 {
        if count <= 0 { return self }
        if count >= 128 { return .zero }
        if count >= 64 { return Bits128(high: 0, low: high >> UInt64(count - 64)) }
        return Bits128(high: high >> UInt64(count), low: low >> UInt64(count) | high << UInt64(64 - count))
    }

    /// Wrapping addition, reporting whether the sum passed 2^128.
    func addingReportingOverflow(_ other: Bits128) -> (partialValue: Bits128, overflow: Bool) {
        let (lowSum, lowCarry) = low.addingReportingOverflow(other.low)
        let (highSum, highCarry1) = high.addingReportingOverflow(other.high)
        let (highTotal, highCarry2) = highSum.addingReportingOverflow(lowCarry ? 1 : 0)
        return (Bits128(high: highTotal, low: lowSum), highCarry1 || highCarry2)
    }

    /// Wrapping subtraction.
    func subtractingWrapping(_ other: Bits128) -> Bits128 {
        let (lowDifference, borrow) = low.subtractingReportingOverflow(other.low)
        return Bits128(high: high &- other.high &- (borrow ? 1 : 0), low: lowDifference)
    }

    /// The lowest `count` bits set (0...128).
    static func lowOnes(_ count: Int) -> Bits128 {
        if count <= 0 { return .zero }
        if count >= 128 { return .allOnes }
        if count >= 64 {
            let highBits = count - 64
            return Bits128(high: highBits == 0 ? 0 : .max >> UInt64(64 - highBits), low: .max)
        }
        return Bits128(high: 0, low: .max >> UInt64(64 - count))
    }

    /// The network mask of a `prefixLength`-bit prefix in a `width`-bit address held in the low bits
    /// (width 32 for IPv4, 128 for IPv6).
    static func networkMask(prefixLength: Int, width: Int) -> Bits128 {
        lowOnes(width) & ~lowOnes(width - prefixLength)
    }
}
