/// Judges an observation: one sub-check per thing a public scorer looks at (per address, so a domain with several
/// AAAA records says which one is broken), then the colour from `ServiceVerdictRules`. Pure and deterministic.
public enum ServiceEvaluator {
    public static func report(for request: ServiceRequest, observation: ServiceObservation,
                              thresholds: ServiceThresholds = ServiceThresholds()) -> ServiceReport {
        let v6 = observation.addresses(.v6)
        let checks = checks(for: request, observation, thresholds)
        let (colour, reason) = ServiceVerdictRules.verdict(checks: checks, ipv6Published: v6.count,
                                                           absence: observation.absence)
        var report = ServiceReport(record: request.record, target: request.label, kind: request.kind,
                                   mode: observation.mode, verdict: colour, reason: reason, checks: checks,
                                   addresses: observation.addresses(.v4) + v6)
        report.tls = tlsEvaluation(request, observation)
        report.dnssec = observation.dnssec.map(ServiceDNSSEC.init)
        return report
    }

    static func checks(for request: ServiceRequest, _ o: ServiceObservation, _ t: ServiceThresholds) -> [ServiceCheck] {
        var checks: [ServiceCheck] = []
        let v6 = o.addresses(.v6)
        switch o.mode {
        case .web:
            checks.append(addressCheck(o))
            guard o.absence == nil else { return checks }
            for address in v6 {
                for port in request.ports { checks.append(tcpCheck(o, address, port)) }
            }
            if request.ports.contains(80) {
                for address in v6 { checks.append(samePageCheck(o, address, t)) }
            } else if !v6.isEmpty {
                checks.append(ServiceCheck("same-page", .notTestable,
                                           "port 80 is not among the service's ports; pages over TLS are not compared"))
            }
            checks += tlsEvaluation(request, o)?.checks ?? []
            checks += pmtuChecks(o, v6)
            checks += happyEyeballsCheck(o, t)
            if let verdict = o.dnssec { checks.append(dnssecCheck(verdict)) }
        case .tcp:
            checks.append(addressCheck(o))
            guard o.absence == nil else { return checks }
            if request.ports.isEmpty {
                checks.append(ServiceCheck("ports", .notTestable, "the inventory lists no port for this service"))
            }
            for address in v6 {
                for port in request.ports { checks.append(tcpCheck(o, address, port)) }
            }
            for address in o.addresses(.v4) {
                for port in request.ports { checks.append(tcpCheck(o, address, port)) }
            }
            checks += pmtuChecks(o, v6)
            checks += happyEyeballsCheck(o, t)
        case .mailDomain, .mailServer:
            if o.mode == .mailDomain {
                checks.append(mxCheck(o))
            } else {
                checks.append(addressCheck(o))
            }
            guard o.absence == nil else { return checks }
            let smtp = o.mode == .mailDomain || request.ports.contains(25)
            if smtp {
                for address in v6 { checks.append(smtpCheck(o, address)) }
            }
            if o.mode == .mailServer {
                for address in v6 {
                    for port in request.ports where port != 25 { checks.append(tcpCheck(o, address, port)) }
                }
            }
            if smtp {
                for address in v6 { checks.append(pointerCheck(o, address)) }
            }
            checks += pmtuChecks(o, v6)
        case .dnsZone, .dnsServer:
            checks.append(o.mode == .dnsZone ? nameServerCheck(o, t) : addressCheck(o))
            guard o.absence == nil else { return checks }
            for address in v6 {
                checks.append(dnsCheck(o, address, .udp))
                checks.append(dnsCheck(o, address, .tcp))
            }
            checks += pmtuChecks(o, v6)
            if let verdict = o.dnssec { checks.append(dnssecCheck(verdict)) }
        }
        return checks
    }

    /// `dnssec`: passes only when the chain from the trust anchor verified; an unsigned (insecure) or bogus zone
    /// fails it, the way the portal rules and internet.nl count them.
    static func dnssecCheck(_ verdict: DNSSECVerdict) -> ServiceCheck {
        switch verdict.status {
        case .secure: ServiceCheck("dnssec", .pass, "secure: " + verdict.detail)
        case .insecure: ServiceCheck("dnssec", .fail, "insecure: " + verdict.detail)
        case .bogus: ServiceCheck("dnssec", .fail, "bogus (\(verdict.reason?.rawValue ?? "unknown")): " + verdict.detail)
        case .notTestable: ServiceCheck("dnssec", .notTestable, verdict.detail)
        }
    }

    // MARK: - Publication

    /// `aaaa` for a named host, `ipv6-address` for inventory addresses.
    static func addressCheck(_ o: ServiceObservation) -> ServiceCheck {
        guard let host = o.hosts.first else {
            return ServiceCheck("aaaa", .notTestable, "no host to look at")
        }
        switch host.source {
        case .dns:
            let v4Text = host.v4.addresses.isEmpty ? "" : " (A \(list(host.v4.addresses)) only)"
            switch host.v6 {
            case .found(let addresses):
                return ServiceCheck("aaaa", .pass, "AAAA \(list(addresses))")
            case .none(let why):
                if o.absence != nil { return ServiceCheck("aaaa", .notTestable, why) }
                return ServiceCheck("aaaa", .fail, "no AAAA record for \(host.name): \(why)\(v4Text)")
            case .failed(let why):
                return ServiceCheck("aaaa", .notTestable, "the AAAA lookup for \(host.name) failed: \(why)")
            }
        case .inventory(let note):
            let suffix = note.map { " (\($0))" } ?? ""
            let v6 = host.v6.addresses
            if !v6.isEmpty { return ServiceCheck("ipv6-address", .pass, "the inventory lists \(list(v6))\(suffix)") }
            if o.absence != nil { return ServiceCheck("ipv6-address", .notTestable, "the inventory lists no address\(suffix)") }
            return ServiceCheck("ipv6-address", .fail, "the inventory lists no IPv6 address\(suffix)")
        }
    }

    /// Every MX host must have AAAA (internet.nl). Partly is yellow; none is red.
    static func mxCheck(_ o: ServiceObservation) -> ServiceCheck {
        if let absence = o.absence { return ServiceCheck("mx-aaaa", .notTestable, absence) }
        if case .failed(let why)? = o.delegation {
            return ServiceCheck("mx-aaaa", .notTestable, "the MX lookup failed: \(why)")
        }
        var prefix = ""
        if case .implicit(let why)? = o.delegation { prefix = why + "; " }
        let (with, without, failed) = partition(o.hosts)
        if !failed.isEmpty && without.isEmpty {
            return ServiceCheck("mx-aaaa", .notTestable, prefix + "AAAA lookup failed for " + failed.joined(separator: "; "))
        }
        if without.isEmpty {
            return ServiceCheck("mx-aaaa", .pass, prefix + (o.hosts.count == 1 ? "the mail host " : "every mail host ")
                                + "has AAAA: " + with.joined(separator: ", "))
        }
        let have = with.isEmpty ? "no mail host has AAAA" : "only " + with.joined(separator: ", ") + " \(with.count == 1 ? "has" : "have") AAAA"
        return ServiceCheck("mx-aaaa", .fail, prefix + have + "; missing: " + (without + failed).joined(separator: "; "))
    }

    /// At least two NS hosts with AAAA (internet.nl).
    static func nameServerCheck(_ o: ServiceObservation, _ t: ServiceThresholds) -> ServiceCheck {
        if let absence = o.absence { return ServiceCheck("ns-aaaa", .notTestable, absence) }
        if case .failed(let why)? = o.delegation {
            return ServiceCheck("ns-aaaa", .notTestable, "the NS lookup failed: \(why)")
        }
        let (with, without, failed) = partition(o.hosts)
        let need = t.minimumNameServersWithAAAA
        if with.count >= need {
            var text = "\(with.count) of \(o.hosts.count) name servers have AAAA: " + with.joined(separator: ", ")
            if !(without + failed).isEmpty { text += "; without: " + (without + failed).joined(separator: "; ") }
            return ServiceCheck("ns-aaaa", .pass, text)
        }
        if with.count + failed.count >= need && !failed.isEmpty {
            return ServiceCheck("ns-aaaa", .notTestable, "AAAA lookup failed for " + failed.joined(separator: "; "))
        }
        let have = with.isEmpty ? "no name server has AAAA" : "only " + with.joined(separator: ", ") + " \(with.count == 1 ? "has" : "have") AAAA"
        return ServiceCheck("ns-aaaa", .fail, have + "; at least \(need) needed"
                            + ((without + failed).isEmpty ? "" : " (without: " + (without + failed).joined(separator: "; ") + ")"))
    }

    /// Hosts with AAAA (`name 2001:db8::1`), without (`name: why`), and whose lookup failed.
    private static func partition(_ hosts: [HostAddresses]) -> (with: [String], without: [String], failed: [String]) {
        var with: [String] = [], without: [String] = [], failed: [String] = []
        for host in hosts {
            switch host.v6 {
            case .found(let addresses): with.append("\(host.name) \(list(addresses))")
            case .none(let why): without.append("\(host.name): \(why)")
            case .failed(let why): failed.append("\(host.name): lookup failed (\(why))")
            }
        }
        return (with, without, failed)
    }

    // MARK: - Function

    static func tcpCheck(_ o: ServiceObservation, _ address: IPAddress, _ port: Int) -> ServiceCheck {
        let family = address.family == .v6 ? "IPv6" : "IPv4"
        let name = "tcp-\(port)-\(address.family == .v6 ? "v6" : "v4")"
        if let reason = o.notProbed[address] { return ServiceCheck(name, .notTestable, reason, address: address) }
        guard let observed = o.connects.first(where: { $0.address == address && $0.port == port }) else {
            return ServiceCheck(name, .notTestable, "not probed", address: address)
        }
        switch observed.outcome {
        case .connected(let ms):
            return ServiceCheck(name, .pass, "port \(port) answers over \(family) (handshake in \(format(ms)) ms)",
                                address: address)
        case .refused:
            return ServiceCheck(name, .fail, "port \(port) refused (RST): nothing listens there over \(family)",
                                address: address)
        case .timedOut(let ms):
            return ServiceCheck(name, .fail, "port \(port): no answer over \(family) within \(ms) ms (filtered or path broken)",
                                address: address)
        case .unreachable(let detail):
            return ServiceCheck(name, .fail, "port \(port) unreachable over \(family): \(detail)", address: address)
        case .failed(let detail):
            return ServiceCheck(name, .fail, "port \(port): \(detail)", address: address)
        }
    }

    static func samePageCheck(_ o: ServiceObservation, _ address: IPAddress, _ t: ServiceThresholds) -> ServiceCheck {
        let name = "same-page"
        if let reason = o.notProbed[address] { return ServiceCheck(name, .notTestable, reason, address: address) }
        if let connect = o.connects.first(where: { $0.address == address && $0.port == 80 }), !connect.outcome.isConnected {
            return ServiceCheck(name, .notTestable, "port 80 does not answer over IPv6 (see tcp-80-v6)", address: address)
        }
        let v4 = o.addresses(.v4)
        guard !v4.isEmpty else {
            return ServiceCheck(name, .notTestable, "no IPv4 address to compare with", address: address)
        }
        let baseline = o.fetches.lazy.filter { $0.address.family == .v4 }.compactMap { fetch -> (IPAddress, HTTPResponse)? in
            if case .response(let response) = fetch.outcome { (fetch.address, response) } else { nil }
        }.first
        guard let (v4Address, v4Page) = baseline else {
            let failedFetch = o.fetches.lazy.filter { $0.address.family == .v4 }.compactMap { fetch -> String? in
                if case .failed(let error) = fetch.outcome { "\(fetch.address): \(error)" } else { nil }
            }.first
            let closed = o.connects.first { $0.address.family == .v4 && $0.port == 80 && !$0.outcome.isConnected }
                .map { "port 80 does not answer over IPv4 at \($0.address)" }
            let why = failedFetch ?? closed ?? o.notProbed.first { $0.key.family == .v4 }.map { "\($0.key): \($0.value)" }
                ?? "not fetched"
            return ServiceCheck(name, .notTestable, "the IPv4 page could not be fetched to compare with (\(why))",
                                address: address)
        }
        guard let fetch = o.fetches.first(where: { $0.address == address }) else {
            return ServiceCheck(name, .notTestable, "not fetched", address: address)
        }
        switch fetch.outcome {
        case .failed(let error):
            return ServiceCheck(name, .fail, "GET / over IPv6 failed: \(error)", address: address)
        case .response(let v6Page):
            if v6Page.status != v4Page.status {
                return ServiceCheck(name, .fail, "HTTP \(v4Page.status) over IPv4 (\(v4Address)) but \(v6Page.status) over IPv6",
                                    address: address)
            }
            let similarity = PageSimilarity.similarity(v4Page.body, v6Page.body)
            let sizes = "\(v4Page.body.count) bytes over IPv4, \(v6Page.body.count) over IPv6"
            if similarity < t.minimumPageSimilarity {
                return ServiceCheck(name, .fail, "HTTP \(v6Page.status) on both, but the pages are only \(percent(similarity)) alike "
                                    + "(\(percent(t.minimumPageSimilarity)) needed; \(sizes))", address: address)
            }
            return ServiceCheck(name, .pass, "HTTP \(v6Page.status) on both, pages \(percent(similarity)) alike (\(sizes))",
                                address: address)
        }
    }

    static func smtpCheck(_ o: ServiceObservation, _ address: IPAddress) -> ServiceCheck {
        let name = "smtp-v6"
        if let reason = o.notProbed[address] { return ServiceCheck(name, .notTestable, reason, address: address) }
        guard let observed = o.greetings.first(where: { $0.address == address }) else {
            return ServiceCheck(name, .notTestable, "not probed", address: address)
        }
        switch observed.outcome {
        case .greeting(let greeting, let ms):
            if greeting.isReady {
                return ServiceCheck(name, .pass, "SMTP greeting on port 25 over IPv6 in \(format(ms)) ms: \(clip(greeting.description))",
                                    address: address)
            }
            return ServiceCheck(name, .fail, "port 25 answers over IPv6 but does not take mail: \(clip(greeting.description))",
                                address: address)
        case .failed(let error):
            return ServiceCheck(name, .fail, "no SMTP greeting on port 25 over IPv6: \(error)", address: address)
        }
    }

    static func pointerCheck(_ o: ServiceObservation, _ address: IPAddress) -> ServiceCheck {
        let name = "ptr-v6"
        guard let observed = o.pointers.first(where: { $0.address == address }) else {
            return ServiceCheck(name, .notTestable, "not looked up", address: address)
        }
        switch observed.outcome {
        case .found(let names, let confirmed):
            let shown = names.map(\.description).joined(separator: ", ")
            return ServiceCheck(name, .pass, "PTR \(shown)" + (confirmed ? " (its AAAA points back: forward-confirmed)"
                                                               : " (but no AAAA of that name points back to this address)"),
                                address: address)
        case .none(let why):
            return ServiceCheck(name, .fail, "no PTR record (\(why)): many receivers refuse mail from IPv6 addresses without one",
                                address: address)
        case .failed(let why):
            return ServiceCheck(name, .notTestable, "the PTR lookup failed: \(why)", address: address)
        }
    }

    static func dnsCheck(_ o: ServiceObservation, _ address: IPAddress, _ transport: DNSServerObservation.Transport) -> ServiceCheck {
        let name = "dns-\(transport.rawValue)-v6"
        let over = transport == .udp ? "UDP" : "TCP"
        if let reason = o.notProbed[address] { return ServiceCheck(name, .notTestable, reason, address: address) }
        guard let observed = o.dnsAnswers.first(where: { $0.address == address && $0.transport == transport }) else {
            return ServiceCheck(name, .notTestable, "not probed", address: address)
        }
        switch observed.outcome {
        case .answered(let rcode, let authoritative, let ms):
            let timing = "in \(format(ms)) ms"
            guard o.mode == .dnsZone else {
                return ServiceCheck(name, .pass, "answers DNS over IPv6 \(over) (\(rcode) for \(observed.question) SOA, \(timing))",
                                    address: address)
            }
            if rcode == .noError && authoritative {
                return ServiceCheck(name, .pass, "answers \(observed.question) SOA authoritatively over IPv6 \(over) \(timing)",
                                    address: address)
            }
            if rcode == .noError {
                return ServiceCheck(name, .fail, "answers over IPv6 \(over) but not authoritatively for \(observed.question) (lame)",
                                    address: address)
            }
            return ServiceCheck(name, .fail, "answers \(rcode) for \(observed.question) SOA over IPv6 \(over)", address: address)
        case .failed(let error):
            return ServiceCheck(name, .fail, "no DNS answer over IPv6 \(over): \(error)", address: address)
        }
    }

    // MARK: - Quality

    static func pmtuChecks(_ o: ServiceObservation, _ v6: [IPAddress]) -> [ServiceCheck] {
        guard !v6.isEmpty else { return [] }
        let name = "pmtu-v6"
        switch o.pmtu {
        case .unavailable(let why):
            return [ServiceCheck(name, .notTestable, why)]
        case .observed(let observations):
            return v6.map { address in
                if let reason = o.notProbed[address] { return ServiceCheck(name, .notTestable, reason, address: address) }
                guard let observed = observations.first(where: { $0.address == address }) else {
                    return ServiceCheck(name, .notTestable, "not probed", address: address)
                }
                return pmtuCheck(observed)
            }
        }
    }

    static func pmtuCheck(_ observed: PMTUObservation) -> ServiceCheck {
        let name = "pmtu-v6", address = observed.address, size = observed.largePacketBytes
        guard observed.small.status == .reachable else {
            return ServiceCheck(name, .notTestable, "small echo requests get no reply either (\(describe(observed.small))): "
                                + "ICMPv6 echo is filtered, so the path MTU cannot be tested this way", address: address)
        }
        guard let large = observed.large else {
            return ServiceCheck(name, .notTestable, "no large echo request was sent", address: address)
        }
        let detail = large.detail ?? ""
        switch large.status {
        case .reachable:
            return ServiceCheck(name, .pass, "\(size)-byte echo requests get through and back", address: address)
        case .unreachable where detail.lowercased().contains("too big"):
            return ServiceCheck(name, .pass, "\(size)-byte packets draw Packet Too Big (\(detail)), so PMTU discovery works",
                                address: address)
        case .error where detail.contains("Message too long"):
            return ServiceCheck(name, .pass, "the kernel already learned a smaller path MTU from Packet Too Big (\(detail))",
                                address: address)
        case .timeout:
            return ServiceCheck(name, .fail, "small echo requests are answered but \(size)-byte ones vanish: Packet Too Big "
                                + "is dropped on the path (RFC 4890), so large IPv6 transfers stall", address: address)
        case .unreachable, .refused, .error:
            return ServiceCheck(name, .fail, "\(size)-byte echo requests fail while small ones pass: \(describe(large))",
                                address: address)
        }
    }

    static func happyEyeballsCheck(_ o: ServiceObservation, _ t: ServiceThresholds) -> [ServiceCheck] {
        guard let he = o.happyEyeballs, let v6 = he.v6 else { return [] }
        let name = "happy-eyeballs", limit = format(t.happyEyeballsPenaltyMilliseconds)
        guard let v4 = he.v4 else {
            return [ServiceCheck(name, .notTestable, "no IPv4 address to compare with: clients have nothing to fall back to")]
        }
        switch (v6.timing, v4.timing) {
        case (.failed(let error), .connected(let v4ms, _)):
            return [ServiceCheck(name, .fail, "IPv6 connect to port \(he.port) fails (\(error)) while IPv4 connects in "
                                 + "\(format(v4ms)) ms: every client waits \(limit) ms (RFC 8305) before falling back to IPv4",
                                 address: v6.address)]
        case (.failed, .failed(let error)):
            return [ServiceCheck(name, .notTestable, "neither family connects to port \(he.port) (IPv4: \(error))")]
        case (.connected(let v6ms, _), .failed(let error)):
            return [ServiceCheck(name, .pass, "IPv6 connects in \(format(v6ms)) ms; IPv4 does not (\(error))",
                                 address: v6.address)]
        case (.connected(let v6ms, let tries), .connected(let v4ms, _)):
            let slower = v6ms - v4ms
            let text = "best of \(tries): IPv6 connects to port \(he.port) in \(format(v6ms)) ms, IPv4 in \(format(v4ms)) ms"
            if slower >= t.happyEyeballsPenaltyMilliseconds {
                return [ServiceCheck(name, .fail, text + ": IPv6 is \(format(slower)) ms slower, past the \(limit) ms "
                                     + "Happy Eyeballs delay (RFC 8305), so every client pays the wait", address: v6.address)]
            }
            return [ServiceCheck(name, .pass, text, address: v6.address)]
        }
    }

    // MARK: - Text

    static func list(_ addresses: [IPAddress]) -> String {
        addresses.map(\.description).joined(separator: ", ")
    }

    /// `1003`, `12.5`, `0.42`: milliseconds with the digits a network time carries.
    static func format(_ milliseconds: Double) -> String {
        if milliseconds >= 100 { return String(Int(milliseconds.rounded())) }
        let scale = milliseconds >= 1 ? 10.0 : 100.0
        let rounded = max((milliseconds * scale).rounded() / scale, 0.01)
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded(.down)))%"
    }

    static func describe(_ echo: EchoOutcome) -> String {
        echo.status.rawValue + (echo.detail.map { ": \($0)" } ?? "")
    }

    /// Server text is shown, but never more than a line's worth of it.
    static func clip(_ text: String) -> String {
        let printable = String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
        return printable.count > 120 ? String(printable.prefix(117)) + "..." : printable
    }
}
