/// How alike two web pages are, from 0 (nothing in common) to 1 (the same bytes), for the "same page over IPv4 and
/// IPv6" check. internet.nl allows about 10% difference; so does `ServiceThresholds.minimumPageSimilarity`.
///
/// The measure is the Dice coefficient of the two pages' multisets of 4-byte shingles (overlapping byte windows):
/// 2·|A∩B| / (|A|+|B|). It costs one pass over each page (no quadratic diff), tolerates a changed timestamp or
/// session token, and falls fast when the content differs. Only the first `limit` bytes of each page count.
public enum PageSimilarity {
    public static let shingleLength = 4
    /// Bytes of each page compared; a difference beyond this is not seen.
    public static let limit = 262_144

    public static func similarity(_ first: [UInt8], _ second: [UInt8]) -> Double {
        let a = first.prefix(limit), b = second.prefix(limit)
        if a.elementsEqual(b) { return 1 }
        // Pages shorter than one shingle compare as whole strings: equal (handled above) or not.
        guard a.count >= shingleLength, b.count >= shingleLength else { return 0 }
        var counts: [UInt32: Int] = [:]
        counts.reserveCapacity(a.count)
        forEachShingle(a) { counts[$0, default: 0] += 1 }
        var common = 0
        forEachShingle(b) { shingle in
            if let count = counts[shingle], count > 0 {
                counts[shingle] = count - 1
                common += 1
            }
        }
        let total = (a.count - shingleLength + 1) + (b.count - shingleLength + 1)
        return Double(2 * common) / Double(total)
    }

    private static func forEachShingle(_ bytes: ArraySlice<UInt8>, _ body: (UInt32) -> Void) {
        var window: UInt32 = 0
        for (offset, byte) in bytes.enumerated() {
            window = window << 8 | UInt32(byte)
            if offset >= shingleLength - 1 { body(window) }
        }
    }
}
