import Foundation
import Testing
import V6Core
import V6System
@testable import V6Services

/// The whole checker on loopback, no namespaces needed: names through the Swift responder, a dual-stack listener.
@Suite("Services: checker on loopback", .serialized)
struct ServiceCheckerLoopbackTests {
    static let name = DNSName("app.vidu.example")!

    /// A dual-stack listener on a free port of ::1 and 127.0.0.1 (the kernel completes handshakes without accept).
    func listener() throws -> (Socket, Int) {
        let socket = try Socket(.ipv6, .stream)
        try socket.setOption(level: 41 /* IPPROTO_IPV6 */, name: 26 /* IPV6_V6ONLY */, value: Int32(0))
        try socket.bind(to: SocketAddress(ipv6High: 0, low: 0, port: 0))
        try socket.listen()
        return (socket, Int(try socket.localAddress().port))
    }

    func request(port: Int) -> ServiceRequest {
        ServiceRequest(record: "app", kind: "app", profile: .tcp, name: Self.name, label: "app.vidu.example", ports: [port],
                       inventoryAddresses: [IPAddress("127.0.0.1")!, IPAddress("::1")!])
    }

    func checker(_ resolver: ResolverAddress) -> ServiceChecker {
        var options = ServiceCheckOptions()
        options.timeoutMilliseconds = 500
        options.happyEyeballsTries = 1
        return ServiceChecker(options: options,
                              dns: DNSClient(configuration: ResolverConfiguration(servers: [resolver], timeoutMilliseconds: 200, attempts: 1)),
                              pmtu: .failure(PMTUUnavailable(reason: "not in this test")))
    }

    @Test("names come through a resolver that truncates over UDP (TCP fallback); the ports answer over both families: green")
    func green() throws {
        let zone = TestZone(records: [DNSRecord(name: Self.name, ttl: 60, data: .a(IPv4Address("127.0.0.1")!)),
                                      DNSRecord(name: Self.name, ttl: 60, data: .aaaa(IPv6Address("::1")!))])
        let responder = try TestDNSResponder { query, transport in
            if transport == .udp {
                var truncated = DNSMessage.response(to: query)
                truncated.isTruncated = true
                return [.send((try? DNSMessageEncoder.encode(truncated)) ?? [])]
            }
            return [.send(zone.encoded(query))]
        }
        defer { responder.stop() }
        let (socket, port) = try listener()
        defer { try? socket.close() }
        let report = try #require(checker(responder.resolver).check([request(port: port)]).first)
        #expect(report.verdict == .green, "\(report.summary)")
        #expect(report.check("aaaa")?.explanation == "AAAA ::1")
        #expect(report.check("tcp-\(port)-v6")?.result == .pass)
        #expect(report.check("tcp-\(port)-v4")?.result == .pass)
        #expect(report.check("pmtu-v6")?.result == .notTestable)
        #expect(report.check("happy-eyeballs")?.result == .pass)
        #expect(responder.received.contains { $0.0 == .tcp })
    }

    @Test("a silent resolver: the inventory's addresses are judged, and the check says the lookup failed; a closed port fails")
    func inventoryFallback() throws {
        let responder = try TestDNSResponder { _, _ in [] }
        defer { responder.stop() }
        let (socket, port) = try listener()
        try socket.close()   // now nothing listens there: refused
        let report = try #require(checker(responder.resolver).check([request(port: port)]).first)
        #expect(report.verdict == .yellow, "\(report.summary)")
        let address = try #require(report.check("ipv6-address"))
        #expect(address.result == .pass)
        #expect(address.explanation.contains("the DNS lookup failed"), "\(address.explanation)")
        #expect(report.check("tcp-\(port)-v6")?.explanation == "port \(port) refused (RST): nothing listens there over IPv6")
        #expect(report.check("happy-eyeballs")?.result == .notTestable)
    }

    @Test("outside the scope nothing is probed: each check says so and the service is gray")
    func scope() throws {
        let responder = try TestDNSResponder { _, _ in [] }
        defer { responder.stop() }
        var options = ServiceCheckOptions()
        options.scope = Scope()
        let outside = ServiceRequest(record: "x", kind: "app", profile: .tcp, name: nil, label: "x", ports: [80],
                                     inventoryAddresses: [IPAddress("192.0.2.1")!, IPAddress("2001:db8::1")!])
        let report = try #require(ServiceChecker(options: options, dns: nil, pmtu: .failure(PMTUUnavailable(reason: "off")))
            .check([outside]).first)
        #expect(report.verdict == .gray, "\(report.summary)")
        #expect(report.checks.filter { $0.name.hasPrefix("tcp-") }.allSatisfy {
            $0.result == .notTestable && $0.explanation.hasPrefix("outside the inventory's scope")
        })
    }
}
