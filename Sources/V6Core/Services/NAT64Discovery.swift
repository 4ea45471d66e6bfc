/// Where a NAT64 prefix was learnt.
public enum NAT64PrefixSource: String, Sendable, CaseIterable, CustomStringConvertible {
    /// RFC 7050: the vantage's DNS64 resolver synthesized AAAA records for `ipv4only.arpa`.
    case dns64 = "dns64"
    /// RFC 8781: a router advertisement's PREF64 option on the vantage's link.
    case pref64 = "ra-pref64"
    public var description: String { rawValue }
}

/// One prefix and where it came from.
public struct DiscoveredNAT64Prefix: Hashable, Sendable {
    public var prefix: NAT64Prefix
    public var source: NAT64PrefixSource
    public init(_ prefix: NAT64Prefix, source: NAT64PrefixSource) { self.prefix = prefix; self.source = source }
}

/// RFC 7050 prefix discovery, from the AAAA answers for `ipv4only.arpa` (pure: the DNS exchange is elsewhere).
public enum NAT64Discovery {
    /// The name whose A records are the two well-known addresses 192.0.0.170 and 192.0.0.171 (RFC 7050 §2.2).
    public static let queryName = DNSName("ipv4only.arpa")!
    public static let wellKnownIPv4 = [IPv4Address("192.0.0.170")!, IPv4Address("192.0.0.171")!]

    /// The prefixes the answers reveal, in answer order, each once. For every AAAA the RFC 6052 positions are
    /// searched for a well-known address; where one answer matches at several lengths, the length at which the
    /// other answers match too wins (RFC 7050 §3: with both WKAs present, they must sit at one position), else the
    /// longest. Answers without a well-known address are ignored (§3: not synthesized by DNS64).
    public static func prefixes(fromAnswers answers: [IPv6Address]) -> [NAT64Prefix] {
        func candidates(_ address: IPv6Address) -> [NAT64Prefix] {
            NAT64Prefix.allowedLengths.reversed().compactMap { length in
                guard let prefix = NAT64Prefix(IPPrefix(address: .v6(address), length: length)),
                      let embedded = prefix.extract(address), wellKnownIPv4.contains(embedded) else { return nil }
                // Bits after the IPv4 address (the suffix) must be zero (RFC 6052 §2.2).
                return prefix.embed(embedded) == IPv6Address(high: address.high, low: address.low) ? prefix : nil
            }
        }
        let all = answers.map(candidates)
        var found: [NAT64Prefix] = []
        for list in all where !list.isEmpty {
            let shared = list.first { candidate in all.filter { !$0.isEmpty }.allSatisfy { $0.contains(candidate) } }
            let chosen = shared ?? list[0]
            if !found.contains(chosen) { found.append(chosen) }
        }
        return found
    }

    /// The prefixes announced in router advertisements' PREF64 options that are valid RFC 6052 prefixes.
    public static func prefixes(fromRouterAdvertisements ras: [RouterAdvertisement]) -> [NAT64Prefix] {
        var found: [NAT64Prefix] = []
        for ra in ras {
            for option in ra.pref64 where option.lifetime > 0 {
                if let prefix = NAT64Prefix(option.prefix), !found.contains(prefix) { found.append(prefix) }
            }
        }
        return found
    }
}
