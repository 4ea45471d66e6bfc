/// A NAT64 prefix (RFC 6052): the IPv6 prefix a translator embeds IPv4 addresses in, so IPv6-only clients reach
/// IPv4-only servers. Lengths 32, 40, 48, 56, 64 and 96 only; bits 64–71 (the "u" octet) are never used.
public struct NAT64Prefix: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let prefix: IPPrefix

    /// The lengths RFC 6052 §2.2 allows.
    public static let allowedLengths = [32, 40, 48, 56, 64, 96]
    /// 64:ff9b::/96, the Well-Known Prefix (RFC 6052 §2.1).
    public static let wellKnown = NAT64Prefix(IPPrefix("64:ff9b::/96")!)!

    /// Nil when `prefix` is not IPv6, has a length RFC 6052 does not allow, or (for the /32–/56 lengths) sets
    /// bits of the u octet.
    public init?(_ prefix: IPPrefix) {
        guard prefix.family == .v6, Self.allowedLengths.contains(prefix.length), let v6 = prefix.address.ipv6 else { return nil }
        if prefix.length < 64 && v6.bytes[8] != 0 { return nil }
        self.prefix = IPPrefix(address: .v6(v6.masked(toLength: prefix.length)), length: prefix.length)
    }

    public var length: Int { prefix.length }
    /// The Well-Known Prefix, as opposed to a network-specific one (RFC 6052 §2.1, §2.3).
    public var isWellKnown: Bool { self == .wellKnown }
    public var kind: String { isWellKnown ? "well-known" : "network-specific" }
    public var description: String { prefix.description }

    /// The byte positions of the four IPv4 octets, skipping the u octet (byte 8).
    private var positions: [Int] {
        Array((length / 8)..<16).filter { $0 != 8 }.prefix(4).map { $0 }
    }

    /// The IPv6 address the translator uses for `address` (suffix zero).
    public func embed(_ address: IPv4Address) -> IPv6Address {
        var bytes = prefix.address.ipv6!.bytes
        for (position, octet) in zip(positions, address.bytes) { bytes[position] = octet }
        return IPv6Address(bytes: bytes)
    }

    /// The IPv4 address embedded in `address`, nil when `address` is not inside this prefix.
    public func extract(_ address: IPv6Address) -> IPv4Address? {
        guard prefix.contains(.v6(IPv6Address(high: address.high, low: address.low))) else { return nil }
        let bytes = address.bytes
        return IPv4Address(bytes: positions.map { bytes[$0] })
    }

    /// True when `address` lies inside the prefix (a synthesized or translated address).
    public func contains(_ address: IPAddress) -> Bool {
        guard let v6 = address.ipv6 else { return false }
        return prefix.contains(.v6(IPv6Address(high: v6.high, low: v6.low)))
    }

    public static func < (a: NAT64Prefix, b: NAT64Prefix) -> Bool { a.prefix < b.prefix }
}
