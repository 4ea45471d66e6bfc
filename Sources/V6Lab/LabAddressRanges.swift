import V6Core

/// The only addresses a lab ever uses: documentation and benchmarking ranges, which nobody routes on the Internet.
/// One /24 and one /48 of them are kept for the lab's own links ("transit", `LabTransit`); hosts and bulk targets
/// use the rest.
public enum LabAddressRanges {
    /// Every address the lab configures or routes lies in one of these (RFC 5737, RFC 2544, RFC 3849, RFC 5180).
    public static let allowed: [IPPrefix] = [
        "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "198.18.0.0/15", "2001:db8::/32", "2001:2::/48",
    ].map { IPPrefix($0)! }

    /// The default transit ranges' IPv4 part (`LabTransit.standard`).
    public static let transitIPv4 = LabTransit.standard.ipv4
    /// The default transit ranges' IPv6 part (`LabTransit.standard`).
    public static let transitIPv6 = LabTransit.standard.ipv6

    /// How many links fit in the IPv4 transit range (64 /30s): link 0 scanner–router, link 1 scanner–bulk, the
    /// rest router–host.
    public static let linkCount = 64
    /// The most hosts one lab can hold.
    public static let maximumHosts = linkCount - 2

    /// The default transit prefix of `family`.
    public static func transit(_ family: AddressFamily) -> IPPrefix {
        LabTransit.standard[family]
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
    public static func isAvailable(_ address: IPAddress, transit: LabTransit = .standard) -> Bool {
        isLabAddress(address) && !transit[address.family].contains(address)
    }

    /// The two ends of link `link`: the upstream end (scanner or router side) and the downstream end, each with
    /// its prefix length. IPv4 `<transit>.4k+1/30` and `+2`; IPv6 `<transit>:k::1/64` and `::2`.
    static func linkAddresses(_ link: Int, _ family: AddressFamily, transit: LabTransit = .standard)
        -> (upstream: IPAddress, downstream: IPAddress, length: Int) {
        precondition((0..<linkCount).contains(link), "link \(link) is outside 0..<\(linkCount)")
        switch family {
        case .v4:
            let base = transit.ipv4.nth(UInt64(4 * link))!
            return (base.advanced(by: 1), base.advanced(by: 2), 30)
        case .v6:
            // A /48 leaves 16 bits of subnet id: link k is <transit>:k::/64.
            let high = transit.ipv6.address.ipv6!.high | UInt64(link)
            return (.v6(IPv6Address(high: high, low: 1)), .v6(IPv6Address(high: high, low: 2)), 64)
        }
    }
}

/// The ranges a lab numbers its own links from: one IPv4 /24 (64 /30s) and one IPv6 /48 (a /64 per link), both
/// inside `LabAddressRanges.allowed`. A lab that stands in for an inventory takes ranges the inventory does not use
/// (`LabTransit.avoiding`), so that no inventoried address lands on a link end of the lab itself.
public struct LabTransit: Sendable, Hashable, CustomStringConvertible {
    public var ipv4: IPPrefix
    public var ipv6: IPPrefix

    /// Throws unless `ipv4` is a /24 and `ipv6` a /48 inside the lab ranges.
    public init(ipv4: IPPrefix, ipv6: IPPrefix) throws {
        guard ipv4.family == .v4, ipv4.length == 24, ipv6.family == .v6, ipv6.length == 48,
              LabAddressRanges.isLabPrefix(ipv4), LabAddressRanges.isLabPrefix(ipv6) else {
            throw LabError.invalidSpec("transit \(ipv4) and \(ipv6) must be an IPv4 /24 and an IPv6 /48 inside "
                + LabAddressRanges.allowed.map(\.description).joined(separator: ", "))
        }
        self.ipv4 = ipv4
        self.ipv6 = ipv6
    }

    private init(unchecked ipv4: IPPrefix, _ ipv6: IPPrefix) {
        self.ipv4 = ipv4
        self.ipv6 = ipv6
    }

    /// 198.51.100.0/24 and 2001:db8:ffff::/48: what every lab used before transit could move.
    public static let standard = LabTransit(unchecked: IPPrefix("198.51.100.0/24")!, IPPrefix("2001:db8:ffff::/48")!)

    /// The transit prefix of `family`.
    public subscript(family: AddressFamily) -> IPPrefix {
        family == .v4 ? ipv4 : ipv6
    }

    /// Candidates in order of preference: the standard ranges first, then the other documentation /24s and /48s.
    static let ipv4Candidates = ["198.51.100.0/24", "192.0.2.0/24", "203.0.113.0/24"].map { IPPrefix($0)! }
    static let ipv6Candidates = ["2001:db8:ffff::/48", "2001:2::/48", "2001:db8:fffe::/48"].map { IPPrefix($0)! }

    /// The first candidate ranges that hold none of `addresses` and overlap none of `prefixes` (an inventory's
    /// addresses and segment prefixes); a range that only overlaps a prefix is taken when nothing is fully free;
    /// `standard`'s range of a family when every candidate holds one of the addresses.
    public static func avoiding(addresses: [IPAddress], prefixes: [IPPrefix]) -> LabTransit {
        func pick(_ candidates: [IPPrefix], _ fallback: IPPrefix) -> IPPrefix {
            let free = candidates.filter { candidate in !addresses.contains { candidate.contains($0) } }
            return free.first { candidate in !prefixes.contains { $0.overlaps(candidate) } } ?? free.first ?? fallback
        }
        return LabTransit(unchecked: pick(ipv4Candidates, standard.ipv4), pick(ipv6Candidates, standard.ipv6))
    }

    public var description: String { "\(ipv4) and \(ipv6)" }
}
