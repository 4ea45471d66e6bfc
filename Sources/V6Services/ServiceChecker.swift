import V6Core
import V6System

/// How service checks behave: how long to wait, what may be probed.
public struct ServiceCheckOptions: Sendable {
    /// Wait for a connection, a page, a greeting or a name server's answer (internet.nl waits 4 s).
    public var timeoutMilliseconds = 4000
    /// Connects per family for the Happy Eyeballs comparison; the best of them counts.
    public var happyEyeballsTries = 3
    public var thresholds = ServiceThresholds()
    /// Addresses outside this scope are not probed (their checks say so); nil allows any address.
    public var scope: Scope?
    /// From an IPv6-only vantage nothing is sent over IPv4, and each report gets its IPv6-only verdict.
    public var vantage: ScanVantage = .dualStack
    /// The NAT64 prefixes known at the vantage: addresses inside them are the translator's, not the service's.
    public var nat64: [NAT64Prefix] = []
    /// Trust anchors for the `dnssec` sub-check of web and DNS services; nil leaves DNSSEC unchecked.
    public var dnssecAnchors: [DNSSECTrustAnchor]?

    public init() {}
}

/// Checks services the way public IPv6 scorers do and says what colour each is. Runs on the calling thread: every
/// socket is created there, so inside `--netns` the checks stay in the namespace the thread entered.
///
/// The work goes in phases so that waiting overlaps: names are looked up; every TCP port of every service is
/// connected to at once; then pages, SMTP greetings, PTRs and name-server queries follow only where a connection
/// worked; PMTU echoes go out in one batch; Happy Eyeballs timings last.
public final class ServiceChecker {
    public let options: ServiceCheckOptions
    private let dns: DNSClient?
    var dnsForReferences: DNSClient? { dns }
    private let dnsUnavailable: String
    private let pmtu: Result<PMTUProber, PMTUUnavailable>

    /// `dns` nil means no lookups (`--no-dns`, or no resolver): named services fall back to the inventory's
    /// addresses and `dnsUnavailable` says why.
    public init(options: ServiceCheckOptions, dns: DNSClient?, dnsUnavailable: String = "DNS not available",
                pmtu: Result<PMTUProber, PMTUUnavailable>) {
        self.options = options
        self.dns = dns
        self.dnsUnavailable = dnsUnavailable
        self.pmtu = pmtu
    }

    /// One report per request, in request order.
    public func check(_ requests: [ServiceRequest]) -> [ServiceReport] {
        var plans = requests.map(resolve)
        markUnprobeable(&plans)
        // PMTU echoes wait for silence the longest; they run on their own thread while the TCP work goes on here.
        let pmtuJob = startPMTU(plans)
        connectEverything(&plans)
        for index in plans.indices {
            fetchPages(&plans[index])
            shakeHandsTLS(&plans[index])
            greetAndLookUpPointers(&plans[index])
            askNameServers(&plans[index])
            lookUpReferencedHosts(&plans[index])
            validateDNSSEC(&plans[index])
        }
        finishPMTU(&plans, pmtuJob)
        for index in plans.indices { timeHappyEyeballs(&plans[index]) }
        return plans.map { plan in
            var report = ServiceEvaluator.report(for: plan.request, observation: plan.observation, thresholds: options.thresholds)
            report.vantage = options.vantage
            report.ipv6Only = ipv6OnlyAssessment(plan)
            return report
        }
    }

    /// A request on its way to an observation.
    struct Plan {
        var request: ServiceRequest
        var observation: ServiceObservation
        /// The name asked about in name-server queries (the zone, or the server's parent domain).
        var question: DNSName = .root
    }

    // MARK: - Phase 1: names

    func resolve(_ request: ServiceRequest) -> Plan {
        switch request.profile {
        case .web: return singleHost(request, mode: .web)
        case .tcp: return singleHost(request, mode: .tcp)
        case .mail: return resolveMail(request)
        case .dns: return resolveZone(request)
        }
    }

    /// The inventory's addresses as a host, with a note saying why they are used.
    func inventoryHost(_ request: ServiceRequest, note: String?) -> HostAddresses {
        let v4 = request.inventoryAddresses.filter { $0.family == .v4 }
        let v6 = request.inventoryAddresses.filter { $0.family == .v6 }
        return HostAddresses(name: request.label, source: .inventory(note: note),
                             v4: v4.isEmpty ? .none("the inventory lists none") : .found(v4),
                             v6: v6.isEmpty ? .none("the inventory lists none") : .found(v6))
    }

    /// The host behind a single-host service: DNS when there is a name and a resolver, the inventory otherwise
    /// (and when both lookups fail).
    func host(for request: ServiceRequest) -> HostAddresses {
        guard let name = request.name else { return inventoryHost(request, note: nil) }
        guard let dns else { return inventoryHost(request, note: "DNS not asked: \(dnsUnavailable)") }
        let found = lookUp(name, dns)
        if case .failed(let why) = found.v6, case .failed = found.v4, !request.inventoryAddresses.isEmpty {
            return inventoryHost(request, note: "the DNS lookup failed: \(why)")
        }
        return found
    }

    func lookUp(_ name: DNSName, _ dns: DNSClient) -> HostAddresses {
        HostAddresses(name: ServiceRequest.displayName(name), source: .dns, v4: dns.addresses(of: name, .v4),
                      v6: dns.addresses(of: name, .v6))
    }

    func singleHost(_ request: ServiceRequest, mode: ServiceMode, host given: HostAddresses? = nil) -> Plan {
        let host = given ?? host(for: request)
        var observation = ServiceObservation(mode: mode, hosts: [host])
        if case .none(let v4Why) = host.v4, case .none(let v6Why) = host.v6 {
            switch host.source {
            case .dns:
                observation.absence = v4Why == v6Why ? "nothing is published: \(v6Why)"
                    : "nothing is published: \(host.name) has no A or AAAA record"
            case .inventory:
                observation.absence = "the inventory lists no address for this service"
            }
        }
        var plan = Plan(request: request, observation: observation)
        if mode == .dnsServer { plan.question = request.name?.parent ?? .root }
        return plan
    }

    func resolveMail(_ request: ServiceRequest) -> Plan {
        guard let name = request.name, let dns else { return singleHost(request, mode: .mailServer) }
        switch dns.records(.mx, of: name) {
        case .found(let data):
            var exchanges: [(preference: UInt16, name: DNSName)] = []
            for record in data {
                if case .mx(let preference, let exchange) = record, !exchanges.contains(where: { $0.name == exchange }) {
                    exchanges.append((preference, exchange))
                }
            }
            if exchanges.count == 1, exchanges[0].name.isRoot {
                return Plan(request: request, observation: ServiceObservation(
                    mode: .mailDomain, hosts: [],
                    absence: "null MX: \(request.label) says it accepts no mail (RFC 7505)"))
            }
            exchanges.sort { $0.preference < $1.preference }
            let hosts = exchanges.filter { !$0.name.isRoot }.map { lookUp($0.name, dns) }
            return Plan(request: request, observation: ServiceObservation(
                mode: .mailDomain, hosts: hosts, delegation: .found(hosts.map(\.name))))
        case .noData, .nonExistent:
            // No MX: the name is a mail server itself (or, for a domain, mail goes to its own address, RFC 5321 §5.1).
            return singleHost(request, mode: .mailServer, host: lookUp(name, dns))
        case .failed(let why):
            if !request.inventoryAddresses.isEmpty {
                return singleHost(request, mode: .mailServer,
                                  host: inventoryHost(request, note: "the MX lookup failed: \(why)"))
            }
            return Plan(request: request, observation: ServiceObservation(mode: .mailDomain, hosts: [],
                                                                          delegation: .failed(why)))
        }
    }

    func resolveZone(_ request: ServiceRequest) -> Plan {
        guard let name = request.name, let dns else { return singleHost(request, mode: .dnsServer) }
        switch dns.records(.ns, of: name) {
        case .found(let data):
            var servers: [DNSName] = []
            for record in data {
                if case .ns(let server) = record, !servers.contains(server) { servers.append(server) }
            }
            let hosts = servers.sorted { $0.description < $1.description }.map { lookUp($0, dns) }
            var plan = Plan(request: request, observation: ServiceObservation(
                mode: .dnsZone, hosts: hosts, delegation: .found(hosts.map(\.name))))
            plan.question = name
            return plan
        case .noData, .nonExistent:
            return singleHost(request, mode: .dnsServer, host: lookUp(name, dns))
        case .failed(let why):
            if !request.inventoryAddresses.isEmpty {
                return singleHost(request, mode: .dnsServer,
                                  host: inventoryHost(request, note: "the NS lookup failed: \(why)"))
            }
            var plan = Plan(request: request, observation: ServiceObservation(mode: .dnsZone, hosts: [],
                                                                              delegation: .failed(why)))
            plan.question = name
            return plan
        }
    }

    // MARK: - Phase 2: what may be probed

    func markUnprobeable(_ plans: inout [Plan]) {
        var verdicts: [IPAddress: String?] = [:]
        for index in plans.indices {
            for address in plans[index].observation.addresses(.v4) + plans[index].observation.addresses(.v6) {
                let reason: String?
                if let known = verdicts[address] {
                    reason = known
                } else {
                    reason = unprobeableReason(address)
                    verdicts[address] = reason
                }
                if let reason { plans[index].observation.notProbed[address] = reason }
            }
        }
    }

    func unprobeableReason(_ address: IPAddress) -> String? {
        if options.vantage == .ipv6Only && address.family == .v4 { return ScanVantage.ipv4NotSent }
        // A translated address is in scope when the IPv4 address it carries is (the translator only relays).
        let scoped = options.nat64.lazy.compactMap { p in address.ipv6.flatMap(p.extract).map(IPAddress.v4) }.first ?? address
        if address.addressClass != .loopback, let scope = options.scope, !scope.contains(scoped) {
            return "outside the inventory's scope, so not probed (add its prefix to the scope, or pass --outside-scope)"
        }
        if let problem = RouteCheck.problem(reaching: address) {
            return "not testable from this machine: no route to it (\(problem))"
        }
        return nil
    }

    // MARK: - Phase 3: TCP connects, all at once

    func connectEverything(_ plans: inout [Plan]) {
        var keys: [ConnectBatch.Key] = []
        for plan in plans {
            for key in connectKeys(plan) where !keys.contains(key) { keys.append(key) }
        }
        let outcomes = ConnectBatch.run(keys, timeoutMilliseconds: options.timeoutMilliseconds)
        for index in plans.indices {
            plans[index].observation.connects = connectKeys(plans[index]).compactMap { key in
                outcomes[key].map { ConnectObservation(address: key.address, port: key.port, outcome: $0) }
            }
        }
    }

    func connectKeys(_ plan: Plan) -> [ConnectBatch.Key] {
        let o = plan.observation
        let ports: [Int]
        var families: [AddressFamily] = [.v6]
        switch o.mode {
        case .web, .tcp:
            ports = plan.request.ports
            families = [.v4, .v6]
        case .mailServer:
            ports = plan.request.ports.filter { $0 != 25 }
        case .mailDomain, .dnsZone, .dnsServer:
            ports = []
        }
        var keys: [ConnectBatch.Key] = []
        for family in families {
            for address in o.addresses(family) where o.notProbed[address] == nil {
                for port in ports { keys.append(ConnectBatch.Key(address: address, port: port)) }
            }
        }
        return keys
    }

    // MARK: - Phase 4: conversations where a connection worked

    func fetchPages(_ plan: inout Plan) {
        let o = plan.observation
        guard o.mode == .web, plan.request.ports.contains(80) else { return }
        let host = plan.request.name.map(ServiceRequest.displayName) ?? plan.request.label
        var fetches: [FetchObservation] = []
        // One IPv4 page is the reference: the first address that gives one.
        func connected(_ address: IPAddress) -> Bool {
            o.connects.contains { $0.address == address && $0.port == 80 && $0.outcome.isConnected }
        }
        for address in o.addresses(.v4) where o.notProbed[address] == nil && connected(address) {
            let outcome = ServiceProbes.fetchPage(address, host: host, timeoutMilliseconds: options.timeoutMilliseconds)
            fetches.append(FetchObservation(address: address, outcome: outcome))
            if case .response = outcome { break }
        }
        for address in o.addresses(.v6) where o.notProbed[address] == nil && connected(address) {
            fetches.append(FetchObservation(
                address: address,
                outcome: ServiceProbes.fetchPage(address, host: host, timeoutMilliseconds: options.timeoutMilliseconds)))
        }
        plan.observation.fetches = fetches
    }

    func greetAndLookUpPointers(_ plan: inout Plan) {
        let o = plan.observation
        guard o.mode == .mailDomain || (o.mode == .mailServer && plan.request.ports.contains(25)) else { return }
        for address in o.addresses(.v6) {
            if o.notProbed[address] == nil {
                plan.observation.greetings.append(GreetingObservation(
                    address: address,
                    outcome: ServiceProbes.smtpGreeting(address, timeoutMilliseconds: options.timeoutMilliseconds)))
            }
            plan.observation.pointers.append(PointerObservation(address: address, outcome: pointer(of: address)))
        }
    }

    func pointer(of address: IPAddress) -> PointerObservation.Outcome {
        guard let dns else { return .failed("DNS not asked: \(dnsUnavailable)") }
        let reverse = DNSName.reverseName(for: address)
        switch dns.records(.ptr, of: reverse) {
        case .found(let data):
            let names = data.compactMap { record -> DNSName? in if case .ptr(let name) = record { name } else { nil } }
            let confirmed = names.contains { dns.addresses(of: $0, .v6).addresses.contains(address) }
            return .found(names, forwardConfirmed: confirmed)
        case .noData:
            return .none("\(reverse) has no PTR record")
        case .nonExistent:
            return .none("\(reverse) does not exist (NXDOMAIN)")
        case .failed(let why):
            return .failed(why)
        }
    }

    func askNameServers(_ plan: inout Plan) {
        let o = plan.observation
        guard o.mode == .dnsZone || o.mode == .dnsServer else { return }
        let client = dns ?? DNSClient(configuration: ResolverConfiguration(servers: []))
        let question = plan.question
        for address in o.addresses(.v6) where o.notProbed[address] == nil {
            for transport in [DNSServerObservation.Transport.udp, .tcp] {
                let outcome: DNSServerObservation.Outcome
                do {
                    let exchange = try client.ask(ResolverAddress(address), question, .soa, recursionDesired: false,
                                                  tcpOnly: transport == .tcp,
                                                  timeoutMilliseconds: options.timeoutMilliseconds)
                    outcome = .answered(exchange.message.rcode, authoritative: exchange.message.isAuthoritative,
                                        milliseconds: exchange.elapsedMilliseconds)
                } catch {
                    outcome = .failed(error.message)
                }
                plan.observation.dnsAnswers.append(DNSServerObservation(
                    address: address, transport: transport, question: question.description, outcome: outcome))
            }
        }
    }

    /// The `dnssec` sub-check: the chain from the trust anchors to the site's name or the zone, asked of the
    /// run's resolvers with the DO bit.
    func validateDNSSEC(_ plan: inout Plan) {
        guard let anchors = options.dnssecAnchors, let name = plan.request.name else { return }
        let mode = plan.observation.mode
        guard mode == .web || mode == .dnsZone || mode == .dnsServer else { return }
        guard let dns else {
            plan.observation.dnssec = .notTestable("DNS not asked: \(dnsUnavailable)")
            return
        }
        let target = mode == .dnsServer ? plan.question : name
        let walk = DNSSECChainWalk(client: dns, timeoutMilliseconds: options.timeoutMilliseconds)
        plan.observation.dnssec = walk.validate(target, anchors: anchors)
    }

    // MARK: - Phase 5: PMTU, all addresses in one batch, alongside the TCP work

    /// Starts the echoes to every IPv6 address that may be probed, or nil when PMTU cannot be tested here.
    func startPMTU(_ plans: [Plan]) -> PMTUJob? {
        guard case .success(let prober) = pmtu else { return nil }
        var addresses: [IPAddress] = []
        for plan in plans {
            for address in plan.observation.addresses(.v6)
            where plan.observation.notProbed[address] == nil && !addresses.contains(address) {
                addresses.append(address)
            }
        }
        return PMTUJob(prober: prober, addresses: addresses)
    }

    func finishPMTU(_ plans: inout [Plan], _ job: PMTUJob?) {
        guard let job else {
            let reason = if case .failure(let unavailable) = pmtu { unavailable.reason } else { "not probed" }
            for index in plans.indices { plans[index].observation.pmtu = .unavailable(reason) }
            return
        }
        let observed = job.wait()
        for index in plans.indices {
            let mine = Set(plans[index].observation.addresses(.v6))
            plans[index].observation.pmtu = .observed(observed.filter { mine.contains($0.address) })
        }
    }

    // MARK: - Phase 6: Happy Eyeballs

    func timeHappyEyeballs(_ plan: inout Plan) {
        let o = plan.observation
        guard o.mode == .web || o.mode == .tcp, !plan.request.ports.isEmpty else { return }
        let port = [443, 80].first(where: plan.request.ports.contains) ?? plan.request.ports[0]
        guard let v6 = o.addresses(.v6).first(where: { o.notProbed[$0] == nil }) else { return }
        let v4 = o.addresses(.v4).first(where: { o.notProbed[$0] == nil })
        func earlier(_ address: IPAddress) -> ConnectOutcome? {
            o.connects.first { $0.address == address && $0.port == port }?.outcome
        }
        var v6Timing: HappyEyeballsObservation.Timing?
        var v4Timing: HappyEyeballsObservation.Timing?
        if let outcome = earlier(v6), !outcome.isConnected { v6Timing = .failed(Self.describe(outcome)) }
        if let v4, let outcome = earlier(v4), !outcome.isConnected { v4Timing = .failed(Self.describe(outcome)) }
        if v6Timing == nil || (v4 != nil && v4Timing == nil) {
            var best: [IPAddress: Double] = [:]
            var failure: [IPAddress: String] = [:]
            let candidates = [v6Timing == nil ? v6 : nil, v4Timing == nil ? v4 : nil].compactMap { $0 }
            for _ in 0..<max(options.happyEyeballsTries, 1) {
                for address in candidates where failure[address] == nil {
                    do {
                        let connection = try TimedConnection(to: address, port: port,
                                                             timeoutMilliseconds: options.timeoutMilliseconds)
                        best[address] = min(best[address] ?? .infinity, connection.connectMilliseconds)
                        connection.close()
                    } catch {
                        failure[address] = error.message
                    }
                }
            }
            let tries = max(options.happyEyeballsTries, 1)
            func timing(_ address: IPAddress) -> HappyEyeballsObservation.Timing {
                if let ms = best[address] { return .connected(bestMilliseconds: ms, tries: tries) }
                return .failed(failure[address] ?? "not measured")
            }
            if v6Timing == nil { v6Timing = timing(v6) }
            if let v4, v4Timing == nil { v4Timing = timing(v4) }
        }
        plan.observation.happyEyeballs = HappyEyeballsObservation(
            port: port, v4: v4.map { ($0, v4Timing!) }, v6: (v6, v6Timing!))
    }

    static func describe(_ outcome: ConnectOutcome) -> String {
        switch outcome {
        case .connected(let ms): "connected in \(ms) ms"
        case .refused: "refused (RST)"
        case .timedOut(let ms): "no answer within \(ms) ms"
        case .unreachable(let detail): "unreachable: \(detail)"
        case .failed(let detail): detail
        }
    }
}
