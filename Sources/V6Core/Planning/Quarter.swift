/// A calendar quarter (`2027-Q1`): the unit the forward schedule plans in, so that capacity is counted the way
/// budgets and progress reports are (per quarter, per agency).
public struct Quarter: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    /// 1...4.
    public let number: Int

    public init(year: Int, number: Int) {
        self.year = year + (number - 1).floorDiv(4)
        self.number = (number - 1).floorMod(4) + 1
    }

    /// The quarter `date` falls in.
    public init(containing date: CalendarDate) { self.init(year: date.year, number: (date.month - 1) / 3 + 1) }

    /// Strict `YYYY-Qn`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), (1...9999).contains(year),
              parts[1].count == 2, parts[1].first == "Q", let n = Int(parts[1].dropFirst()), (1...4).contains(n) else { return nil }
        self.init(year: year, number: n)
    }

    public var first: CalendarDate { CalendarDate(year: year, month: number * 3 - 2, day: 1)! }
    /// The quarter's last day: the due date of everything scheduled in it.
    public var last: CalendarDate {
        let month = number * 3
        return CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))!
    }

    public var next: Quarter { Quarter(year: year, number: number + 1) }
    /// Quarters from `self` to `other` (0 when equal, negative when `other` is earlier).
    public func distance(to other: Quarter) -> Int { (other.year - year) * 4 + other.number - number }

    public var description: String {
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-Q\(number)"
    }

    public static func < (a: Quarter, b: Quarter) -> Bool { (a.year, a.number) < (b.year, b.number) }
}

extension Int {
    fileprivate func floorDiv(_ d: Int) -> Int { self >= 0 ? self / d : -((-self + d - 1) / d) }
    fileprivate func floorMod(_ d: Int) -> Int { self - floorDiv(d) * d }
}
