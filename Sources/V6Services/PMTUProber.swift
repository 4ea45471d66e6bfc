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

    /// Small echoes to every address, then large ones to those that answered.
    func observe(_ addresses: [IPAddress]) -> [PMTUObservation] {
        let small = echo(addresses, with: self.small)
        let answering = addresses.filter { small[$0]?.status == .reachable }
        let large = echo(answering, with: self.large)
        return addresses.map { address in
            PMTUObservation(address: address, largePacketBytes: largePacketBytes,
                            small: small[address] ?? EchoOutcome(status: .error, detail: "no result"),
                            large: large[address])
        }
    }

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
