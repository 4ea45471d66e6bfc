import Foundation
import Synchronization
import Testing
import V6Core
import V6System
@testable import V6Services

/// The DNS client against a Swift responder on loopback: TCP fallback, foreign replies dropped, hostile answers refused
/// with a clear error. Nothing leaves the machine.
@Suite("Services: DNS client on loopback", .serialized)
struct DNSClientTests {
    static let site = DNSName("web.vidu.example")!
    static let zone = TestZone(records: [
        DNSRecord(name: site, ttl: 300, data: .a(IPv4Address("203.0.113.20")!)),
        DNSRecord(name: site, ttl: 300, data: .aaaa(IPv6Address("2001:db8::20")!)),
        DNSRecord(name: DNSName("www.vidu.example")!, ttl: 300, data: .cname(site)),
    ])

    func client(_ responder: TestDNSResponder, timeout: Int = 300, attempts: Int = 1) -> DNSClient {
        DNSClient(configuration: ResolverConfiguration(servers: [responder.resolver], timeoutMilliseconds: timeout,
                                                       attempts: attempts))
    }

    @discardableResult
    func serve<R>(_ family: SocketAddress.Family = .ipv4, answering handler: @escaping TestDNSResponder.Handler,
                 _ body: (TestDNSResponder) throws -> R) throws -> R {
        let responder = try TestDNSResponder(family: family, handler: handler)
        defer { responder.stop() }
        return try body(responder)
    }

    /// The header of a reply to `query` with the given counts (QR AA set, NOERROR), then the echoed question.
    static func replyPrefix(_ query: DNSMessage, id: UInt16? = nil, flags: UInt16 = 0x8400, an: UInt16 = 1) -> [UInt8] {
        let id = id ?? query.id
        var bytes = [UInt8(id >> 8), UInt8(id & 0xFF), UInt8(flags >> 8), UInt8(flags & 0xFF), 0, 1,
                     UInt8(an >> 8), UInt8(an & 0xFF), 0, 0, 0, 0]
        bytes += query.questions[0].name.wireBytes
        bytes += [UInt8(query.questions[0].type.code >> 8), UInt8(query.questions[0].type.code & 0xFF), 0, 1]
        return bytes
    }

    @Test("an answer over UDP over both loopback families, CNAME followed")
    func plainAnswer() throws {
        for family in [SocketAddress.Family.ipv4, .ipv6] {
            try serve(family, answering: { query, _ in [.send(Self.zone.encoded(query))] }) { responder in
                let dns = client(responder)
                #expect(dns.addresses(of: Self.site, .v6) == .found([.v6(IPv6Address("2001:db8::20")!)]))
                #expect(dns.addresses(of: DNSName("www.vidu.example")!, .v4) == .found([.v4(IPv4Address("203.0.113.20")!)]))
                #expect(dns.addresses(of: DNSName("nope.vidu.example")!, .v6) == .none("nope.vidu.example does not exist (NXDOMAIN)"))
                #expect(responder.received.allSatisfy { $0.0 == .udp })
            }
        }
    }

    @Test("a truncated UDP answer (TC=1) is asked again over TCP, which gives the full answer")
    func tcpFallback() throws {
        try serve(answering: { query, transport in
            if transport == .udp {
                var truncated = DNSMessage.response(to: query)
                truncated.isTruncated = true
                return [.send((try? DNSMessageEncoder.encode(truncated)) ?? [])]
            }
            return [.send(Self.zone.encoded(query))]
        }) { responder in
            let exchange = try client(responder).query(Self.site, .aaaa)
            #expect(exchange.transport == .tcp)
            #expect(exchange.fellBackToTCP)
            #expect(DNSAnswerSelection.addresses(exchange.message.answers.map(\.data)) == [.v6(IPv6Address("2001:db8::20")!)])
            #expect(responder.received.map(\.0) == [.udp, .tcp])
        }
    }

    @Test("a reply with the wrong id is dropped and the client keeps waiting for the real one")
    func wrongIDThenRight() throws {
        try serve(answering: { query, _ in
            var forged = Self.zone.answer(query)
            forged.id = query.id &+ 1
            forged.answers = [DNSRecord(name: Self.site, ttl: 300, data: .aaaa(IPv6Address("2001:db8::666")!))]
            return [.send((try? DNSMessageEncoder.encode(forged)) ?? []), .send(Self.zone.encoded(query))]
        }) { responder in
            #expect(client(responder).addresses(of: Self.site, .v6) == .found([.v6(IPv6Address("2001:db8::20")!)]))
        }
    }

    @Test("only wrong ids: the lookup times out and says it dropped them")
    func onlyWrongID() throws {
        try serve(answering: { query, _ in
            var forged = Self.zone.answer(query)
            forged.id = query.id ^ 0xFFFF
            return [.send((try? DNSMessageEncoder.encode(forged)) ?? [])]
        }) { responder in
            do {
                _ = try client(responder).query(Self.site, .aaaa)
                Issue.record("a wrong id was accepted")
            } catch let error as DNSLookupError {
                #expect(error.kind == .timedOut)
                #expect(error.message.contains("no acceptable answer within 300 ms (dropped 1 with a wrong id"), "\(error)")
            }
        }
    }

    @Test("a reply from another port is dropped; the real one is taken")
    func foreignSource() throws {
        try serve(answering: { query, _ in
            var forged = Self.zone.answer(query)
            forged.answers = [DNSRecord(name: Self.site, ttl: 300, data: .aaaa(IPv6Address("2001:db8::666")!))]
            return [.sendFromOtherPort((try? DNSMessageEncoder.encode(forged)) ?? []), .send(Self.zone.encoded(query))]
        }) { responder in
            #expect(client(responder).addresses(of: Self.site, .v6) == .found([.v6(IPv6Address("2001:db8::20")!)]))
        }
        try serve(answering: { query, _ in [.sendFromOtherPort(Self.zone.encoded(query))] }) { responder in
            #expect(throws: DNSLookupError.self) { try client(responder).query(Self.site, .aaaa) }
        }
    }

    /// Hostile answers, each with the right id from the right place: refused with a message naming the problem.
    static let hostile: [(name: String, expected: String, build: @Sendable (DNSMessage) -> [UInt8])] = [
        ("compression pointer loop", "makes a loop", { query in
            var bytes = replyPrefix(query)
            let here = bytes.count
            bytes += [0xC0, UInt8(here)] + [0, 28, 0, 1, 0, 0, 0, 60, 0, 16] + [UInt8](repeating: 1, count: 16)
            return bytes
        }),
        ("pointer chain past the limit", "more than 128 compression pointers", { query in
            var bytes = replyPrefix(query)
            let start = bytes.count
            // 200 pointers, each to the next: no loop revisits, but the chain is longer than any real name needs.
            for index in 0..<200 { let next = start + 2 * (index + 1); bytes += [0xC0 | UInt8(next >> 8), UInt8(next & 0xFF)] }
            bytes += [0] + [0, 28, 0, 1, 0, 0, 0, 60, 0, 16] + [UInt8](repeating: 1, count: 16)
            return bytes
        }),
        ("record length past the end", "runs past the end of the message", { query in
            replyPrefix(query) + [0xC0, 12, 0, 28, 0, 1, 0, 0, 0, 60, 0xFF, 0xF0] + [UInt8](repeating: 1, count: 16)
        }),
        ("oversized AAAA data", "AAAA record data is 40 bytes; it must be 16", { query in
            replyPrefix(query) + [0xC0, 12, 0, 28, 0, 1, 0, 0, 0, 60, 0, 40] + [UInt8](repeating: 1, count: 40)
        }),
        ("name longer than 255 octets", "longer than 255 octets", { query in
            var bytes = replyPrefix(query)
            for _ in 0..<5 { bytes += [63] + [UInt8](repeating: 0x61, count: 63) }
            return bytes + [0, 0, 28, 0, 1, 0, 0, 0, 60, 0, 16] + [UInt8](repeating: 1, count: 16)
        }),
        ("counts larger than the message", "header claims", { query in
            var bytes = replyPrefix(query, an: 0xFFFF)
            bytes += [0xC0, 12, 0, 28, 0, 1, 0, 0, 0, 60, 0, 16] + [UInt8](repeating: 1, count: 16)
            return bytes
        }),
        ("answer to another question", "not an answer to our question", { query in
            var other = query
            other.questions = [DNSQuestion(name: DNSName("bank.example")!, type: .aaaa)]
            var response = DNSMessage.response(to: other)
            response.answers = [DNSRecord(name: DNSName("bank.example")!, ttl: 60, data: .aaaa(IPv6Address("2001:db8::666")!))]
            return (try? DNSMessageEncoder.encode(response)) ?? []
        }),
        ("a query instead of an answer", "QR clear", { query in
            (try? DNSMessageEncoder.encode(query)) ?? []
        }),
        ("three bytes", "shorter than the 12-byte DNS header", { query in
            [UInt8(query.id >> 8), UInt8(query.id & 0xFF), 0x84]
        }),
    ]

    @Test("hostile UDP answers are refused with a clear error, never a crash", arguments: 0..<hostile.count)
    func hostileAnswers(index: Int) throws {
        let hostile = Self.hostile[index]
        try serve(answering: { query, _ in [.send(hostile.build(query))] }) { responder in
            do {
                let exchange = try client(responder, timeout: 200).query(Self.site, .aaaa)
                Issue.record("\(hostile.name) was accepted: \(exchange.message)")
            } catch let error as DNSLookupError {
                #expect(error.kind == .malformed, "\(hostile.name): \(error)")
                #expect(error.message.contains(hostile.expected), "\(hostile.name): \(error)")
            }
            #expect(client(responder, timeout: 200).addresses(of: Self.site, .v6).addresses.isEmpty)
        }
    }

    @Test("hostile TCP answers: a length prefix longer than what follows, truncated again, malformed")
    func hostileTCP() throws {
        func expectFailure(_ tcpAction: @escaping @Sendable (DNSMessage) -> TestDNSResponder.Action, _ text: String) throws {
            try serve(answering: { query, transport in
                if transport == .udp {
                    var truncated = DNSMessage.response(to: query)
                    truncated.isTruncated = true
                    return [.send((try? DNSMessageEncoder.encode(truncated)) ?? [])]
                }
                return [tcpAction(query)]
            }) { responder in
                do {
                    _ = try client(responder).query(Self.site, .aaaa)
                    Issue.record("accepted")
                } catch let error as DNSLookupError {
                    #expect(error.message.contains(text), "\(error)")
                }
            }
        }
        try expectFailure({ query in .sendRaw([0xFF, 0xFF] + Self.zone.encoded(query).prefix(20)) },
                          "the connection closed after 20 of 65535 bytes")
        try expectFailure({ query in
            var again = DNSMessage.response(to: query)
            again.isTruncated = true
            return .send((try? DNSMessageEncoder.encode(again)) ?? [])
        }, "truncated (TC) even over TCP")
        try expectFailure({ query in .send(Self.hostile[0].build(query)) }, "makes a loop")
        try expectFailure({ _ in .sendRaw([0x00]) }, "closed before the answer's length arrived")
    }

    @Test("random bytes with the right id never crash the client", arguments: [1, 2, 3, 4])
    func fuzz(seed: Int) throws {
        let counter = Atomic<UInt64>(UInt64(seed) &* 0x9E37_79B9_7F4A_7C15)
        try serve(answering: { query, _ in
            var state = counter.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
            let valid = Self.zone.encoded(query)
            var bytes = valid
            for _ in 0..<8 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let position = 2 + Int(state >> 33) % max(bytes.count - 2, 1)
                bytes[position] = UInt8(truncatingIfNeeded: state >> 17)
            }
            return [.send(bytes)]
        }) { responder in
            for _ in 0..<12 {
                switch client(responder, timeout: 100).addresses(of: Self.site, .v6) {
                case .found(let list): #expect(list.count <= 1)
                case .none, .failed: break
                }
            }
        }
    }

    @Test("servers in order: SERVFAIL from the first, the answer from the second; silence is a timeout in bounded time")
    func serversAndTimeouts() throws {
        let failing = try TestDNSResponder { query, _ in
            [.send((try? DNSMessageEncoder.encode(DNSMessage.response(to: query, rcode: .serverFailure))) ?? [])]
        }
        defer { failing.stop() }
        let working = try TestDNSResponder { query, _ in [.send(Self.zone.encoded(query))] }
        defer { working.stop() }
        let dns = DNSClient(configuration: ResolverConfiguration(servers: [failing.resolver, working.resolver],
                                                                 timeoutMilliseconds: 300, attempts: 2))
        #expect(dns.addresses(of: Self.site, .v6).addresses.count == 1)
        #expect(failing.received.count == 1, "a server that answered SERVFAIL is not asked again")

        let silent = try TestDNSResponder { _, _ in [] }
        defer { silent.stop() }
        let started = Date()
        let quiet = DNSClient(configuration: ResolverConfiguration(servers: [silent.resolver], timeoutMilliseconds: 200, attempts: 2))
        #expect(throws: DNSLookupError(.timedOut, "\(silent.resolver) over UDP: no acceptable answer within 200 ms")) {
            try quiet.query(Self.site, .aaaa)
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.4 && elapsed < 1.5, "two attempts of 200 ms took \(elapsed) s")
        #expect(silent.received.count == 2)
    }

    @Test("a resolver that stopped answering is not asked again after three timeouts in a row")
    func silentResolverIsDropped() throws {
        let silent = try TestDNSResponder { _, _ in [] }
        defer { silent.stop() }
        let dns = DNSClient(configuration: ResolverConfiguration(servers: [silent.resolver], timeoutMilliseconds: 100, attempts: 1))
        let started = Date()
        for index in 0..<10 {
            #expect(dns.addresses(of: DNSName("n\(index).vidu.example")!, .v6).addresses.isEmpty)
        }
        #expect(silent.received.count == 3)
        #expect(Date().timeIntervalSince(started) < 1, "three timeouts of 100 ms, then nothing")
        do {
            _ = try dns.query(Self.site, .aaaa)
            Issue.record("a silent server was asked again")
        } catch {
            #expect(error.message.hasSuffix("did not answer the last 3 questions; not asked again in this run"), "\(error)")
        }
    }

    @Test("nothing listening: ICMP port unreachable ends the lookup at once")
    func nothingListens() throws {
        let socket = try Socket(.ipv4, .datagram)
        try socket.bind(to: .ipv4Loopback(port: 0))
        let port = try socket.localAddress().port
        try socket.close()
        let dns = DNSClient(configuration: ResolverConfiguration(servers: [ResolverAddress(.v4(IPv4Address("127.0.0.1")!), port: port)],
                                                                 timeoutMilliseconds: 2000, attempts: 1))
        let started = Date()
        do {
            _ = try dns.query(Self.site, .aaaa)
            Issue.record("answered")
        } catch {
            #expect(error.kind == .unreachable)
            #expect(error.message.contains("port unreachable"), "\(error)")
        }
        #expect(Date().timeIntervalSince(started) < 1)
    }

    @Test("the system resolver comes from resolv.conf")
    func resolvConf() throws {
        let directory = try FileSystem.makeTemporaryDirectory(prefix: "v6ready-svc")
        defer { try? FileSystem.removeRecursively(directory) }
        try AtomicFile.write(Array("nameserver 192.0.2.53\nnameserver 2001:db8::53\noptions timeout:1\n".utf8), to: directory + "/resolv.conf")
        let dns = try DNSClient.system(resolvConf: directory + "/resolv.conf")
        #expect(dns.configuration.servers.map(\.description) == ["192.0.2.53:53", "[2001:db8::53]:53"])
        #expect(dns.configuration.timeoutMilliseconds == 1000)
        try AtomicFile.write(Array("search example\n".utf8), to: directory + "/empty.conf")
        #expect(throws: DNSLookupError.self) { try DNSClient.system(resolvConf: directory + "/empty.conf") }
    }
}
