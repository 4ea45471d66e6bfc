import V6Core

/// What a built lab looks like from outside: its namespaces, interfaces and addresses. Computed from the spec
/// before anything is created, saved next to the lab (so `v6ready lab down` and the demo can find a lab another
/// process built), and the source of `Lab`'s accessors. Addresses are kept as text so the file stays plain JSON.
public struct LabLayout: Codable, Sendable, Hashable {
    /// One host namespace.
    public struct Host: Codable, Sendable, Hashable {
        public var name: String
        public var namespace: String
        /// Service addresses, spec order.
        public var addresses: [String]
        public var openTCPPorts: [Int]
        /// The behaviours, as their descriptions (`echo-filtered IPv6`, `impaired loss 10%`).
        public var behaviours: [String]
        /// The host's veth end (in the host namespace).
        public var interface: String
        /// The router's veth end toward the host (in the router namespace).
        public var routerInterface: String
        /// The real servers, as their descriptions (`nsd on 203.0.113.4,2001:db8::4 port 53 serving 3 zones`);
        /// nil when there are none (and in registrations written before servers existed).
        public var servers: [String]?
    }

    /// The bulk-targets namespace.
    public struct Bulk: Codable, Sendable, Hashable {
        public var namespace: String
        public var answering: [String]
        public var silent: [String]
        public var openTCPPorts: [Int]
        /// The bulk namespace's veth end.
        public var interface: String
        /// The scanner's veth end toward the bulk namespace.
        public var scannerInterface: String
    }

    /// The lab's identity, six hex digits.
    public var id: String
    /// Every namespace, in creation order (scanner first).
    public var namespaces: [String]
    public var scannerNamespace: String
    /// The scanner's own addresses (sources of its probes), both families.
    public var scannerAddresses: [String]
    public var routerNamespace: String?
    /// The scanner's veth end toward the router.
    public var scannerRouterInterface: String?
    public var hosts: [Host]
    public var bulk: Bulk?
    /// The scanner's name servers (`/etc/netns/<scanner>/resolv.conf`), when the lab runs one.
    public var scannerResolvers: [String]?
    /// The transit ranges, IPv4 then IPv6 (nil in registrations written before transit could move).
    public var transit: [String]?
    /// The IPv6-only client's namespace, its resolver (Unbound with DNS64) and the NAT64 prefix, when the lab has one.
    public var ipv6OnlyClientNamespace: String?
    public var ipv6OnlyClientResolvers: [String]?
    public var nat64Prefix: String?
}
