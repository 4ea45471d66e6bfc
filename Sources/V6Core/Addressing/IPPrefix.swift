/// A network prefix such as `192.0.2.0/24` or `2001:db8::/32`: the unit of scan scope, inventory segments and the
/// address plan. Always holds the network address (host bits zero), so equal networks compare equal.
public struct IPPrefix: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The network address (host bits zero). A link-local prefix may carry a zone (`fe80::%eth0/64`).
    public let address: IPAddress
    /// The number of network bits: 0...32 for IPv4, 0...128 for IPv6.
    public let length: Int

    /// Parses `address/length` strictly; a bare address or one with host bits set is refused (nil).
    public init?(_ text: String) {
        guard let prefix = try? IPPrefix(parsing: text) else { return nil }
        self = prefix
    }

    /// Parses `address/length` strictly and says why not: a bare address is not a prefix, and host bits set are an
    /// error (`"2001:db8::1/32" has host bits set (did you mean 2001:db8::/32?)`) because in an inventory they
    /// usually mean a typo in the length.
    public init(parsing text: String) throws(AddressParseError) {
        let quoted = AddressParseError.quoted(text)
        guard let slash = text.utf8.firstIndex(of: UInt8(ascii: "/")) else {
            let hint = IPAddress(text) == nil ? "" : " (missing /length)"
            throw AddressParseError(message: "\(quoted) is not an IPv4 or IPv6 prefix\(hint)")
        }
        guard let address = IPAddress(text[..<slash]),
              let length = Self.parseLength(text.utf8[text.utf8.index(after: slash)...])
        else {
            throw AddressParseError(message: "\(quoted) is not an IPv4 or IPv6 prefix")
        }
        let width = address.family.bitWidth
        guard length <= width else {
            throw AddressParseError(message: "prefix length \(length) is longer than \(width)")
        }
        let prefix = IPPrefix(address: address, length: length)
        guard prefix.address == address else {
            throw AddressParseError(message: "\(quoted) has host bits set (did you mean \(prefix)?)")
        }
        self = prefix
    }

    /// The prefix of `length` bits that holds `address`; host bits are cleared, so `192.0.2.77` with 24 gives
    /// `192.0.2.0/24`.
    public init(address: IPAddress, length: Int) {
        precondition((0...address.family.bitWidth).contains(length),
                     "prefix length \(length) is outside 0...\(address.family.bitWidth) for \(address.family)")
        self.address = address.masked(toLength: length)
        self.length = length
    }

    public var family: AddressFamily { address.family }

    /// True if `address` lies in this prefix. Always false across families (an IPv4-mapped IPv6 address is not in
    /// an IPv4 prefix). When both sides carry a zone, the zones must match too.
    public func contains(_ address: IPAddress) -> Bool {
        guard address.family == family else { return false }
        if let zone = self.address.zone, let otherZone = address.zone, zone != otherZone { return false }
        return address.bits & networkMask == self.address.bits
    }

    /// True if every address of `other` lies in this prefix.
    public func contains(_ other: IPPrefix) -> Bool {
        other.length >= length && contains(other.address)
    }

    /// True if the two prefixes share any address (for prefixes, that means one contains the other).
    public func overlaps(_ other: IPPrefix) -> Bool {
        contains(other) || other.contains(self)
    }

    /// How many addresses the prefix spans, 2^(bits − length); a Double because an IPv6 /32 holds 2^96.
    public var addressCount: Double {
        Double(sign: .plus, exponent: hostBits, significand: 1)
    }

    /// Every address of the prefix, network address first and nothing skipped (the IPv4 broadcast address included),
    /// lazily in constant memory. Throws if the prefix holds more than `limit` addresses, so that a /32 of IPv6 is
    /// never enumerated by accident.
    public func addresses(limit: Int) throws(AddressParseError) -> PrefixAddresses {
        guard hostBits < 63, 1 << hostBits <= limit else {
            let count = hostBits < 53 ? String(1 << hostBits) : "2^\(hostBits)"
            throw AddressParseError(message: "\(self) holds \(count) addresses, more than the limit of \(limit)")
        }
        return PrefixAddresses(first: address, count: 1 << hostBits)
    }

    /// The prefixes of `newLength` bits that tile this one, in address order, produced lazily (an IPv6 /48 split into
    /// /64s yields 65,536 of them without building a list). `newLength` must lie in `length...bitWidth`.
    public func subnets(newLength: Int) -> PrefixSubnets {
        precondition((length...family.bitWidth).contains(newLength),
                     "cannot split \(self) into /\(newLength) subnets; the new length must be \(length)...\(family.bitWidth)")
        return PrefixSubnets(parent: self, newLength: newLength)
    }

    /// How many `newLength`-bit subnets this prefix holds, 2^(newLength − length).
    public func subnetCount(newLength: Int) -> Double {
        Double(sign: .plus, exponent: newLength - length, significand: 1)
    }

    /// The address at `index` places after the network address, or nil if that is outside the prefix.
    public func nth(_ index: UInt64) -> IPAddress? {
        if hostBits < 64, index >> UInt64(hostBits) != 0 { return nil }
        return address.withBits(address.bits.addingReportingOverflow(Bits128(index)).partialValue)
    }

    /// The highest address of the prefix (the IPv4 broadcast address, the IPv6 all-ones interface id).
    public var lastAddress: IPAddress {
        address.withBits(address.bits | Bits128.lowOnes(hostBits))
    }

    public var description: String { "\(address)/\(length)" }

    /// Orders by network address, then shorter (wider) prefixes first.
    public static func < (lhs: IPPrefix, rhs: IPPrefix) -> Bool {
        if lhs.address != rhs.address { return lhs.address < rhs.address }
        return lhs.length < rhs.length
    }

    // MARK: - Internals

    /// Bits not fixed by the prefix.
    var hostBits: Int { family.bitWidth - length }

    var networkMask: Bits128 { Bits128.networkMask(prefixLength: length, width: family.bitWidth) }

    /// A strict decimal length: 1 to 3 digits, no sign, no leading zeros.
    private static func parseLength(_ digits: Substring.UTF8View) -> Int? {
        guard (1...3).contains(digits.count) else { return nil }
        if digits.count > 1, digits.first == UInt8(ascii: "0") { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
