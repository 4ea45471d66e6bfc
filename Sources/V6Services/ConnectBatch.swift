import V6Core
import V6Probe

/// Many TCP connects at once on one thread, through the probe engine (its non-blocking connects and epoll), so a
/// scan's services cost one timeout in all rather than one per port.
enum ConnectBatch {
    struct Key: Hashable {
        var address: IPAddress
        var port: Int
    }

    /// How each (address, port) connect ended, with one attempt of `timeoutMilliseconds` (TCP retransmits its SYN
    /// within that time itself).
    static func run(_ keys: [Key], timeoutMilliseconds: Int) -> [Key: ConnectOutcome] {
        var portsByAddress: [IPAddress: [Int]] = [:]
        var order: [IPAddress] = []
        for key in keys {
            if portsByAddress[key.address] == nil { order.append(key.address) }
            if !(portsByAddress[key.address]?.contains(key.port) ?? false) { portsByAddress[key.address, default: []].append(key.port) }
        }
        guard !order.isEmpty else { return [:] }
        var options = ProbeOptions()
        options.icmp = false
        options.policy = RetryPolicy(timeoutMilliseconds: timeoutMilliseconds, retries: 0)
        var outcomes: [Key: ConnectOutcome] = [:]
        let engine: ProbeEngine
        do { engine = try ProbeEngine(options: options) } catch {
            for key in keys { outcomes[key] = .failed("cannot start connecting: \(error)") }
            return outcomes
        }
        var targets = order.map { ProbeTarget(label: $0.description, address: $0, ports: portsByAddress[$0]!, echo: false) }
            .makeIterator()
        _ = engine.run(targets: &targets) { result in
            guard let port = result.port else { return }
            outcomes[Key(address: result.address, port: port)] = outcome(of: result, timeoutMilliseconds: timeoutMilliseconds)
        }
        return outcomes
    }

    static func outcome(of result: ProbeResult, timeoutMilliseconds: Int) -> ConnectOutcome {
        switch result.status {
        case .reachable: .connected(milliseconds: result.rttMilliseconds ?? 0)
        case .refused: .refused
        case .timeout: .timedOut(afterMilliseconds: timeoutMilliseconds)
        case .unreachable: .unreachable(result.detail ?? "ICMP error")
        case .error: .failed(result.detail ?? "error")
        }
    }
}
