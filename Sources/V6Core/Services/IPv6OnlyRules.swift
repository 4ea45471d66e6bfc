/// The IPv6-only verdict from what an IPv6-only vantage observed: which addresses worked, and whether they were
/// the service's own or ones a DNS64 resolver synthesized inside a NAT64 prefix. Pure: tests build observations.
public enum IPv6OnlyRules {
    /// Nil for services absent on purpose (a null MX, a name with no address at all is still judged: broken).
    public static func assess(_ o: ServiceObservation, nat64: [NAT64Prefix]) -> IPv6OnlyAssessment? {
        if o.absence != nil && o.hosts.allSatisfy({ $0.v4.addresses.isEmpty && $0.v6.addresses.isEmpty })
            && o.mode == .mailDomain { return nil }
        func translated(_ a: IPAddress) -> Bool { nat64.contains { $0.contains(a) } }
        let worked = workingAddresses(o)
        let native = worked.filter { !translated($0) }
        let viaNAT64 = worked.filter(translated)
        var evidence: [String] = []
        let v6 = o.addresses(.v6)
        let own = v6.filter { !translated($0) }, synthesized = v6.filter(translated)
        if !own.isEmpty { evidence.append("own AAAA: " + list(own)) }
        for address in synthesized {
            let prefix = nat64.first { $0.contains(address) }!
            let v4 = address.ipv6.flatMap(prefix.extract).map { " = \($0)" } ?? ""
            evidence.append("synthesized AAAA \(address)\(v4) in NAT64 prefix \(prefix)")
        }
        if v6.isEmpty { evidence.append("no AAAA (own or synthesized) for " + o.hosts.map(\.name).joined(separator: ", ")) }
        if !native.isEmpty { evidence.append("works natively over " + list(native)) }
        if !viaNAT64.isEmpty { evidence.append("works through the translator over " + list(viaNAT64)) }
        let failedOwn = own.filter { !worked.contains($0) && o.notProbed[$0] == nil }
        if !failedOwn.isEmpty { evidence.append("own IPv6 address does not answer: " + list(failedOwn)) }

        let verdict: IPv6OnlyVerdict
        let reason: String
        if !native.isEmpty {
            verdict = .native
            reason = "works for IPv6-only clients over its own IPv6 address (\(list(native)))"
        } else if !viaNAT64.isEmpty {
            verdict = .nat64
            reason = "IPv6-only via translation: works only through NAT64 (\(list(viaNAT64))); the service itself is IPv4-only"
        } else {
            verdict = .broken
            if v6.isEmpty {
                reason = nat64.isEmpty ? "broken from IPv6-only clients: no AAAA and no DNS64 to synthesize one"
                    : "broken from IPv6-only clients: no AAAA, and DNS64 synthesized none"
            } else if own.isEmpty {
                reason = "broken from IPv6-only clients: the translated path (\(list(synthesized))) fails too"
            } else {
                reason = "broken from IPv6-only clients: its IPv6 address\(own.count == 1 ? "" : "es") \(list(own)) do\(own.count == 1 ? "es" : "") not answer"
            }
        }
        var problems: [String] = []
        problems += pageProblems(o, translated: translated, evidence: &evidence)
        problems += delegationProblems(o, worked: Set(native), translated: translated, evidence: &evidence)
        return IPv6OnlyAssessment(verdict: verdict, reason: reason, evidence: evidence, problems: problems)
    }

    /// IPv6 addresses where the service itself answered: a port handshake (web, tcp, mail-server ports), an SMTP
    /// greeting, a page, a DNS answer.
    static func workingAddresses(_ o: ServiceObservation) -> [IPAddress] {
        var result: [IPAddress] = []
        func add(_ a: IPAddress) { if a.family == .v6 && !result.contains(a) { result.append(a) } }
        for c in o.connects where c.outcome.isConnected { add(c.address) }
        for f in o.fetches { if case .response = f.outcome { add(f.address) } }
        for g in o.greetings { if case .greeting(let greeting, _) = g.outcome, greeting.code == 220 { add(g.address) } }
        for d in o.dnsAnswers { if case .answered(let rcode, _, _) = d.outcome, rcode == .noError { add(d.address) } }
        return result
    }

    /// `ipv4-literal` and `name-without-aaaa` from the pages fetched over IPv6.
    static func pageProblems(_ o: ServiceObservation, translated: (IPAddress) -> Bool, evidence: inout [String]) -> [String] {
        var problems: [String] = []
        var literals: [String] = []
        for fetch in o.fetches {
            guard case .response(let response) = fetch.outcome else { continue }
            for literal in PageReferences(response).ipv4Literals where !literals.contains(literal) { literals.append(literal) }
        }
        if !literals.isEmpty {
            problems.append("ipv4-literal")
            evidence.append("the page refers to IPv4 literal\(literals.count == 1 ? "" : "s") " + literals.joined(separator: ", ")
                            + ": an IPv6-only client cannot follow it (DNS64 does not help a literal)")
        }
        let without = o.referencedHosts.filter { host in !host.v6.addresses.contains { !translated($0) } }
        if !without.isEmpty {
            problems.append("name-without-aaaa")
            evidence.append("the page refers to host\(without.count == 1 ? "" : "s") without an AAAA of \(without.count == 1 ? "its" : "their") own: "
                            + without.map(\.name).joined(separator: ", "))
        }
        return problems
    }

    /// `mx-ipv4-only` (a mail exchanger reachable only over IPv4) and `ns-not-ipv6` (a zone's name server not
    /// answering over IPv6 of its own).
    static func delegationProblems(_ o: ServiceObservation, worked: Set<IPAddress>, translated: (IPAddress) -> Bool,
                                   evidence: inout [String]) -> [String] {
        guard o.mode == .mailDomain || o.mode == .dnsZone else { return [] }
        let failing = o.hosts.filter { host in !host.v6.addresses.contains { !translated($0) && worked.contains($0) } }
        guard !failing.isEmpty else { return [] }
        let names = failing.map(\.name).joined(separator: ", ")
        if o.mode == .mailDomain {
            evidence.append("mail exchanger\(failing.count == 1 ? "" : "s") \(names) accept\(failing.count == 1 ? "s" : "") mail only over IPv4 (no own AAAA that greets)")
            return ["mx-ipv4-only"]
        }
        evidence.append("name server\(failing.count == 1 ? "" : "s") \(names) of the zone not reachable over IPv6 (no own AAAA that answers)")
        return ["ns-not-ipv6"]
    }

    static func list(_ addresses: [IPAddress]) -> String { addresses.map(\.description).joined(separator: ", ") }
}
