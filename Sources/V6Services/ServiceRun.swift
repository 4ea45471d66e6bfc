import V6Core
import V6System

/// How `scan` and `probe --service` want services checked, from their command lines.
public struct ServiceRunSettings: Sendable {
    /// `--resolver` addresses; empty means the system's (`/etc/resolv.conf`).
    public var resolvers: [ResolverAddress] = []
    /// False with `--no-dns`: named services are judged on the inventory's addresses.
    public var useDNS = true
    public var options = ServiceCheckOptions()
    /// Time to wait for a resolver's answer.
    public var resolverTimeoutMilliseconds = 2000

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
        if settings.useDNS {
            if !settings.resolvers.isEmpty {
                dns = DNSClient(configuration: ResolverConfiguration(
                    servers: settings.resolvers, timeoutMilliseconds: settings.resolverTimeoutMilliseconds, attempts: 2))
            } else if requests.contains(where: { $0.name != nil }) {
                do {
                    var system = try DNSClient.system()
                    system.configuration.timeoutMilliseconds = min(system.configuration.timeoutMilliseconds,
                                                                   settings.resolverTimeoutMilliseconds)
                    dns = system
                } catch {
                    dnsUnavailable = error.message
                    notices.append("services: no DNS (\(error.message)); named services are judged on the inventory's "
                                   + "addresses. Give a resolver with --resolver ADDR.")
                }
            }
        }
        let checker = ServiceChecker(options: settings.options, dns: dns, dnsUnavailable: dnsUnavailable, pmtu: pmtu)
        return checker.check(requests)
    }
}
