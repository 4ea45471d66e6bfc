import Foundation
import Synchronization
import V6Core
import V6Probe

/// Looks for PMTU black holes (RFC 4890 §4.3.1): echo requests of the usual size and of `largePacketBytes` to each
/// IPv6 address. Its two probe engines hold ICMP sockets, so open it before privileges are dropped.
public final class PMTUProber {
    public let largePacketBytes: Int
    private let small: ProbeEngine
    private let large: ProbeEngine

    private init(small: ProbeEngine, large: ProbeEngine, largePacketBytes: Int) {
        self.small = small
        self.large = large
        self.largePacketBytes = largePacketBytes
    }

    /// Opens the ICMP sockets (raw if allowed, else ping sockets), or says why PMTU cannot be tested here.
    /// `largePacketBytes` is the whole IPv6 packet, 1280 to 1500 (1500: a full Ethernet frame).
    public static func open(largePacketBytes: Int = 1500, timeoutMilliseconds: Int = 1000, retries: Int = 2)
        -> Result<PMTUProber, PMTUUnavailable>
    {
        precondition((1280...1500).contains(largePacketBytes), "a PMTU probe is 1280 to 1500 bytes")
        var options = ProbeOptions()
        options.policy = RetryPolicy(timeoutMilliseconds: timeoutMilliseconds, retries: retries)
        options.rate = 200
        do {
            let small = try ProbeEngine(options: options)
            guard small.icmpMode != .unavailable else {
                return .failure(PMTUUnavailable(reason: "ICMPv6 cannot be sent from here (no raw or ping socket): "
                                                + "run as root or with CAP_NET_RAW"))
            }
            options.payloadSize = ICMPEchoEncoder.payloadSize(forPacketSize: largePacketBytes, family: .v6)!
            let large = try ProbeEngine(options: options)
            return .success(PMTUProber(small: small, large: large, largePacketBytes: largePacketBytes))
        } catch {
            return .failure(PMTUUnavailable(reason: "cannot open ICMP sockets: \(error)"))
        }
    }

    /// Small and large echoes to every address at once (the large ones on a second thread, so the two waits for
    /// silence overlap); a large result counts only where small echoes were answered.
    func observe(_ addresses: [IPAddress]) -> [PMTUObservation] {
        let largeRun = EchoRun(prober: self, addresses: addresses)
        let small = echo(addresses, with: self.small)
        let large = largeRun.wait()
        return addresses.map { address in
            let smallOutcome = small[address] ?? EchoOutcome(status: .error, detail: "no result")
            return PMTUObservation(address: address, largePacketBytes: largePacketBytes, small: smallOutcome,
                                   large: smallOutcome.status == .reachable ? large[address] : nil)
        }
    }

    /// The large echoes on their own thread. Only that thread uses the large engine until `wait()` returns.
    private final class EchoRun: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let outcomes = Mutex<[IPAddress: EchoOutcome]>([:])
        private let prober: PMTUProber
        private let addresses: [IPAddress]

        init(prober: PMTUProber, addresses: [IPAddress]) {
            self.prober = prober
            self.addresses = addresses
            let thread = Thread { [self] in
                let found = self.prober.echo(self.addresses, with: self.prober.large)
                outcomes.withLock { $0 = found }
                done.signal()
            }
            thread.start()
        }

        func wait() -> [IPAddress: EchoOutcome] {
            done.wait()
            return outcomes.withLock { $0 }
        }
    }

    /// Echoes of the usual size only, to any family (the ICMPv6 policy compares IPv6 echo with IPv4's).
    func smallEchoes(_ addresses: [IPAddress]) -> [IPAddress: EchoOutcome] { echo(addresses, with: small) }

    private func echo(_ addresses: [IPAddress], with engine: ProbeEngine) -> [IPAddress: EchoOutcome] {
        guard !addresses.isEmpty else { return [:] }
        var outcomes: [IPAddress: EchoOutcome] = [:]
        var targets = addresses.map { ProbeTarget(label: $0.description, address: $0) }.makeIterator()
        _ = engine.run(targets: &targets) { result in
            guard result.method == .icmp else { return }
            outcomes[result.address] = EchoOutcome(status: result.status, detail: result.detail)
        }
        return outcomes
    }
}

/// Why PMTU cannot be tested from here.
public struct PMTUUnavailable: Error, Sendable {
    public var reason: String
}
