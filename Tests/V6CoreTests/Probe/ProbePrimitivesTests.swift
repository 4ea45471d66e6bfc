import Testing
@testable import V6Core

@Suite("Probe: results, targets, rate and retries")
struct ProbePrimitivesTests {
    @Test("a result serializes to the JSON Lines contract and reads back")
    func resultJSON() throws {
        let result = ProbeResult(target: "so-tttt-fw1", address: IPAddress("2001:db8:a00:1::1")!, method: .tcp, port: 443,
                                 status: .reachable, rttMilliseconds: 0.41234, sent: 2, received: 1, record: "so-tttt-fw1")
        let line = JSONWriter.compact(result.json)
        #expect(line == #"{"target":"so-tttt-fw1","address":"2001:db8:a00:1::1","family":6,"method":"tcp","port":443,"status":"reachable","rtt_ms":0.412,"sent":2,"received":1,"record":"so-tttt-fw1","vantage":"dual-stack"}"#)
        let back = try #require(ProbeResult(json: try JSONParser.parse(line).value))
        // The fast writer must produce exactly the general writer's text, with and without optional fields.
        var variants = [result, ProbeResult(target: "q\"uote", address: IPAddress("192.0.2.1")!, method: .icmp, status: .timeout, sent: 3),
                        ProbeResult(target: "x", address: IPAddress("::1")!, method: .icmp, status: .unreachable, detail: "ICMPv6 \\ code 1", sent: 1, received: 1)]
        var withStats = RTTStatistics(); withStats.recordSent(); withStats.record(rttMilliseconds: 1.5)
        variants.append(ProbeResult(target: "s", address: IPAddress("::2")!, method: .icmp, status: .reachable, rttMilliseconds: 1.5, rttStatistics: withStats, record: "r1"))
        var lost = RTTStatistics(); lost.recordSent()
        variants.append(ProbeResult(target: "l", address: IPAddress("::3")!, method: .icmp, status: .timeout, sent: 1, rttStatistics: lost))
        variants.append(ProbeResult(target: "", address: IPAddress("2001:db8::7")!, method: .icmp, status: .reachable, rttMilliseconds: 0.1))
        for v in variants { #expect(v.jsonLine == JSONWriter.compact(v.json)) }
        #expect(variants.last!.jsonLine.hasPrefix(#"{"target":"2001:db8::7","address":"2001:db8::7""#))
        #expect(back.address == result.address && back.port == 443 && back.status == .reachable && back.rttMilliseconds == 0.412)
    }

    @Test("RTT statistics: loss, min, average, max, deviation")
    func statistics() {
        var s = RTTStatistics()
        for _ in 0..<4 { s.recordSent() }
        for rtt in [1.0, 2.0, 3.0] { s.record(rttMilliseconds: rtt) }
        #expect(s.lossPercent == 25)
        #expect(s.min == 1 && s.max == 3 && s.average == 2)
        #expect(abs(s.standardDeviation - 0.8165) < 0.001)
    }

    @Test("targets: addresses, prefixes, names and files are told apart; bad ones say why", arguments: [
        ("192.0.2.1", "address"), ("2001:db8::1", "address"), ("198.51.100.0/30", "prefix"),
        ("portal.vidu.example", "hostname"), ("@targets.txt", "file"),
    ])
    func targetKinds(text: String, kind: String) throws {
        let target = try TargetArgument(parsing: text)
        switch target {
        case .address: #expect(kind == "address")
        case .prefix: #expect(kind == "prefix")
        case .hostname: #expect(kind == "hostname")
        case .file: #expect(kind == "file")
        }
    }

    @Test("malformed targets are refused with their reason", arguments: [
        ("192.0.2.300", "is not an IPv4 address"), ("2001:db8::zz", "is not an IPv6 address"),
        ("198.51.100.1/24", "host bits"), ("bad_name!", "is not an address, prefix, host name"), ("@", "needs a file name"),
    ])
    func badTargets(text: String, fragment: String) {
        do { _ = try TargetArgument(parsing: text); Issue.record("accepted \(text)") } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test("target files: comments and blanks skipped, errors with line numbers")
    func targetFile() {
        let text = "# lab hosts\n192.0.2.1\n\n  2001:db8::1  # router\n192.0.2.999\n@other\n"
        guard case let .failure(f) = TargetArgument.parseFile(Array(text.utf8), name: "t.txt") else { Issue.record("accepted"); return }
        #expect(f.diagnostics.map(\.description) == ["t.txt:5: \"192.0.2.999\" is not an IPv4 address", "t.txt:6: a target file cannot include another (@)"])
        let good = TargetArgument.parseFile(Array("192.0.2.1\n2001:db8::1 # x\n".utf8), name: "t.txt")
        #expect((try? good.get()) == [.address(IPAddress("192.0.2.1")!), .address(IPAddress("2001:db8::1")!)])
    }

    @Test("the rate limiter grants the configured rate over time, never more")
    func rateLimiter() {
        var limiter = RateLimiter(rate: 1000, burst: 10)
        var granted = limiter.take(upTo: 100, now: 0)
        #expect(granted == 10)
        var now: UInt64 = 0
        for _ in 0..<1000 {            // one second in 1 ms steps
            now += 1_000_000
            granted += limiter.take(upTo: 100, now: now)
        }
        #expect(granted >= 1000 && granted <= 1010)
        #expect(limiter.delayUntilNext(now: now) > 0)
        var unlimited = RateLimiter(rate: nil)
        #expect(unlimited.take(upTo: 5000, now: 0) == 5000)
    }

    @Test("retries back off by the factor, and the worst case is their sum")
    func retryPolicy() {
        let policy = RetryPolicy(timeoutMilliseconds: 500, retries: 2, backoff: 1.5)
        #expect(policy.timeout(forAttempt: 0) == 500_000_000)
        #expect(policy.timeout(forAttempt: 2) == 1_125_000_000)
        #expect(policy.worstCase == 2_375_000_000)
    }
}
