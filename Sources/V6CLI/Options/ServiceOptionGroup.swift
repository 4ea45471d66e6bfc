import V6Core
import V6Services
import V6System

/// The service-check options `scan` and `probe --service` share.
public struct ServiceOptionGroup: ParsableArguments {
    @Option("--resolver", value: "ADDR", repeatableHelp: "DNS server for service checks: 192.0.2.53, 2001:db8::53 or [2001:db8::53]:5353 (default: /etc/resolv.conf; with --netns NAME, /etc/netns/NAME/resolv.conf as ip netns exec uses it, never the machine's).")
    var resolvers: [ResolverList]

    @Flag("--no-dns", help: "Judge services on the inventory's addresses without looking their names up.")
    var noDNS: Bool

    @Option("--service-timeout", value: "MS", range: 100...60_000, help: "Wait this long for a service's connection, page, greeting or DNS answer (default 4000).")
    var timeout: Int?

    @Flag("--dnssec", help: "Validate DNSSEC for web and DNS services (a `dnssec` sub-check): the chain from the root key-signing keys 20326 and 38696 down to the name's SOA, NS, A, AAAA and MX signatures, verified by v6ready itself.")
    var dnssec: Bool

    @Option("--trust-anchor", value: "FILE", help: "DS or DNSKEY records (presentation format, one per line) to start DNSSEC validation from instead of the root keys; implies --dnssec. Example line: `vidu.example. IN DS 12345 13 2 9F86D0...`.")
    var trustAnchorFile: String?

    public init() {}

    public mutating func validate() throws(CLIError) {
        if noDNS && !resolvers.isEmpty { throw .argument("--no-dns and --resolver contradict each other") }
        if noDNS && (dnssec || trustAnchorFile != nil) { throw .argument("--no-dns leaves nothing for --dnssec to validate") }
        if let path = trustAnchorFile { _ = try Self.loadAnchors(path) }
    }

    /// Reads a `--trust-anchor` file; `validate()` reports its errors, `settings` reads it again (the group's
    /// `validate()` runs on a copy, so nothing it stores survives).
    static func loadAnchors(_ path: String) throws(CLIError) -> [DNSSECTrustAnchor] {
        let text: String
        do {
            text = String(decoding: try FileSystem.readFile(path), as: UTF8.self)
        } catch {
            throw .argument("--trust-anchor \(path): cannot read it: \(error)")
        }
        let anchors: [DNSSECTrustAnchor]
        do {
            anchors = try DNSSECPresentation.trustAnchors(text)
        } catch {
            throw .argument("--trust-anchor \(path): \(error)")
        }
        if anchors.isEmpty { throw .argument("--trust-anchor \(path): no DS or DNSKEY record in it") }
        return anchors
    }

    /// An IPv6-only vantage cannot ask an IPv4 resolver: a usage error that says so.
    func requireIPv6Resolvers(for vantage: ScanVantage?) throws(CLIError) {
        guard vantage == .ipv6Only else { return }
        let v4 = resolvers.flatMap(\.resolvers).filter { $0.address.family == .v4 }
        if !v4.isEmpty {
            throw .argument("--resolver \(v4.map(\.description).joined(separator: ", ")) is IPv4: an IPv6-only vantage (--vantage ipv6-only) cannot reach it; name an IPv6 resolver")
        }
    }

    /// The settings the options say; throws when the `--trust-anchor` file cannot be read now (after a privilege
    /// drop it is read as the invoking user), rather than validating from no anchor at all.
    var settings: ServiceRunSettings {
        get throws(CLIError) {
        var settings = ServiceRunSettings()
        settings.resolvers = resolvers.flatMap(\.resolvers)
        settings.useDNS = !noDNS
        if let timeout { settings.options.timeoutMilliseconds = timeout }
        if let path = trustAnchorFile {
            settings.options.dnssecAnchors = try Self.loadAnchors(path)
        } else if dnssec {
            settings.options.dnssecAnchors = [.root]
        }
        return settings
        }
    }
}
