import V6Core

/// An IPv6-only client segment behind the router of a `LabSpec`: a namespace with IPv6 only (no IPv4 address, no
/// IPv4 route), TAYGA in the router translating `nat64.prefix` to IPv4 from `nat64.pool`, and Unbound in the router
/// with DNS64 on that prefix, forwarding to the lab's own name server (the spec's `resolver`, which then also
/// serves `ipv4only.arpa` for RFC 7050 discovery). What a state agency's IPv6-only pilot looks like from a client:
/// the inventory's IPv4-only services reached only through the translator, its dual-stack ones natively.
public struct LabIPv6OnlyClient: Hashable, Sendable {
    public var nat64: LabNAT64

    public init(nat64: LabNAT64) {
        self.nat64 = nat64
    }

    /// A client whose NAT64 prefix (network-specific, a /96 of 2001:db8::/32) and IPv4 pool (a /24 of
    /// 198.18.0.0/15) lie outside every address and prefix given and outside the transit ranges. The well-known
    /// prefix is not used: TAYGA, as RFC 6052 §3.1 asks, refuses to translate documentation-range IPv4 with it.
    public static func avoiding(addresses: [IPAddress], prefixes: [IPPrefix], transit: LabTransit) -> LabIPv6OnlyClient {
        func free(_ candidate: IPPrefix) -> Bool {
            !addresses.contains { candidate.contains($0) } && !prefixes.contains { $0.overlaps(candidate) }
                && !transit[candidate.family].overlaps(candidate)
        }
        // The /96 and TAYGA's own IPv6 address (outside the prefix, as TAYGA insists) share a /64 nobody uses.
        let block = (0x64...0xff).lazy.map { IPPrefix("2001:db8:\(String($0, radix: 16))::/64")! }.first(where: free)
            ?? IPPrefix("2001:db8:64::/64")!
        let prefix = IPPrefix(address: block.address, length: 96)
        let pool = (0...255).lazy.map { IPPrefix("198.19.\(255 - $0).0/24")! }.first(where: free)
            ?? IPPrefix("198.19.255.0/24")!
        let nat64Prefix = NAT64Prefix(prefix)!
        let translator = IPAddress("198.19.\(pool.address.description.split(separator: ".")[2]).1")!
        return LabIPv6OnlyClient(nat64: LabNAT64(device: "nat64", prefix: nat64Prefix, ipv4Address: translator, pool: pool,
                                                 ipv6Address: IPAddress(block.address.description.replacingOccurrences(of: "::", with: "::1:0:0:1"))!))
    }

    /// `ipv4only.arpa` as RFC 7050 has it (A 192.0.0.170 and .171), for the lab's name server: DNS64 turns it
    /// into the AAAA records from which a client learns the prefix.
    static func ipv4OnlyArpa(primary: String) -> LabDNSZone {
        LabDNSZone(origin: "ipv4only.arpa", primary: primary, records: [
            .init("@", "NS", primary), .init("@", "A", "192.0.0.170"), .init("@", "A", "192.0.0.171")])
    }
}

/// A daemon the lab runs for its IPv6-only client: the NAT64 translator or the DNS64 resolver.
public enum LabTranslatorDaemon: Hashable, Sendable, CustomStringConvertible {
    case nat64(LabNAT64)
    case dns64(LabDNS64Resolver)

    public var program: LabServerProgram {
        switch self {
        case .nat64: .tayga
        case .dns64: .unbound
        }
    }

    public var description: String {
        switch self {
        case .nat64(let nat64): "tayga on \(nat64.device): \(nat64.prefix) from pool \(nat64.pool)"
        case .dns64(let resolver): "unbound on \(resolver.address) with dns64 \(resolver.dns64.map(\.description) ?? "off")"
        }
    }
}
