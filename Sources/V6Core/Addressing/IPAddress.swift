/// An IPv4 or IPv6 address: what inventories, scans and reports carry. IPv4 addresses sort before IPv6 ones.
public enum IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    case v4(IPv4Address)
    case v6(IPv6Address)

    /// Parses either family: a dotted quad first, then any IPv6 text form.
    public init?(_ text: String) {
        if let address = IPv4Address(text) {
            self = .v4(address)
        } else if let address = IPv6Address(text) {
            self = .v6(address)
        } else {
            return nil
        }
    }

    /// Parses either family from a slice of a larger string without copying it.
    public init?(_ text: Substring) {
        if let address = IPv4Address(text) {
            self = .v4(address)
        } else if let address = IPv6Address(text) {
            self = .v6(address)
        } else {
            return nil
        }
    }

    /// Parses either family, saying why not. Text with a `:` is judged as IPv6, anything else as IPv4, so the message
    /// names the family the user meant: `"2001:db8::zz" is not an IPv6 address`, `"192.0.2.300" is not an IPv4 address`.
    public init(parsing text: String) throws(AddressParseError) {
        if text.utf8.contains(UInt8(ascii: ":")) {
            self = .v6(try IPv6Address(parsing: text))
        } else {
            self = .v4(try IPv4Address(parsing: text))
        }
    }

    public var family: AddressFamily {
        switch self {
        case .v4: .v4
        case .v6: .v6
        }
    }

    public var addressClass: AddressClass {
        switch self {
        case .v4(let address): address.addressClass
        case .v6(let address): address.addressClass
        }
    }

    /// The address in network byte order (4 or 16 bytes).
    public var bytes: [UInt8] {
        switch self {
        case .v4(let address): address.bytes
        case .v6(let address): address.bytes
        }
    }

    /// The IPv4 address, if this is one.
    public var ipv4: IPv4Address? {
        if case .v4(let address) = self { return address }
        return nil
    }

    /// The IPv6 address, if this is one.
    public var ipv6: IPv6Address? {
        if case .v6(let address) = self { return address }
        return nil
    }

    /// The address `offset` places further on, wrapping within the family's address space.
    public func advanced(by offset: Int) -> IPAddress {
        switch self {
        case .v4(let address): .v4(address.advanced(by: offset))
        case .v6(let address): .v6(address.advanced(by: offset))
        }
    }

    /// The network address of the `length`-bit prefix holding this address.
    public func masked(toLength length: Int) -> IPAddress {
        switch self {
        case .v4(let address): .v4(address.masked(toLength: length))
        case .v6(let address): .v6(address.masked(toLength: length))
        }
    }

    public var description: String {
        switch self {
        case .v4(let address): address.description
        case .v6(let address): address.description
        }
    }

    // MARK: - Internals

    /// The address as a number in the low bits (32 for IPv4, 128 for IPv6).
    var bits: Bits128 {
        switch self {
        case .v4(let address): Bits128(UInt64(address.value))
        case .v6(let address): address.bits
        }
    }

    /// Rebuilds an address of this one's family (and zone) from bits.
    func withBits(_ bits: Bits128) -> IPAddress {
        switch self {
        case .v4: .v4(IPv4Address(UInt32(truncatingIfNeeded: bits.low)))
        case .v6(let address): .v6(IPv6Address(high: bits.high, low: bits.low, zone: address.zone))
        }
    }

    var zone: String? {
        if case .v6(let address) = self { return address.zone }
        return nil
    }
}
