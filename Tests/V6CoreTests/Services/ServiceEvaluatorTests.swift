import Testing
@testable import V6Core

@Suite("Services: checks from observations")
struct ServiceEvaluatorTests {
    typealias F = ServicesFixtures

    func report(_ observation: ServiceObservation, _ request: ServiceRequest = F.webRequest()) -> ServiceReport {
        ServiceEvaluator.report(for: request, observation: observation)
    }

    @Test("a healthy dual-stack site is green with every sub-check passing")
    func green() {
        let r = report(F.healthyWeb())
        #expect(r.verdict == .green, "\(r.reason)")
        #expect(r.checks.map(\.name) == ["aaaa", "tcp-80-v6", "tcp-443-v6", "same-page", "pmtu-v6", "happy-eyeballs"])
        #expect(r.checks.allSatisfy { $0.result == .pass }, "\(r.checks)")
        #expect(r.addresses == [F.v4, F.v6])
    }

    @Test("no AAAA is red and says the A record is all there is")
    func red() {
        let r = report(F.healthyWeb(v6: []))
        #expect(r.verdict == .red)
        #expect(r.checks.count == 1)
        #expect(F.check(r, "aaaa")?.explanation == "no AAAA record for web.vidu.example: the name has no AAAA record (A 203.0.113.20 only)")
    }

    @Test("two AAAA records, one broken: yellow, and the failing sub-check names the broken address (internet.nl#202)")
    func oneOfTwoAddressesBroken() {
        var o = F.healthyWeb(v6: [F.v6, F.v6b])
        o.connects = o.connects.map { c in
            c.address == F.v6b && c.port == 443 ? ConnectObservation(address: c.address, port: 443, outcome: .timedOut(afterMilliseconds: 4000)) : c
        }
        let r = report(o)
        #expect(r.verdict == .yellow)
        let failed = r.checks.filter { $0.result == .fail }
        #expect(failed.count == 1)
        #expect(failed.first?.name == "tcp-443-v6")
        #expect(failed.first?.address == F.v6b)
        #expect(F.check(r, "tcp-443-v6", F.v6)?.result == .pass)
        #expect(r.reason.contains("2001:db8::21"))
    }

    @Test("a different page over IPv6 fails same-page; a page differing in a timestamp passes")
    func samePage() {
        var different = F.healthyWeb()
        different.fetches[1].outcome = .response(HTTPResponse(status: 200, reason: "OK", body: Array("IPv6 test page: hello".utf8)))
        let r = report(different)
        #expect(r.verdict == .yellow)
        #expect(F.check(r, "same-page")?.result == .fail)
        #expect(F.check(r, "same-page")?.explanation.contains("only") == true)

        var stamped = F.healthyWeb()
        stamped.fetches[1].outcome = .response(HTTPResponse(status: 200, reason: "OK", body: F.page + Array("<!-- 2026-11-22T04:00:01Z -->".utf8)))
        #expect(F.check(report(stamped), "same-page")?.result == .pass)

        var status = F.healthyWeb()
        status.fetches[1].outcome = .response(HTTPResponse(status: 404, reason: "Not Found", body: F.page))
        #expect(F.check(report(status), "same-page")?.explanation == "HTTP 200 over IPv4 (203.0.113.20) but 404 over IPv6")
    }

    @Test("same-page is not testable without an IPv4 page, or when port 80 is closed over IPv6 (already failing there)")
    func samePageNotTestable() {
        var noV4 = F.healthyWeb()
        noV4.fetches[0].outcome = .failed("connection refused (RST)")
        #expect(F.check(report(noV4), "same-page")?.result == .notTestable)
        var closed = F.healthyWeb()
        closed.connects = closed.connects.map { c in
            c.address == F.v6 && c.port == 80 ? ConnectObservation(address: F.v6, port: 80, outcome: .refused) : c
        }
        let r = report(closed)
        #expect(F.check(r, "tcp-80-v6")?.result == .fail)
        #expect(F.check(r, "same-page")?.result == .notTestable)
        #expect(r.verdict == .yellow)
        let tlsOnly = report(F.healthyWeb(), F.webRequest(ports: [443]))
        #expect(F.check(tlsOnly, "same-page")?.result == .notTestable)
        #expect(tlsOnly.verdict == .green)
    }

    @Test("large echoes vanishing while small ones pass is a PMTU black hole; Packet Too Big arriving is fine")
    func pmtu() {
        var hole = F.healthyWeb()
        hole.pmtu = .observed([PMTUObservation(address: F.v6, largePacketBytes: 1500, small: EchoOutcome(status: .reachable),
                                               large: EchoOutcome(status: .timeout))])
        let r = report(hole)
        #expect(r.verdict == .yellow)
        #expect(F.check(r, "pmtu-v6")?.result == .fail)
        #expect(F.check(r, "pmtu-v6")?.explanation.contains("RFC 4890") == true)

        var ptb = F.healthyWeb()
        ptb.pmtu = .observed([PMTUObservation(address: F.v6, largePacketBytes: 1500, small: EchoOutcome(status: .reachable),
                                              large: EchoOutcome(status: .unreachable, detail: "ICMPv6 packet too big (MTU 1280)"))])
        #expect(F.check(report(ptb), "pmtu-v6")?.result == .pass)

        var filtered = F.healthyWeb()
        filtered.pmtu = .observed([PMTUObservation(address: F.v6, largePacketBytes: 1500, small: EchoOutcome(status: .timeout), large: nil)])
        #expect(F.check(report(filtered), "pmtu-v6")?.result == .notTestable)
        #expect(report(filtered).verdict == .green)

        var noICMP = F.healthyWeb()
        noICMP.pmtu = .unavailable("no raw socket")
        #expect(F.check(report(noICMP), "pmtu-v6")?.result == .notTestable)
    }

    @Test("IPv6 slower by 250 ms or more, or failing while AAAA exists, is a Happy Eyeballs penalty")
    func happyEyeballs() {
        func with(_ v6: HappyEyeballsObservation.Timing, _ v4: HappyEyeballsObservation.Timing) -> ServiceCheck? {
            var o = F.healthyWeb()
            o.happyEyeballs = HappyEyeballsObservation(port: 443, v4: (F.v4, v4), v6: (F.v6, v6))
            return F.check(report(o), "happy-eyeballs")
        }
        #expect(with(.connected(bestMilliseconds: 300.6, tries: 3), .connected(bestMilliseconds: 0.3, tries: 3))?.result == .fail)
        #expect(with(.connected(bestMilliseconds: 250.3, tries: 3), .connected(bestMilliseconds: 0.2, tries: 3))?.result == .fail)
        #expect(with(.connected(bestMilliseconds: 240, tries: 3), .connected(bestMilliseconds: 0.2, tries: 3))?.result == .pass)
        #expect(with(.failed("timed out"), .connected(bestMilliseconds: 0.2, tries: 3))?.result == .fail)
        #expect(with(.failed("timed out"), .failed("timed out"))?.result == .notTestable)
    }

    @Test("a name that does not exist is gray, not red: nothing is published on purpose")
    func absent() {
        let o = ServiceObservation(mode: .web, hosts: [HostAddresses(name: "x.vidu.example", source: .dns,
                                                                     v4: .none("x.vidu.example does not exist (NXDOMAIN)"),
                                                                     v6: .none("x.vidu.example does not exist (NXDOMAIN)"))],
                                   absence: "nothing is published: x.vidu.example does not exist (NXDOMAIN)")
        let r = report(o)
        #expect(r.verdict == .gray)
        #expect(r.checks.map(\.result) == [.notTestable])
    }

    @Test("addresses outside the scope are not probed and say so; nothing testable is gray")
    func outOfScope() {
        var o = F.healthyWeb()
        o.notProbed = [F.v6: "outside the inventory's scope"]
        o.connects = o.connects.filter { $0.address != F.v6 }
        o.happyEyeballs = nil
        let r = report(o)
        #expect(r.verdict == .gray)
        #expect(F.check(r, "tcp-443-v6")?.explanation == "outside the inventory's scope")
    }

    @Test("inventory addresses without a host name: ipv6-address instead of aaaa; ports over both families for TCP services")
    func tcpService() {
        let request = ServiceRequest(record: "qlvb", kind: "app", profile: .tcp, name: nil, label: "qlvb", ports: [445],
                                     inventoryAddresses: [F.v4, F.v6])
        let host = HostAddresses(name: "qlvb", source: .inventory(note: nil), v4: .found([F.v4]), v6: .found([F.v6]))
        let o = ServiceObservation(mode: .tcp, hosts: [host], connects: [
            ConnectObservation(address: F.v4, port: 445, outcome: .connected(milliseconds: 1)),
            ConnectObservation(address: F.v6, port: 445, outcome: .connected(milliseconds: 1)),
        ], pmtu: .unavailable("no ICMP"))
        let r = report(o, request)
        #expect(r.checks.map(\.name) == ["ipv6-address", "tcp-445-v6", "tcp-445-v4", "pmtu-v6"])
        #expect(r.verdict == .green)
        var v4Down = o
        v4Down.connects[0].outcome = .refused
        #expect(report(v4Down, request).verdict == .yellow)
        let none = ServiceObservation(mode: .tcp, hosts: [HostAddresses(name: "qlvb", source: .inventory(note: nil), v4: .found([F.v4]),
                                                                        v6: .none("the inventory lists none"))])
        let red = report(none, request)
        #expect(red.verdict == .red)
        #expect(red.checks.first?.explanation == "the inventory lists no IPv6 address")
    }

    static let mx1 = ServicesFixtures.ip("2001:db8::25")

    func mailRequest() -> ServiceRequest { ServiceRequest(profile: .mail, name: F.name("vidu.example")) }

    func mailObservation(secondHasAAAA: Bool) -> ServiceObservation {
        ServiceObservation(
            mode: .mailDomain,
            hosts: [F.host("mx1.vidu.example", v4: [F.ip("203.0.113.25")], v6: [Self.mx1]),
                    F.host("mx2.vidu.example", v4: [F.ip("203.0.113.26")], v6: secondHasAAAA ? [F.ip("2001:db8::26")] : [])],
            delegation: .found(["mx1.vidu.example", "mx2.vidu.example"]),
            greetings: [GreetingObservation(address: Self.mx1, outcome: .greeting(SMTPGreeting(code: 220, lines: ["mx1.vidu.example ESMTP"]), milliseconds: 1)),
                        GreetingObservation(address: F.ip("2001:db8::26"), outcome: .failed("connection refused (RST)"))],
            pointers: [PointerObservation(address: Self.mx1, outcome: .found([F.name("mx1.vidu.example")], forwardConfirmed: true)),
                       PointerObservation(address: F.ip("2001:db8::26"), outcome: .none("no PTR"))],
            pmtu: .unavailable("no ICMP"))
    }

    @Test("mail: an MX without AAAA is yellow when another has one; every sub-check is per address")
    func mailPartly() {
        let r = report(mailObservation(secondHasAAAA: false), mailRequest())
        #expect(r.verdict == .yellow)
        #expect(F.check(r, "mx-aaaa")?.result == .fail)
        #expect(F.check(r, "mx-aaaa")?.explanation.hasPrefix("only mx1.vidu.example 2001:db8::25 has AAAA; missing: mx2.vidu.example") == true)
        #expect(F.check(r, "smtp-v6", Self.mx1)?.result == .pass)
        #expect(F.check(r, "ptr-v6", Self.mx1)?.result == .pass)
        let both = report(mailObservation(secondHasAAAA: true), mailRequest())
        #expect(F.check(both, "mx-aaaa")?.result == .pass)
        #expect(F.check(both, "smtp-v6", F.ip("2001:db8::26"))?.result == .fail)
        #expect(F.check(both, "ptr-v6", F.ip("2001:db8::26"))?.result == .fail)
        #expect(both.verdict == .yellow)
    }

    @Test("mail: no MX with AAAA is red; a null MX is gray")
    func mailRedAndGray() {
        let o = ServiceObservation(mode: .mailDomain, hosts: [F.host("mx2.vidu.example", v4: [F.ip("203.0.113.26")], v6: [])],
                                   delegation: .found(["mx2.vidu.example"]))
        #expect(report(o, mailRequest()).verdict == .red)
        let null = ServiceObservation(mode: .mailDomain, hosts: [], absence: "null MX")
        let gray = report(null, mailRequest())
        #expect(gray.verdict == .gray)
        #expect(gray.checks.map(\.result) == [.notTestable])
    }

    func zoneObservation(nameServersWithAAAA: Int) -> ServiceObservation {
        let addresses = [F.ip("2001:db8::53"), F.ip("2001:db8::54")]
        let hosts = (0..<2).map { i in
            F.host("ns\(i + 1).vidu.example", v4: [F.ip("203.0.113.\(53 + i)")], v6: i < nameServersWithAAAA ? [addresses[i]] : [])
        }
        var answers: [DNSServerObservation] = []
        for address in addresses.prefix(nameServersWithAAAA) {
            for transport in [DNSServerObservation.Transport.udp, .tcp] {
                answers.append(DNSServerObservation(address: address, transport: transport, question: "vidu.example.",
                                                    outcome: .answered(.noError, authoritative: true, milliseconds: 0.5)))
            }
        }
        return ServiceObservation(mode: .dnsZone, hosts: hosts, delegation: .found(hosts.map(\.name)), dnsAnswers: answers,
                                  pmtu: .unavailable("no ICMP"))
    }

    @Test("name servers: two with AAAA answering over IPv6 is green; one is yellow; none is red; a REFUSED answer fails")
    func zone() {
        let request = ServiceRequest(profile: .dns, name: F.name("vidu.example"))
        #expect(report(zoneObservation(nameServersWithAAAA: 2), request).verdict == .green)
        let one = report(zoneObservation(nameServersWithAAAA: 1), request)
        #expect(one.verdict == .yellow)
        #expect(F.check(one, "ns-aaaa")?.explanation.contains("at least 2 needed") == true)
        #expect(report(zoneObservation(nameServersWithAAAA: 0), request).verdict == .red)
        var refused = zoneObservation(nameServersWithAAAA: 2)
        refused.dnsAnswers[0].outcome = .answered(.refused, authoritative: false, milliseconds: 1)
        let r = report(refused, request)
        #expect(r.verdict == .yellow)
        #expect(F.check(r, "dns-udp-v6", F.ip("2001:db8::53"))?.explanation == "answers REFUSED for vidu.example. SOA over IPv6 UDP")
    }

    @Test("server text in explanations is cut to one printable line")
    func hostileGreetingText() {
        var o = mailObservation(secondHasAAAA: true)
        o.greetings[0].outcome = .greeting(SMTPGreeting(code: 220, lines: [String(repeating: "A", count: 5000) + "\u{1B}[2J"]), milliseconds: 1)
        let explanation = F.check(report(o, mailRequest()), "smtp-v6", Self.mx1)?.explanation ?? ""
        #expect(explanation.count < 200)
        #expect(!explanation.contains("\u{1B}"))
    }
}
