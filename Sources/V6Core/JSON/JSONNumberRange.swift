/// Range-checked numbers from JSON. `Int(someDouble)` traps on 1e19, so every number a file gives is read through
/// these: they return nil for anything outside the range, and the matching `…Problem` says why in the words of
/// `file:line: path: VALUE is not …`.
extension JSONValue {
    /// This value as an Int when it is a whole number inside `range`; nil for a string, 2.5, -1 or 1e19.
    public func integer(in range: ClosedRange<Int>) -> Int? {
        guard case let .number(n) = self, n == n.rounded(), let i = Int(exactly: n), range.contains(i) else { return nil }
        return i
    }

    /// This value when it is a finite number inside `range`.
    public func number(in range: ClosedRange<Double>) -> Double? {
        guard case let .number(n) = self, n.isFinite, range.contains(n) else { return nil }
        return n
    }

    /// Why `integer(in:)` gave nil: `1e19 is not a whole number from 1 to 65535`.
    public func integerProblem(in range: ClosedRange<Int>) -> String {
        "\(shownForProblem) is not a whole number from \(range.lowerBound) to \(range.upperBound)"
    }

    /// Why `number(in:)` gave nil: `-5 is not a number from 0 to 1000000000000`.
    public func numberProblem(in range: ClosedRange<Double>) -> String {
        "\(shownForProblem) is not a number from \(JSONWriter.formatNumber(range.lowerBound)) to \(JSONWriter.formatNumber(range.upperBound))"
    }

    /// The value as a message shows it: numbers as written, strings quoted, other kinds by name.
    var shownForProblem: String {
        switch self {
        case .number(let n): return n.isFinite && abs(n) < 1e15 ? JSONWriter.formatNumber(n) : "\(n)"
        case .string(let s): return quoted(s)
        default: return typeName
        }
    }
}
