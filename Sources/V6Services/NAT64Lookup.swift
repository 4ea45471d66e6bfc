import V6Core

extension DNSClient {
    /// RFC 7050 discovery through this client's resolver: the AAAA records of `ipv4only.arpa`, which only a DNS64
    /// resolver has (the name has A records only). Returns the prefixes and, when there are none, why.
    public func discoverNAT64() -> (prefixes: [NAT64Prefix], note: String?) {
        switch addresses(of: NAT64Discovery.queryName, .v6) {
        case .found(let addresses):
            let prefixes = NAT64Discovery.prefixes(fromAnswers: addresses.compactMap(\.ipv6))
            return (prefixes, prefixes.isEmpty ? "its AAAA records hold neither 192.0.0.170 nor 192.0.0.171" : nil)
        case .none(let why):
            return ([], "ipv4only.arpa: \(why)")
        case .failed(let why):
            return ([], "ipv4only.arpa: \(why)")
        }
    }
}

extension ServiceChecker {
    /// From an IPv6-only vantage: looks up the host names each fetched page refers to (at most 16 per service), so
    /// the verdict can say which have no AAAA of their own.
    func lookUpReferencedHosts(_ plan: inout Plan) {
        guard options.vantage == .ipv6Only, let dns = dnsForReferences else { return }
        var names: [String] = []
        let own = plan.request.name.map(ServiceRequest.displayName)?.lowercased()
        for fetch in plan.observation.fetches {
            guard case .response(let response) = fetch.outcome else { continue }
            for name in PageReferences(response).hostNames where name != own && !names.contains(name) { names.append(name) }
        }
        plan.observation.referencedHosts = names.prefix(16).compactMap { text in
            DNSName(text).map { lookUp($0, dns) }
        }
    }

    /// The IPv6-only verdict of one checked plan (nil from a dual-stack vantage).
    func ipv6OnlyAssessment(_ plan: Plan) -> IPv6OnlyAssessment? {
        guard options.vantage == .ipv6Only else { return nil }
        return IPv6OnlyRules.assess(plan.observation, nat64: options.nat64)
    }
}
