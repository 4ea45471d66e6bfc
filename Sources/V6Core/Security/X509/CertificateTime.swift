/// A certificate's notBefore / notAfter: UTCTime (years 1950–2049, RFC 5280 §4.1.2.5.1) or GeneralizedTime, always
/// in UTC ("Z"). Kept as seconds since 1970 so it compares with a scan's time without a calendar or a clock.
public struct CertificateTime: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    /// From a calendar date and time in UTC; nil when a field is out of range.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...12).contains(month), (1...Self.days(inMonth: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        secondsSince1970 = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Parses the content of a UTCTime (tag 0x17) or GeneralizedTime (tag 0x18).
    init(der tag: UInt8, _ content: ArraySlice<UInt8>) throws(X509Error) {
        let text = Array(content)
        let digitsCount = tag == 0x17 ? 12 : 14
        guard text.count == digitsCount + 1, text.last == UInt8(ascii: "Z"),
              text.dropLast().allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw X509Error("\(tag == 0x17 ? "UTCTime" : "GeneralizedTime") \(String(reflecting: String(decoding: text, as: UTF8.self))) is not YYMMDDHHMMSSZ in UTC")
        }
        func number(_ at: Int, _ count: Int) -> Int { text[at..<(at + count)].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        var year: Int, at: Int
        if tag == 0x17 {
            let yy = number(0, 2)
            year = yy < 50 ? 2000 + yy : 1900 + yy
            at = 2
        } else {
            year = number(0, 4)
            at = 4
        }
        guard let time = CertificateTime(year: year, month: number(at, 2), day: number(at + 2, 2), hour: number(at + 4, 2),
                                         minute: number(at + 6, 2), second: number(at + 8, 2)) else {
            throw X509Error("time \(String(decoding: text, as: UTF8.self)) is not a date")
        }
        self = time
    }

    /// `2026-12-03T15:20:00Z`.
    public var iso8601: String {
        let days = secondsSince1970 >= 0 ? secondsSince1970 / 86_400 : (secondsSince1970 - 86_399) / 86_400
        let seconds = Int(secondsSince1970 - days * 86_400)
        let (y, m, d) = Self.civil(fromDays: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = String(y)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(m))-\(two(d))T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))Z"
    }

    /// Reads `2026-12-03T15:20:00Z` (the scan's time), or nil.
    public init?(iso8601 text: String) {
        let b = Array(text.utf8)
        guard b.count == 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "Z") else { return nil }
        func number(_ at: Int, _ count: Int) -> Int? {
            let digits = b[at..<(at + count)]
            guard digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        guard let y = number(0, 4), let mo = number(5, 2), let d = number(8, 2), let h = number(11, 2),
              let mi = number(14, 2), let s = number(17, 2) else { return nil }
        self.init(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
    }

    public var description: String { iso8601 }

    public static func < (a: CertificateTime, b: CertificateTime) -> Bool { a.secondsSince1970 < b.secondsSince1970 }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }
}
