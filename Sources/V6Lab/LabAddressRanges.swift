import V6Core

/// The only addresses a lab ever uses: documentation and benchmarking ranges, which nobody routes on the Internet.
/// One /24 and one /48 of them are kept for the lab's own links ("transit"); hosts and bulk targets use the rest.
public enum LabAddressRanges {
    /// Every address the lab configures or routes lies in one of these (RFC 5737, RFC 2544, RFC 3849, RFC 5180).
    public static let allowed: [IPPrefix] = [
        "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "198.18.0.0/15", "2001:db8::/32", "2001:2::/48",
    ].map { IPPrefix($0)! }

    /// The lab's own point-to-point links (one /30 each): scanner, router, bulk and host link addresses.
    public static let transitIPv4 = IPPrefix("198.51.100.0/24")!
    /// The lab's own point-to-point links (one /64 each).
    public static let transitIPv6 = IPPrefix("2001:db8:ffff::/48")!

    /// How many links fit in the IPv4 transit range (64 /30s): link 0 scanner–router, link 1 scanner–bulk, the
    /// rest router–host.
    public static let linkCount = 64
    /// The most hosts one lab can hold.
    public static let maximumHosts = linkCount - 2

    /// The transit prefix of `family`.
    public static func transit(_ family: AddressFamily) -> IPPrefix {
        family == .v4 ? transitIPv4 : transitIPv6
    }

    /// True if `address` lies in one of the allowed ranges.
    public static func isLabAddress(_ address: IPAddress) -> Bool {
        allowed.contains { $0.contains(address) }
    }

    /// True if `prefix` lies inside one of the allowed ranges.
    public static func isLabPrefix(_ prefix: IPPrefix) -> Bool {
        allowed.contains { $0.contains(prefix) }
    }

    /// True if hosts and bulk targets may use `address`: a lab address outside the transit ranges.
    public static func isAvailable(_ address: IPAddress) -> Bool {
        isLabAddress(address) && !transit(address.family).contains(address)
    }

    /// The two ends of link `link`: the upstream end (scanner or router side) and the downstream end, each with
    /// its prefix length. IPv4 `198.51.100.4k+1/30` and `+2`; IPv6 `2001:db8:ffff:k::1/64` and `::2`.
    static func linkAddresses(_ link: Int, _ family: AddressFamily) -> (upstream: IPAddress, downstream: IPAddress,
                                                                        length: Int) {
        precondition((0..<linkCount).contains(link), "link \(link) is outside 0..<\(linkCount)")
        switch family {
        case .v4:
            let base = transitIPv4.nth(UInt64(4 * link))!
            return (base.advanced(by: 1), base.advanced(by: 2), 30)
        case .v6:
            // 2001:db8:ffff::/48 leaves 16 bits of subnet id: link k is 2001:db8:ffff:k::/64.
            let high = transitIPv6.address.ipv6!.high | UInt64(link)
            return (.v6(IPv6Address(high: high, low: 1)), .v6(IPv6Address(high: high, low: 2)), 64)
        }
    }
}
