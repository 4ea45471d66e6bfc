/// The Internet checksum of RFC 1071: the ones' complement of the ones' complement sum of 16-bit big-endian words.
///
/// Feed it pieces in order (a pseudo-header, then a header, then a payload) and read `value` at the end; a piece with
/// an odd length is carried over correctly into the next one. Words are summed eight bytes at a time in native order
/// and swapped once at the end (the sum is byte-order independent, RFC 1071 section 2(B)), so a 1500-byte probe costs
/// under two hundred additions.
public struct InternetChecksum: Sendable, Hashable {
    /// Unfolded sum of native-order words; carries fold in at the end.
    private var sum: UInt64 = 0
    /// The last byte of an odd-length piece, waiting for its partner from the next piece.
    private var pendingByte: UInt8?

    public init() {}

    /// Adds bytes to the sum.
    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        let count = bytes.count
        guard count > 0 else { return }
        if let pending = pendingByte {
            addNativeWord(Self.nativeWord(high: pending, low: bytes.uint8(at: 0)))
            pendingByte = nil
            index = 1
        }
        // Four bytes at a time into a 64-bit accumulator: 2^32 additions before it could overflow.
        var accumulator = sum
        while index + 4 <= count {
            accumulator &+= UInt64(bytes.loadUnaligned(fromByteOffset: index, as: UInt32.self))
            index += 4
            if accumulator >> 63 != 0 { accumulator = Self.fold64(accumulator) }
        }
        if index + 2 <= count {
            accumulator &+= UInt64(bytes.loadUnaligned(fromByteOffset: index, as: UInt16.self))
            index += 2
        }
        sum = accumulator
        if index < count { pendingByte = bytes.uint8(at: index) }
    }

    /// Adds the bytes of an array (or any contiguous byte collection).
    public mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { add($0) }
    }

    /// Adds one 16-bit word, as it would appear big-endian on the wire (at an even offset of the data summed so far).
    public mutating func add(word: UInt16) {
        precondition(pendingByte == nil, "add a word only at an even offset")
        addNativeWord(word.bigEndian)
    }

    /// Adds a 32-bit value as two big-endian words (the upper-layer length of a pseudo-header, for example).
    public mutating func add(word32: UInt32) {
        add(word: UInt16(truncatingIfNeeded: word32 >> 16))
        add(word: UInt16(truncatingIfNeeded: word32))
    }

    /// The checksum to write into the packet, in host order (store it big-endian).
    public var value: UInt16 {
        ~foldedSum
    }

    /// The ones' complement sum itself (not complemented), in host order. A packet whose stored checksum is right sums
    /// to 0xFFFF.
    public var foldedSum: UInt16 {
        var total = sum
        if let pending = pendingByte { total &+= UInt64(Self.nativeWord(high: pending, low: 0)) }
        let native = Self.fold16(total)
        return UInt16(bigEndian: native)
    }

    /// The checksum of `bytes` in one go.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt16 {
        var checksum = InternetChecksum()
        checksum.add(bytes)
        return checksum.value
    }

    /// The checksum of `bytes` in one go.
    public static func checksum(_ bytes: [UInt8]) -> UInt16 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// True when `bytes`, checksum field included, sum to all ones: the receiver's check.
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var checksum = InternetChecksum()
        checksum.add(bytes)
        return checksum.foldedSum == 0xFFFF
    }

    /// The checksum after one 16-bit word of a packet changed from `old` to `new` (RFC 1624, equation 3), without
    /// summing the packet again. `checksum` is the stored value in host order.
    public static func updated(_ checksum: UInt16, replacingWord old: UInt16, with new: UInt16) -> UInt16 {
        // HC' = ~(~HC + ~m + m')
        var sum = UInt32(~checksum) + UInt32(~old) + UInt32(new)
        sum = (sum & 0xFFFF) + (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16)
        return ~UInt16(truncatingIfNeeded: sum)
    }

    // MARK: - Internals

    @inline(__always)
    private mutating func addNativeWord(_ word: UInt16) {
        sum &+= UInt64(word)
    }

    /// The native-order word whose wire bytes are `high`, `low`.
    @inline(__always)
    private static func nativeWord(high: UInt8, low: UInt8) -> UInt16 {
        UInt16(bigEndian: UInt16(high) << 8 | UInt16(low))
    }

    @inline(__always)
    private static func fold64(_ value: UInt64) -> UInt64 {
        (value & 0xFFFF_FFFF) &+ (value >> 32)
    }

    @inline(__always)
    private static func fold16(_ value: UInt64) -> UInt16 {
        var total = value
        while total >> 16 != 0 { total = (total & 0xFFFF) &+ (total >> 16) }
        return UInt16(truncatingIfNeeded: total)
    }
}
