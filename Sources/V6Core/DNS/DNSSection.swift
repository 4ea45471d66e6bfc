/// The four parts of a DNS message, named in errors and problems so they point at the right place.
public enum DNSSection: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case question
    case answer
    case authority
    case additional

    public var description: String { rawValue }
}
