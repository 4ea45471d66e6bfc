/// RRSIG times: 32-bit seconds since 1970 compared with serial-number arithmetic (RFC 4034 §3.1.5, RFC 1982), and
/// the YYYYMMDDHHmmSS presentation form.
public enum DNSSECTime {
    /// True when `a` is before `b` in serial arithmetic.
    public static func isBefore(_ a: UInt32, _ b: UInt32) -> Bool {
        a != b && (b &- a) < 0x8000_0000
    }

    /// The 32-bit value for a Unix time.
    public static func value(unixSeconds: Int64) -> UInt32 { UInt32(truncatingIfNeeded: unixSeconds) }

    public static func presentation(_ value: UInt32) -> String {
        var days = Int64(value) / 86_400
        let seconds = Int64(value) % 86_400
        // Civil-from-days (Howard Hinnant's algorithm).
        days += 719_468
        let era = days / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)\(two(month))\(two(day))\(two(seconds / 3600))\(two(seconds / 60 % 60))\(two(seconds % 60))"
    }

    /// Parses YYYYMMDDHHmmSS (or a plain number of seconds) into the 32-bit value.
    public static func parse(_ text: String) -> UInt32? {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
        if digits.count != 14 { return UInt32(text) }
        func number(_ range: Range<Int>) -> Int64 { range.reduce(0) { $0 * 10 + Int64(digits[$1] - 48) } }
        let year = number(0..<4), month = number(4..<6), day = number(6..<8)
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return value(unixSeconds: days * 86_400 + number(8..<10) * 3600 + number(10..<12) * 60 + number(12..<14))
    }
}
