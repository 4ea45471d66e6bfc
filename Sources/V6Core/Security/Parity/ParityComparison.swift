/// What to compare for one dual-stack record: its addresses per family and the ports to try on each.
public struct ParitySubject: Sendable, Equatable {
    public var record: String?
    public var target: String
    public var v4: [IPAddress]
    public var v6: [IPAddress]
    public var ports: [Int]

    public init(record: String?, target: String, v4: [IPAddress], v6: [IPAddress], ports: [Int]) {
        self.record = record; self.target = target; self.v4 = v4; self.v6 = v6
        var seen = Set<Int>()
        self.ports = ports.filter { seen.insert($0).inserted }.sorted()
    }

    /// Dual stack: at least one address of each family, or there is nothing to compare.
    public var isDualStack: Bool { !v4.isEmpty && !v6.isEmpty }

    /// The default `--parity-ports`: remote access, web, file sharing and the alternate web ports firewalls forget.
    public static let defaultPorts = [22, 23, 80, 443, 445, 3389, 8080, 8443]
}

/// Compares the two families port by port. Pure: the connects were made elsewhere in the same run.
public enum ParityComparison {
    /// One line per port whose family states differ, in port order. A family's state is that of its most open
    /// address; the addresses named are those showing the states. Ports not probed on both families are skipped.
    public static func lines(_ subject: ParitySubject, connects: [ConnectObservation]) -> [ParityLine] {
        guard subject.isDualStack else { return [] }
        var lines: [ParityLine] = []
        for port in subject.ports {
            guard let v4 = state(subject.v4, port, connects), let v6 = state(subject.v6, port, connects),
                  v4.state != v6.state else { continue }
            lines.append(ParityLine(record: subject.record, target: subject.target, port: port, v4Address: v4.address,
                                    v6Address: v6.address, v4State: v4.state, v6State: v6.state))
        }
        return lines
    }

    /// The family's state on `port` and the address showing it; nil when none of its addresses was probed there.
    static func state(_ addresses: [IPAddress], _ port: Int, _ connects: [ConnectObservation]) -> (state: PortState, address: IPAddress)? {
        var best: (state: PortState, address: IPAddress)?
        for address in addresses {
            guard let observed = connects.first(where: { $0.address == address && $0.port == port }) else { continue }
            let state = PortState(observed.outcome)
            if best == nil || state < best!.state { best = (state, address) }
        }
        return best
    }
}
