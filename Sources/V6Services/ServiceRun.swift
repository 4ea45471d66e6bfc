import V6Core
import V6System

/// How `scan` and `probe --service` want services checked, from their command lines.
public struct ServiceRunSettings: Sendable {
    /// `--resolver` addresses; empty means the resolv.conf of where the run is (see `networkNamespace`).
    public var resolvers: [ResolverAddress] = []
    /// `--netns NAME`: without `resolvers`, the run's resolver is `/etc/netns/NAME/resolv.conf` (as for
    /// `ip netns exec`), never this machine's /etc/resolv.conf.
    public var networkNamespace: String?
    /// False with `--no-dns`: named services are judged on the inventory's addresses.
    public var useDNS = true
    public var options = ServiceCheckOptions()
    /// Time to wait for a resolver's answer.
    public var resolverTimeoutMilliseconds = 2000
    /// Where the run looks from; IPv6-only also discovers the NAT64 prefix (`ServiceRun.nat64`).
    public var vantage: ScanVantage = .dualStack

    public init() {}
}

/// A service-check run as the commands use it: opened where the sockets must live (inside `--netns`) and before
/// privileges are dropped, because PMTU probes need ICMP sockets; run afterwards. Whatever could not be set up
/// (no resolver, no ICMP) is a notice for stderr and a not-testable sub-check, never a failure of the run.
public final class ServiceRun {
    public let settings: ServiceRunSettings
    private let pmtu: Result<PMTUProber, PMTUUnavailable>
    /// One sentence per thing the user should know about how services were checked.
    public private(set) var notices: [String] = []
    /// From an IPv6-only vantage, after `check`: the NAT64 prefixes found and where from (the `nat64` line).
    public private(set) var nat64: NAT64Report?
    /// PREF64 prefixes heard on the vantage's link when it listened (RFC 8781), set before `check`.
    public var pref64: [NAT64Prefix]?
    public var pref64Interface: String?

    /// Opens the PMTU prober's ICMP sockets in the current network namespace.
    public init(settings: ServiceRunSettings) {
        self.settings = settings
        pmtu = PMTUProber.open()
        if case .failure(let unavailable) = pmtu {
            notices.append("services: the PMTU check is not testable: \(unavailable.reason).")
        }
    }

    /// Checks every request; one report each, in order.
    public func check(_ requests: [ServiceRequest]) -> [ServiceReport] {
        var dns: DNSClient?
        var dnsUnavailable = "--no-dns was given"
        if settings.useDNS, requests.contains(where: { $0.name != nil }) || !settings.resolvers.isEmpty {
            switch resolver() {
            case .success(let client):
                dns = client
            case .failure(let why):
                dnsUnavailable = why.note
                notices.append(why.notice)
            }
        }
        var options = settings.options
        options.vantage = settings.vantage
        if settings.vantage == .ipv6Only {
            let found = dns?.discoverNAT64()
            nat64 = NAT64Report(vantage: .ipv6Only, resolvers: dns?.configuration.servers.map(\.description) ?? [],
                                dns64: found?.prefixes, dns64Note: found?.note ?? (dns == nil ? dnsUnavailable : nil),
                                pref64: pref64, interface: pref64Interface)
            options.nat64 = nat64!.prefixes
        }
        let checker = ServiceChecker(options: options, dns: dns, dnsUnavailable: dnsUnavailable, pmtu: pmtu)
        return checker.check(requests)
    }

    /// Why there is no resolver: a short note for each service, and the notice said once.
    struct NoResolver: Error {
        var note: String
        var notice: String
    }

    /// The DNS client the settings call for (`ResolverSource`).
    func resolver() -> Result<DNSClient, NoResolver> {
        let chosen = anyResolver()
        guard settings.vantage == .ipv6Only, case .success(var client) = chosen else { return chosen }
        let v4 = client.configuration.servers.filter { $0.address.family == .v4 }
        guard !v4.isEmpty else { return chosen }
        client.configuration.servers.removeAll { $0.address.family == .v4 }
        let listed = v4.map(\.description).joined(separator: ", ")
        if client.configuration.servers.isEmpty {
            let why = "the resolver \(listed) is IPv4: an IPv6-only vantage cannot reach it (name an IPv6 resolver with --resolver)"
            return .failure(NoResolver(note: why, notice: "services: no DNS: \(why)"))
        }
        notices.append("services: IPv4 resolver \(listed) skipped: an IPv6-only vantage cannot reach it")
        return .success(client)
    }

    func anyResolver() -> Result<DNSClient, NoResolver> {
        let source: ResolverSource
        do {
            source = try ResolverSource.choose(resolvers: settings.resolvers, useDNS: settings.useDNS,
                                               networkNamespace: settings.networkNamespace)
        } catch {
            return .failure(NoResolver(note: error.message, notice: "services: no DNS: --netns \(error.message)"))
        }
        switch source {
        case .given(let servers):
            return .success(DNSClient(configuration: ResolverConfiguration(
                servers: servers, timeoutMilliseconds: settings.resolverTimeoutMilliseconds, attempts: 2)))
        case .file(let path, _):
            let reason: String
            if !FileSystem.exists(path) {
                reason = "does not exist"
            } else {
                do {
                    var client = try DNSClient.system(resolvConf: path)
                    client.configuration.timeoutMilliseconds = min(client.configuration.timeoutMilliseconds,
                                                                   settings.resolverTimeoutMilliseconds)
                    return .success(client)
                } catch {
                    reason = error.kind == .noServer && error.message.hasSuffix("names no nameserver")
                        ? "names no nameserver" : "cannot be read: \(error.message)"
                }
            }
            return .failure(NoResolver(note: source.unavailableNote(reason), notice: source.unavailableNotice(reason)))
        case .disabled:
            return .failure(NoResolver(note: "--no-dns was given", notice: "services: --no-dns was given"))
        }
    }
}
