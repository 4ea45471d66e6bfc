/// The IP version of an address or prefix. Raw values are the version numbers used in scan records (`"family": 4|6`).
public enum AddressFamily: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case v4 = 4
    case v6 = 6

    /// How many bits an address of this family has (32 or 128).
    public var bitWidth: Int {
        switch self {
        case .v4: 32
        case .v6: 128
        }
    }

    public var description: String {
        switch self {
        case .v4: "IPv4"
        case .v6: "IPv6"
        }
    }

    public static func < (lhs: AddressFamily, rhs: AddressFamily) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
