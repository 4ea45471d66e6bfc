/// Why text or labels do not make a DNS name, in words fit to show the person who typed it.
public struct DNSNameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The full explanation, e.g. `"a..example" is not a DNS name (empty label)`.
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
