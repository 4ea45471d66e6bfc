/// What kind of address something is, by the IANA special-purpose registries. Lets the planner and the scanner tell
/// documentation, private and link-local space from global space without repeating prefix tables.
///
/// Raw values are the words written to reports and JSON.
public enum AddressClass: String, Sendable, CaseIterable, CustomStringConvertible {
    /// `0.0.0.0` and `::`.
    case unspecified
    /// `127.0.0.0/8` and `::1`.
    case loopback
    /// `169.254.0.0/16` and `fe80::/10`.
    case linkLocal = "link-local"
    /// `fc00::/7` (IPv6 only).
    case uniqueLocal = "unique-local"
    /// RFC 1918: `10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`.
    case privateUse = "private"
    /// RFC 6598 carrier-grade NAT space `100.64.0.0/10`.
    case sharedAddressSpace = "shared"
    /// `192.0.2.0/24`, `198.51.100.0/24`, `203.0.113.0/24`, `2001:db8::/32`, `3fff::/20`.
    case documentation
    /// `198.18.0.0/15` and `2001:2::/48`.
    case benchmarking
    /// `224.0.0.0/4` and `ff00::/8`.
    case multicast
    /// `::ffff:0:0/96`: an IPv4 address seen through an IPv6 socket.
    case ipv4Mapped = "ipv4-mapped"
    /// `64:ff9b::/96`: the well-known NAT64 prefix.
    case nat64 = "nat64"
    /// Everything else.
    case global

    public var description: String { rawValue }
}
