/// Why a piece of text is not an address or prefix, in words fit to show the person who typed it.
public struct AddressParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The full explanation, e.g. `"192.0.2.300" is not an IPv4 address`.
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }

    /// The user's text quoted and escaped the way Swift prints strings, so stray spaces and control characters show.
    static func quoted(_ text: some StringProtocol) -> String {
        String(reflecting: String(text))
    }
}
