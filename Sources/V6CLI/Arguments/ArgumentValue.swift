/// A value an option can take, parsed from one command-line word. The error message names the option, so a user
/// sees what was wrong and where: `--rate takes a number of probes per second (1–10000000) or max, not 'fast'`.
public protocol ArgumentValue: Sendable {
    static func parseArgument(_ text: String, option: String) throws(ArgumentError) -> Self
}

/// Why one command-line word could not be used; shown with the command's usage, exit 2.
public struct ArgumentError: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

extension String: ArgumentValue {
    public static func parseArgument(_ text: String, option: String) throws(ArgumentError) -> String { text }
}

extension Int: ArgumentValue {
    public static func parseArgument(_ text: String, option: String) throws(ArgumentError) -> Int {
        guard let n = Int(text) else { throw ArgumentError("\(option) takes a whole number, not \(quotedArgument(text))") }
        return n
    }

    /// A whole number within `range`; the message gives the range.
    static func parseArgument(_ text: String, option: String, in range: ClosedRange<Int>) throws(ArgumentError) -> Int {
        guard let n = Int(text), range.contains(n) else {
            throw ArgumentError("\(option) takes a whole number from \(range.lowerBound) to \(range.upperBound), not \(quotedArgument(text))")
        }
        return n
    }
}

/// Closed word lists (`--lang en|vi`, `--role ROLE`): the words are the raw values, and the error lists them.
extension ArgumentValue where Self: RawRepresentable & CaseIterable, RawValue == String {
    public static func parseArgument(_ text: String, option: String) throws(ArgumentError) -> Self {
        guard let value = Self(rawValue: text) else {
            throw ArgumentError("\(option) takes one of \(allCases.map(\.rawValue).joined(separator: ", ")), not \(quotedArgument(text))")
        }
        return value
    }
}

/// A command-line word quoted the way messages quote it.
func quotedArgument(_ s: String) -> String { "'\(s)'" }
