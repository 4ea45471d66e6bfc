/// The moment a scan started, to the second, in UTC: the name of its file (`20240515T020000Z.jsonl`) and the
/// `started` of its summary (`2024-05-15T02:00:00Z`). Names sort in time order, which the scan store relies on.
/// Pure: the caller reads the clock and passes seconds since 1970.
public struct ScanTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public let epochSeconds: Int

    /// Years a scan may carry: earlier or later is a broken clock or a hostile file.
    public static let plausibleYears = 1970...9999

    public init?(epochSeconds: Int) {
        let day = Self.floorDivide(epochSeconds, 86_400)
        guard let date = Self.date(fromDaysSinceEpoch: day), Self.plausibleYears.contains(date.year) else { return nil }
        self.epochSeconds = epochSeconds
    }

    /// `20240515T020000Z`, or that with a suffix such as `_2`; nil for any other name.
    public init?(fileStem stem: Substring) {
        let chars = Array(stem.prefix(16))
        guard chars.count == 16, chars[8] == "T", chars[15] == "Z" else { return nil }
        let digits = chars[0..<8] + chars[9..<15]
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let s = String(chars)
        func part(_ a: Int, _ b: Int) -> Int { Int(s.dropFirst(a).prefix(b - a))! }
        self.init(year: part(0, 4), month: part(4, 6), day: part(6, 8), hour: part(9, 11), minute: part(11, 13), second: part(13, 15))
    }

    /// `2024-05-15T02:00:00Z` (fractions of a second are dropped).
    public init?(iso8601 text: String) {
        let chars = Array(text)
        guard chars.count >= 20, chars[4] == "-", chars[7] == "-", chars[10] == "T", chars[13] == ":", chars[16] == ":",
              let date = CalendarDate(String(chars[0..<10])),
              let h = Int(String(chars[11..<13])), let m = Int(String(chars[14..<16])), let s = Int(String(chars[17..<19])) else { return nil }
        var rest = chars[19...]
        if rest.first == "." {
            let digits = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(1 + digits.count)
        }
        guard rest.first == "Z", rest.count == 1 else { return nil }
        self.init(year: date.year, month: date.month, day: date.day, hour: h, minute: m, second: s)
    }

    private init?(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        guard let date = CalendarDate(year: year, month: month, day: day), (0...23).contains(hour), (0...59).contains(minute),
              (0...60).contains(second) else { return nil }
        self.init(epochSeconds: (date.dayNumber - Self.epochDay) * 86_400 + hour * 3600 + minute * 60 + second)
    }

    /// `20240515T020000Z`.
    public var fileStem: String {
        let (date, h, m, s) = parts
        return pad(date.year, 4) + pad(date.month, 2) + pad(date.day, 2) + "T" + pad(h, 2) + pad(m, 2) + pad(s, 2) + "Z"
    }

    /// `2024-05-15T02:00:00Z`.
    public var iso8601: String {
        let (date, h, m, s) = parts
        return "\(date)T\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2))Z"
    }

    public var description: String { iso8601 }

    public static func < (a: ScanTimestamp, b: ScanTimestamp) -> Bool { a.epochSeconds < b.epochSeconds }

    private var parts: (CalendarDate, Int, Int, Int) {
        let day = Self.floorDivide(epochSeconds, 86_400)
        let second = epochSeconds - day * 86_400
        return (Self.date(fromDaysSinceEpoch: day)!, second / 3600, second / 60 % 60, second % 60)
    }

    private func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    private static let epochDay = CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber

    private static func floorDivide(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// The civil date of a day count (days since 1970-01-01), by Howard Hinnant's algorithm.
    static func date(fromDaysSinceEpoch days: Int) -> CalendarDate? {
        guard days > -1_000_000_000, days < 1_000_000_000 else { return nil }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return CalendarDate(year: year, month: month, day: day)
    }
}
