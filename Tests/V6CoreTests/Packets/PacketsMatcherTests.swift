import Testing
@testable import V6Core

@Suite("Packets: probe matcher (sequence map)")
struct PacketsMatcherTests {
    typealias F = PacketsFixtures
    typealias B = PacketsBuilder

    /// A matcher with the lab's identity.
    private func labMatcher() -> ProbeMatcher {
        ProbeMatcher(identifier: F.identifier, cookie: F.cookie)
    }

    private func decode(_ packet: [UInt8], _ family: AddressFamily, _ source: IPAddress) -> DecodedICMP {
        ICMPDecoder.decode(packet, family: family, source: source)
    }

    // MARK: Replies

    @Test("a reply from the probed address is credited once, with its RTT; a duplicate is not")
    func replyThenDuplicate() {
        var matcher = labMatcher()
        matcher.register(sequence: 1, target: F.target4, sentAt: 1_000_000, token: 42, attempt: 1)
        #expect(matcher.inFlightCount == 1)
        #expect(!matcher.isFree(1))
        let decoded = decode(F.labV4EchoReply, .v4, F.target4)
        let expected = InFlightProbe(sequence: 1, target: F.target4, sentAt: 1_000_000, token: 42, attempt: 1)
        #expect(matcher.match(decoded, from: F.target4, receivedAt: 1_250_000) == .reply(expected, rtt: 250_000))
        #expect(matcher.inFlightCount == 0)
        #expect(matcher.isFree(1))
        #expect(matcher.match(decoded, from: F.target4, receivedAt: 1_300_000) == .dropped(.duplicate))
        #expect(matcher.match(decoded, from: F.target4, receivedAt: 1_400_000) == .dropped(.duplicate))
        #expect(matcher.counters.duplicate == 2)
        #expect(matcher.counters.total == 2)
    }

    @Test("an ICMPv6 reply is credited; the source must be the probed address, zone aside")
    func v6Reply() {
        var matcher = labMatcher()
        matcher.register(sequence: 11, target: F.target6, sentAt: 10, token: 7)
        let decoded = decode(F.labV6EchoReply, .v6, F.target6)
        guard case .reply(let probe, let rtt) = matcher.match(decoded, from: F.target6, receivedAt: 25) else {
            Issue.record("not credited")
            return
        }
        #expect(probe.token == 7 && rtt == 15 && probe.family == .v6)

        // A link-local target registered with its zone still matches a reply whose source has none.
        let linkLocal = IPAddress("fe80::1%eth0")!
        matcher.register(sequence: 11, target: linkLocal, sentAt: 30, token: 8)
        guard case .reply(let zoned, _) = matcher.match(decoded, from: IPAddress("fe80::1")!, receivedAt: 31) else {
            Issue.record("link-local reply not credited")
            return
        }
        #expect(zoned.token == 8)
    }

    @Test("a spoofed reply (our id, sequence and cookie, another source) is dropped as wrongSource, and the probe waits on")
    func spoofedReply() {
        var matcher = labMatcher()
        matcher.register(sequence: 1, target: F.target4, sentAt: 0, token: 1)
        let spoofer = IPv4Address(0xCB00_7109)  // 203.0.113.9
        let spoofed = B.ipv4(source: spoofer, destination: F.prober4.ipv4!, payload: Array(F.labV4EchoReply[20...]))
        let decoded = decode(spoofed, .v4, .v4(spoofer))
        #expect(decoded == .echoReply(ICMPEchoReply(identifier: 0xBEEF, sequence: 1, cookie: F.cookie, payloadSize: 10)))
        #expect(matcher.match(decoded, from: .v4(spoofer), receivedAt: 5) == .dropped(.wrongSource))
        #expect(matcher.counters.wrongSource == 1)
        #expect(matcher.inFlightCount == 1)
        // v6: the genuine reply presented from another address, and from the right address of the wrong family.
        matcher.register(sequence: 11, target: F.target6, sentAt: 0, token: 2)
        let v6 = decode(F.labV6EchoReply, .v6, F.target6)
        #expect(matcher.match(v6, from: F.prohibited6, receivedAt: 5) == .dropped(.wrongSource))
        #expect(matcher.match(v6, from: IPAddress("::ffff:198.51.100.2")!, receivedAt: 5) == .dropped(.wrongSource))
        // The real reply still gets through afterwards.
        guard case .reply = matcher.match(decode(F.labV4EchoReply, .v4, F.target4), from: F.target4, receivedAt: 6)
        else { Issue.record("genuine reply after a spoof was not credited"); return }
    }

    @Test("a reply with a foreign identifier is dropped")
    func foreignIdentifier() {
        var matcher = ProbeMatcher(identifier: 0x1234, cookie: F.cookie)
        matcher.register(sequence: 1, target: F.target4, sentAt: 0, token: 1)
        #expect(matcher.match(decode(F.labV4EchoReply, .v4, F.target4), from: F.target4, receivedAt: 1)
            == .dropped(.foreignIdentifier))
        #expect(matcher.counters.foreignIdentifier == 1)
        #expect(matcher.inFlightCount == 1)
    }

    @Test("our identifier with another run's cookie is dropped as foreign")
    func foreignCookie() {
        var matcher = ProbeMatcher(identifier: F.identifier, cookie: 0xDEAD_BEEF_0000_0001)
        matcher.register(sequence: 1, target: F.target4, sentAt: 0, token: 1)
        #expect(matcher.match(decode(F.labV4EchoReply, .v4, F.target4), from: F.target4, receivedAt: 1)
            == .dropped(.foreignIdentifier))
        // The same goes for an error quoting our identifier with another cookie.
        matcher.register(sequence: 2, target: F.prohibited4, sentAt: 0, token: 2)
        #expect(matcher.match(decode(F.labV4AdminProhibited, .v4, F.router4), from: F.router4, receivedAt: 1)
            == .dropped(.foreignIdentifier))
        #expect(matcher.counters.foreignIdentifier == 2)
    }

    @Test("a reply for a sequence never registered, removed, or timed out is not credited")
    func unknownRemovedAndLate() {
        var matcher = labMatcher()
        let decoded = decode(F.labV4EchoReply, .v4, F.target4)
        #expect(matcher.match(decoded, from: F.target4, receivedAt: 1) == .dropped(.unknownSequence))

        matcher.register(sequence: 1, target: F.target4, sentAt: 0, token: 1)
        #expect(matcher.remove(sequence: 1)?.token == 1)
        #expect(matcher.remove(sequence: 1) == nil)
        #expect(matcher.match(decoded, from: F.target4, receivedAt: 2) == .dropped(.unknownSequence))

        matcher.register(sequence: 1, target: F.target4, sentAt: 100, token: 2)
        #expect(matcher.removeExpired(sentBefore: 100).isEmpty)
        #expect(matcher.removeExpired(sentBefore: 101).map(\.token) == [2])
        #expect(matcher.match(decoded, from: F.target4, receivedAt: 600) == .dropped(.late))

        #expect(matcher.counters.unknownSequence == 2)
        #expect(matcher.counters.late == 1)
        #expect(matcher.inFlightCount == 0)
    }

    @Test("ignored and malformed packets are counted, never credited")
    func notOursAndMalformed() {
        var matcher = labMatcher()
        matcher.register(sequence: 1, target: F.target4, sentAt: 0, token: 1)
        var broken = F.labV4EchoReply
        broken[30] ^= 0xFF
        #expect(matcher.match(decode(broken, .v4, F.target4), from: F.target4, receivedAt: 1) == .dropped(.malformed))
        #expect(matcher.match(decode(F.loopbackDefaultPingReply, .v4, F.loopback4), from: F.loopback4, receivedAt: 1)
            == .dropped(.notOurs))
        #expect(matcher.match(decode(F.labV6NeighborAdvertisement, .v6, F.router6), from: F.router6, receivedAt: 1)
            == .dropped(.notOurs))
        #expect(matcher.counters.malformed == 1)
        #expect(matcher.counters.notOurs == 2)
        #expect(matcher.inFlightCount == 1)
    }

    // MARK: Errors

    @Test("v4 admin-prohibited from a router is credited to the probe it quotes, with the detail")
    func v4ErrorMatched() {
        var matcher = labMatcher()
        matcher.register(sequence: 2, target: F.prohibited4, sentAt: 1_000, token: 5)
        let outcome = matcher.match(decode(F.labV4AdminProhibited, .v4, F.router4), from: F.router4, receivedAt: 3_000)
        guard case .icmpError(let probe, let error, let reporter, let rtt) = outcome else {
            Issue.record("not credited: \(outcome)")
            return
        }
        #expect(probe.token == 5 && probe.target == F.prohibited4 && probe.sequence == 2)
        #expect(reporter == F.router4)
        #expect(rtt == 2_000)
        #expect(error.detail == "ICMP destination unreachable code 13 (communication administratively prohibited)")
        #expect(matcher.inFlightCount == 0)
        #expect(matcher.match(decode(F.labV4AdminProhibited, .v4, F.router4), from: F.router4, receivedAt: 3_001)
            == .dropped(.duplicate))
    }

    @Test("v6 errors (admin-prohibited, packet too big, hop limit) are credited through the quoted packet")
    func v6ErrorsMatched() {
        var matcher = labMatcher()
        matcher.register(sequence: 12, target: F.prohibited6, sentAt: 0, token: 12)
        matcher.register(sequence: 13, target: F.target6, sentAt: 0, token: 13)
        matcher.register(sequence: 14, target: F.target6, sentAt: 0, token: 14)
        let cases: [([UInt8], Int, String)] = [
            (F.labV6AdminProhibited, 12, "ICMPv6 destination unreachable code 1 (administratively prohibited)"),
            (F.labV6HopLimitExceeded, 13, "ICMPv6 time exceeded in transit"),
            (F.labV6PacketTooBig, 14, "ICMPv6 packet too big (MTU 1280)"),
        ]
        for (packet, token, detail) in cases {
            let outcome = matcher.match(decode(packet, .v6, F.router6), from: F.router6, receivedAt: 1)
            guard case .icmpError(let probe, let error, let reporter, _) = outcome else {
                Issue.record("token \(token) not credited: \(outcome)")
                continue
            }
            #expect(probe.token == token)
            #expect(reporter == F.router6)
            #expect(error.detail == detail)
        }
        #expect(matcher.inFlightCount == 0)
        #expect(matcher.counters.total == 0)
    }

    @Test("an error quoting our sequence but another destination is not credited")
    func errorWrongDestination() {
        var matcher = labMatcher()
        matcher.register(sequence: 2, target: F.target4, sentAt: 0, token: 1)  // the quote says 198.51.100.3
        #expect(matcher.match(decode(F.labV4AdminProhibited, .v4, F.router4), from: F.router4, receivedAt: 1)
            == .dropped(.wrongQuotedDestination))
        #expect(matcher.counters.wrongQuotedDestination == 1)
        #expect(matcher.inFlightCount == 1)
    }

    @Test("an error for an unknown or foreign sequence is dropped")
    func errorUnknownOrForeign() {
        var matcher = labMatcher()
        #expect(matcher.match(decode(F.labV4TimeExceeded, .v4, F.router4), from: F.router4, receivedAt: 1)
            == .dropped(.unknownSequence))
        var other = ProbeMatcher(identifier: 0x0001, cookie: F.cookie)
        other.register(sequence: 3, target: F.target4, sentAt: 0, token: 1)
        #expect(other.match(decode(F.labV4TimeExceeded, .v4, F.router4), from: F.router4, receivedAt: 1)
            == .dropped(.foreignIdentifier))
    }

    @Test("errors quoting TCP or UDP go to the connect-probe table with their ports, uncounted")
    func transportErrors() {
        var matcher = labMatcher()
        let outcome = matcher.match(decode(F.labV4TCPAdminProhibited, .v4, F.router4), from: F.router4, receivedAt: 1)
        guard case .transportError(let error, let reporter) = outcome else {
            Issue.record("expected a transport error, got \(outcome)")
            return
        }
        #expect(reporter == F.router4)
        #expect(error.quoted.destination == F.target4)
        #expect(error.quoted.transport == .tcp(sourcePort: 41004, destinationPort: 81))
        let udp = matcher.match(decode(F.labV6PortUnreachable, .v6, F.target6), from: F.target6, receivedAt: 1)
        guard case .transportError(let udpError, _) = udp else {
            Issue.record("expected a transport error, got \(udp)")
            return
        }
        #expect(udpError.quoted.transport == .udp(sourcePort: 40006, destinationPort: 9))
        #expect(matcher.counters.total == 0)
    }

    // MARK: Sequences and expiry

    @Test("free sequences are handed out oldest-freed first, starting where asked")
    func sequenceAllocation() {
        var matcher = ProbeMatcher(identifier: 1, cookie: 2, firstSequence: 0xFFFE)
        #expect(matcher.nextFreeSequence() == 0xFFFE)
        #expect(matcher.nextFreeSequence() == 0xFFFE)  // asking again without registering: same answer
        matcher.register(sequence: 0xFFFE, target: F.target4, sentAt: 0, token: 0)
        #expect(matcher.nextFreeSequence() == 0xFFFF)
        matcher.register(sequence: 0xFFFF, target: F.target4, sentAt: 0, token: 1)
        #expect(matcher.nextFreeSequence() == 0)
        // Registering a sequence out of turn: it is skipped when its turn comes.
        matcher.register(sequence: 1, target: F.target4, sentAt: 0, token: 2)
        matcher.register(sequence: 0, target: F.target4, sentAt: 0, token: 3)
        #expect(matcher.nextFreeSequence() == 2)
        // Freed sequences go to the back of the line.
        matcher.remove(sequence: 0xFFFE)
        #expect(matcher.nextFreeSequence() == 2)
        #expect(matcher.isFree(0xFFFE))
        #expect(!matcher.isFree(1))
    }

    @Test("with every sequence in flight there is none free; freeing one makes it the next")
    func fullTable() {
        var matcher = ProbeMatcher(identifier: 1, cookie: 2)
        for token in 0..<ProbeMatcher.sequenceCount {
            let sequence = matcher.nextFreeSequence()!
            matcher.register(sequence: sequence, target: F.target6, sentAt: UInt64(token), token: token)
        }
        #expect(matcher.inFlightCount == 65_536)
        #expect(matcher.nextFreeSequence() == nil)
        matcher.remove(sequence: 777)
        #expect(matcher.nextFreeSequence() == 777)
    }

    @Test("expiry returns the timed-out probes oldest first, skipping answered and re-registered ones")
    func expiry() {
        var matcher = labMatcher()
        matcher.register(sequence: 1, target: F.target4, sentAt: 10, token: 1)
        matcher.register(sequence: 2, target: F.target4, sentAt: 20, token: 2)
        matcher.register(sequence: 3, target: F.target4, sentAt: 30, token: 3)
        matcher.register(sequence: 4, target: F.target4, sentAt: 40, token: 4)
        _ = matcher.match(decode(F.labV4EchoReply, .v4, F.target4), from: F.target4, receivedAt: 25)  // answers 1
        matcher.remove(sequence: 2)
        matcher.register(sequence: 2, target: F.target6, sentAt: 45, token: 22)  // same sequence, new probe
        #expect(matcher.removeExpired(sentBefore: 41).map(\.token) == [3, 4])
        #expect(matcher.probe(sequence: 2)?.token == 22)
        var seen: [Int] = []
        matcher.removeExpired(sentBefore: 1_000) { seen.append($0.token) }
        #expect(seen == [22])
        #expect(matcher.inFlightCount == 0)
    }

    // MARK: Scale

    @Test("40,000 probes in flight over both families: every reply credited once, every repeat refused")
    func fortyThousand() {
        var matcher = ProbeMatcher(identifier: 0xC0DE, cookie: 0xFEED_FACE_CAFE_BEEF, firstSequence: 60_000)
        let count = 40_000
        var sequences: [UInt16] = []
        var targets: [IPAddress] = []
        for token in 0..<count {
            let sequence = matcher.nextFreeSequence()!
            let target: IPAddress = token % 2 == 0
                ? .v4(IPv4Address(0xC612_0000 + UInt32(token)))                      // 198.18.x.y
                : .v6(IPv6Address(high: 0x2001_0002_0000_0000, low: UInt64(token)))  // 2001:2::/48
            matcher.register(sequence: sequence, target: target, sentAt: UInt64(token), token: token)
            sequences.append(sequence)
            targets.append(target)
        }
        #expect(matcher.inFlightCount == count)
        #expect(Set(sequences).count == count)

        var replies: [[UInt8]] = []
        replies.reserveCapacity(count)
        for token in 0..<count {
            let family = targets[token].family
            let message = B.echoReplyMessage(family: family, identifier: 0xC0DE, sequence: sequences[token],
                                             cookie: 0xFEED_FACE_CAFE_BEEF, payloadSize: 16)
            replies.append(family == .v4
                ? B.ipv4(source: targets[token].ipv4!, destination: F.prober4.ipv4!, payload: message) : message)
        }
        var credited = 0
        for token in (0..<count).reversed() {  // out of order, as a network delivers them
            let decoded = ICMPDecoder.decode(replies[token], family: targets[token].family, source: targets[token])
            let outcome = matcher.match(decoded, from: targets[token], receivedAt: UInt64(count + token))
            guard case .reply(let probe, let rtt) = outcome, probe.token == token, rtt == UInt64(count) else {
                Issue.record("token \(token): \(outcome)")
                continue
            }
            credited += 1
        }
        #expect(credited == count)
        #expect(matcher.inFlightCount == 0)
        for token in 0..<count {
            let decoded = ICMPDecoder.decode(replies[token], family: targets[token].family, source: targets[token])
            if matcher.match(decoded, from: targets[token], receivedAt: 0) != .dropped(.duplicate) {
                Issue.record("repeat for token \(token) was not refused")
            }
        }
        #expect(matcher.counters.duplicate == count)
        #expect(matcher.counters.total == count)
    }

    @Test("a sweep of 200,000 probes recycles sequences with 32,768 in flight")
    func recycling() {
        var matcher = ProbeMatcher(identifier: 9, cookie: 9)
        let window = 32_768
        var inFlight = RingQueue<(UInt16, Int)>(minimumCapacity: window)
        var answered = 0
        for token in 0..<200_000 {
            if inFlight.count == window, case let (sequence, oldest)? = inFlight.removeFirst() {
                let reply = DecodedICMP.echoReply(ICMPEchoReply(identifier: 9, sequence: sequence, cookie: 9,
                                                                payloadSize: 10))
                guard case .reply(let probe, _) = matcher.match(reply, from: F.target4, receivedAt: UInt64(token)),
                      probe.token == oldest else {
                    Issue.record("token \(oldest) not credited")
                    return
                }
                answered += 1
            }
            guard let sequence = matcher.nextFreeSequence() else {
                Issue.record("ran out of sequences at \(token)")
                return
            }
            matcher.register(sequence: sequence, target: F.target4, sentAt: UInt64(token), token: token)
            inFlight.append((sequence, token))
        }
        #expect(answered == 200_000 - window)
        #expect(matcher.inFlightCount == window)
        #expect(matcher.removeExpired(sentBefore: .max).count == window)
    }

    @Test("random identities differ between runs")
    func randomIdentity() {
        var generator = SeededGenerator(seed: 1)
        let first = ProbeMatcher(using: &generator)
        let second = ProbeMatcher(using: &generator)
        #expect(first.identifier != second.identifier || first.cookie != second.cookie)
        #expect(first.cookie != second.cookie)
    }

    @Test("drop counters add up and index by reason")
    func counters() {
        var one = DropCounters()
        one[.late] = 2
        one[.wrongSource] = 1
        var two = DropCounters()
        two[.late] = 3
        two[.notOurs] = 4
        let sum = one + two
        #expect(sum.late == 5 && sum.wrongSource == 1 && sum.notOurs == 4)
        #expect(sum.total == 10)
    }
}
