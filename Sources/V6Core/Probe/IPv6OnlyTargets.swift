/// The targets of a run from an IPv6-only vantage: IPv6 targets pass to the engine; IPv4 ones never reach a
/// socket — each gets `error` lines saying so (`ScanVantage.ipv4NotSent`), one per method and port it would have had.
public struct IPv6OnlyTargets<Base: IteratorProtocol<ProbeTarget>>: IteratorProtocol {
    private var base: Base
    private let holdBackIPv4: Bool
    /// The IPv4 targets held back, in order.
    public private(set) var refused: [ProbeTarget] = []

    /// `holdBackIPv4` false (a dual-stack vantage) passes every target.
    public init(_ base: Base, holdBackIPv4: Bool) { self.base = base; self.holdBackIPv4 = holdBackIPv4 }

    public mutating func next() -> ProbeTarget? {
        while let target = base.next() {
            if !holdBackIPv4 || target.address.family == .v6 { return target }
            refused.append(target)
        }
        return nil
    }
}

extension ProbeTarget {
    /// The lines of a target held back from an IPv6-only vantage: an echo line when echo was due, one per TCP port.
    public func refusedFromIPv6OnlyVantage(icmp: Bool, tcpPorts: [Int]) -> [ProbeResult] {
        func line(_ method: ProbeMethod, _ port: Int?) -> ProbeResult {
            ProbeResult(target: label, address: address, method: method, port: port, status: .error,
                        detail: ScanVantage.ipv4NotSent, sent: 0, received: 0, record: record, vantage: .ipv6Only)
        }
        var result: [ProbeResult] = []
        if icmp && echo { result.append(line(.icmp, nil)) }
        for port in (tcpPorts + ports).uniquePorts { result.append(line(.tcp, port)) }
        if result.isEmpty { result.append(line(.icmp, nil)) }
        return result
    }
}

extension Array where Element == Int {
    /// The ports in order, each once.
    fileprivate var uniquePorts: [Int] {
        var seen = Set<Int>()
        return filter { seen.insert($0).inserted }
    }
}
