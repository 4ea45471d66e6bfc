import V6Core
import V6System

/// Runs `DNSSECValidator` against live answers: every question goes to the run's resolvers (or, in the lab, the
/// authoritative server given as `--resolver`) with the DO and CD bits, and answers are kept for the walk.
public struct DNSSECChainWalk {
    public let client: DNSClient
    public let timeoutMilliseconds: Int

    public init(client: DNSClient, timeoutMilliseconds: Int) {
        self.client = client
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    public func validate(_ name: DNSName, anchors: [DNSSECTrustAnchor]) -> DNSSECVerdict {
        let now = DNSSECTime.value(unixSeconds: SystemClock.realtimeNanoseconds() / 1_000_000_000)
        let servers = client.configuration.servers
        var cache: [String: DNSMessage?] = [:]
        let validator = DNSSECValidator(anchors: anchors, now: now) { owner, type in
            let key = "\(owner.lowercased) \(type)"
            if let cached = cache[key] { return cached }
            var answer: DNSMessage?
            for server in servers {
                guard let exchange = try? client.ask(server, owner, type, recursionDesired: true,
                                                     timeoutMilliseconds: timeoutMilliseconds, dnssecOK: true),
                      exchange.message.rcode == .noError || exchange.message.rcode == .nonExistentDomain else { continue }
                answer = exchange.message
                break
            }
            cache[key] = answer
            return answer
        }
        return validator.validate(name)
    }
}
