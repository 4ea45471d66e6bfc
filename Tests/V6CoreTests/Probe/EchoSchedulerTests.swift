import Testing
@testable import V6Core

/// A simulated network for the scheduler: hosts that answer (with a delay), hosts that are silent, routers that
/// reject with an ICMP error, and a spoofer. Time is simulated in nanoseconds, so the tests are exact and instant.
private struct SimulatedNetwork {
    var answering: [IPAddress: UInt64] = [:]          // address -> RTT
    var rejecting: Set<IPAddress> = []                // answered with ICMPv6 admin-prohibited by a router
    var answerFromOtherSource: Set<IPAddress> = []    // answered, but from the wrong address (spoofed)
    var dropFirstAttempts: [IPAddress: Int] = [:]     // lose this many requests before answering
    let router = IPAddress("2001:db8:ffff::1")!

    /// What comes back for one request, and when.
    mutating func deliver(_ send: EchoSend, identifier: UInt16, cookie: UInt64, sentAt: UInt64) -> (at: UInt64, from: IPAddress, packet: [UInt8])? {
        let family = send.address.family
        if let lost = dropFirstAttempts[send.address], lost > 0 {
            dropFirstAttempts[send.address] = lost - 1
            return nil
        }
        var request = ICMPEchoEncoder.encode(family: family, identifier: identifier, sequence: send.sequence, cookie: cookie)
        if rejecting.contains(send.address) {
            return (sentAt + 300_000, router, Self.adminProhibited(quoting: request, to: send.address))
        }
        guard let rtt = answering[send.address] else { return nil }
        // Turn the request into a reply: type 0 / 129, checksum fixed for v4.
        request[0] = family == .v4 ? 0 : 129
        let from = answerFromOtherSource.contains(send.address) ? IPAddress(family == .v4 ? "192.0.2.99" : "2001:db8::99")! : send.address
        if family == .v4 {
            request[2] = 0; request[3] = 0
            let sum = InternetChecksum.checksum(request)
            request[2] = UInt8(sum >> 8); request[3] = UInt8(sum & 0xff)
            let header: [UInt8] = [0x45, 0, UInt8((request.count + 20) >> 8), UInt8((request.count + 20) & 0xff), 0, 0, 0, 0, 64, 1, 0, 0]
                + from.bytes + [192, 0, 2, 200]
            request = header + request
        }
        return (sentAt + rtt, from, request)
    }

    /// ICMPv6 destination unreachable, code 1, quoting the IPv6 header and our echo request.
    static func adminProhibited(quoting request: [UInt8], to destination: IPAddress) -> [UInt8] {
        let length = request.count
        let ipv6Header: [UInt8] = [0x60, 0, 0, 0, UInt8(length >> 8), UInt8(length & 0xff), 58, 64]
            + IPAddress("2001:db8::200")!.bytes + destination.bytes
        return [1, 1, 0, 0, 0, 0, 0, 0] + ipv6Header + request
    }
}

/// Runs the scheduler to completion over the simulated network, as the engine would.
private func runScheduler(_ targets: [ProbeTarget], options: EchoScheduler.Options, network: inout SimulatedNetwork,
                          observe: (EchoScheduler) -> Void = { _ in }) -> (results: [ProbeResult], sends: Int, scheduler: EchoScheduler) {
    var scheduler = EchoScheduler(options: options, matcher: ProbeMatcher(identifier: 0x1234, cookie: 0xfeed_beef_cafe_f00d))
    var iterator = targets.makeIterator()
    var results: [ProbeResult] = []
    var inTransit: [(at: UInt64, from: IPAddress, packet: [UInt8])] = []
    var now: UInt64 = 1_000_000_000
    var sends = 0
    var rounds = 0
    while !scheduler.isFinished {
        rounds += 1
        precondition(rounds < 1_000_000, "the scheduler never finished")
        var exhausted = false
        let batch = scheduler.nextSends(now: now, limit: 256, nextTarget: {
            let next = iterator.next()
            if next == nil { exhausted = true }
            return next
        })
        if exhausted { scheduler.noMoreTargets() }
        for send in batch {
            sends += 1
            if let reply = network.deliver(send, identifier: scheduler.identifier, cookie: scheduler.cookie, sentAt: now) {
                inTransit.append(reply)
            }
        }
        observe(scheduler)
        // Advance to the next event: an arrival or a deadline.
        let nextArrival = inTransit.map(\.at).min()
        let next = [nextArrival, scheduler.nextEventTime].compactMap { $0 }.min() ?? now + 1_000_000
        now = max(now + 1, next)
        let arrived = inTransit.filter { $0.at <= now }
        inTransit.removeAll { $0.at <= now }
        for packet in arrived {
            let decoded = ICMPDecoder.decode(packet.packet, family: packet.from.family, source: packet.from)
            scheduler.receive(decoded, family: packet.from.family, from: packet.from, at: packet.at) { results.append($0) }
        }
        scheduler.expire(now: now) { results.append($0) }
    }
    return (results, sends, scheduler)
}

@Suite("Probe: echo scheduler")
struct EchoSchedulerTests {
    let policy = RetryPolicy(timeoutMilliseconds: 500, retries: 2, backoff: 1.5)

    @Test("answering hosts are reachable with their RTT; silent ones time out after every retry")
    func reachableAndTimeout() {
        var net = SimulatedNetwork()
        let up4 = IPAddress("192.0.2.1")!, up6 = IPAddress("2001:db8::1")!, silent = IPAddress("2001:db8::2")!
        net.answering = [up4: 2_000_000, up6: 3_500_000]
        let run = runScheduler([up4, up6, silent].map { ProbeTarget(label: $0.description, address: $0) },
                               options: .init(policy: policy), network: &net)
        let byAddress = Dictionary(uniqueKeysWithValues: run.results.map { ($0.address, $0) })
        #expect(run.results.count == 3)
        #expect(byAddress[up4]?.status == .reachable && byAddress[up4]?.rttMilliseconds == 2.0)
        #expect(byAddress[up6]?.status == .reachable && byAddress[up6]?.rttMilliseconds == 3.5)
        #expect(byAddress[silent]?.status == .timeout)
        #expect(byAddress[silent]?.sent == 3)   // first try and two retries
        #expect(run.sends == 5)
    }

    @Test("a lost request is retried and the host is still found")
    func retryFindsHost() {
        var net = SimulatedNetwork()
        let host = IPAddress("198.51.100.7")!
        net.answering = [host: 1_000_000]
        net.dropFirstAttempts = [host: 2]
        let run = runScheduler([ProbeTarget(label: "h", address: host)], options: .init(policy: policy), network: &net)
        #expect(run.results.first?.status == .reachable)
        #expect(run.results.first?.sent == 3)
    }

    @Test("an ICMPv6 admin-prohibited error quoting our request makes the target unreachable, with the code in detail")
    func icmpError() {
        var net = SimulatedNetwork()
        let host = IPAddress("2001:db8::5")!
        net.rejecting = [host]
        let run = runScheduler([ProbeTarget(label: "h", address: host)], options: .init(policy: policy), network: &net)
        #expect(run.results.count == 1)
        #expect(run.results.first?.status == .unreachable)
        #expect(run.results.first?.detail?.contains("administratively prohibited") == true, "\(run.results.first?.detail ?? "")")
        #expect(run.results.first?.detail?.contains("from 2001:db8:ffff::1") == true)
    }

    @Test("a reply from the wrong source is never credited")
    func spoofedReply() {
        var net = SimulatedNetwork()
        let host = IPAddress("192.0.2.50")!
        net.answering = [host: 1_000_000]
        net.answerFromOtherSource = [host]
        let run = runScheduler([ProbeTarget(label: "h", address: host)], options: .init(policy: policy), network: &net)
        #expect(run.results.first?.status == .timeout)
        #expect(run.scheduler.dropCounters.wrongSource == 3, "\(run.scheduler.dropCounters)")
    }

    @Test("memory is bounded by maxInFlight, not by the number of targets")
    func boundedInFlight() {
        var net = SimulatedNetwork()
        var targets: [ProbeTarget] = []
        for i in 0..<5_000 {
            let address = IPAddress.v4(IPv4Address(0xC612_0000 + UInt32(i)))   // 198.18.x.y
            if i % 2 == 0 { net.answering[address] = 500_000 }
            targets.append(ProbeTarget(label: address.description, address: address))
        }
        var peak = 0
        let run = runScheduler(targets, options: .init(policy: RetryPolicy(timeoutMilliseconds: 100, retries: 1), maxInFlight: 300),
                               network: &net) { peak = max(peak, $0.activeTargets) }
        #expect(peak <= 300)
        #expect(run.results.count == 5_000)
        #expect(run.results.filter { $0.status == .reachable }.count == 2_500)
        #expect(Set(run.results.map(\.address)).count == 5_000)
    }

    @Test("several packets per target give loss and RTT statistics")
    func countMode() {
        var net = SimulatedNetwork()
        let host = IPAddress("2001:db8::7")!
        net.answering = [host: 4_000_000]
        net.dropFirstAttempts = [host: 1]
        let options = EchoScheduler.Options(policy: policy, count: 4, interval: 100_000_000)
        let run = runScheduler([ProbeTarget(label: "h", address: host)], options: options, network: &net)
        let result = run.results.first
        #expect(result?.status == .reachable)
        #expect(result?.sent == 4 && result?.received == 3)
        #expect(result?.rttStatistics?.lossPercent == 25)
        #expect(result?.rttStatistics?.average == 4.0)
    }

    @Test("more silent targets than one family's 65,536 sequences still all finish")
    func sequenceRecycling() {
        var net = SimulatedNetwork()
        let targets = (0..<70_000).map { i in ProbeTarget(label: "t", address: .v6(IPv6Address(high: 0x2001_0db8_0000_0000, low: UInt64(i + 1)))) }
        let run = runScheduler(targets, options: .init(policy: RetryPolicy(timeoutMilliseconds: 10, retries: 0), maxInFlight: 60_000), network: &net)
        #expect(run.results.count == 70_000)
        #expect(run.results.allSatisfy { $0.status == .timeout })
    }
}
