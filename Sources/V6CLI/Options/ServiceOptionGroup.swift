import V6Core
import V6Services

/// The service-check options `scan` and `probe --service` share.
public struct ServiceOptionGroup: ParsableArguments {
    @Option("--resolver", value: "ADDR", repeatableHelp: "DNS server for service checks: 192.0.2.53, 2001:db8::53 or [2001:db8::53]:5353 (default: /etc/resolv.conf; with --netns NAME, /etc/netns/NAME/resolv.conf as ip netns exec uses it, never the machine's).")
    var resolvers: [ResolverList]

    @Flag("--no-dns", help: "Judge services on the inventory's addresses without looking their names up.")
    var noDNS: Bool

    @Option("--service-timeout", value: "MS", range: 100...60_000, help: "Wait this long for a service's connection, page, greeting or DNS answer (default 4000).")
    var timeout: Int?

    public init() {}

    public mutating func validate() throws(CLIError) {
        if noDNS && !resolvers.isEmpty { throw .argument("--no-dns and --resolver contradict each other") }
    }

    /// An IPv6-only vantage cannot ask an IPv4 resolver: a usage error that says so.
    func requireIPv6Resolvers(for vantage: ScanVantage?) throws(CLIError) {
        guard vantage == .ipv6Only else { return }
        let v4 = resolvers.flatMap(\.resolvers).filter { $0.address.family == .v4 }
        if !v4.isEmpty {
            throw .argument("--resolver \(v4.map(\.description).joined(separator: ", ")) is IPv4: an IPv6-only vantage (--vantage ipv6-only) cannot reach it; name an IPv6 resolver")
        }
    }

    var settings: ServiceRunSettings {
        var settings = ServiceRunSettings()
        settings.resolvers = resolvers.flatMap(\.resolvers)
        settings.useDNS = !noDNS
        if let timeout { settings.options.timeoutMilliseconds = timeout }
        return settings
    }
}
