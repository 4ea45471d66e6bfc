/// An nmap XML report (`nmap -oX`) reduced to what v6ready uses: the hosts, whether they were up and why, their
/// addresses and names, and their ports. `NmapXMLReader` fills it; turning it into scan lines is
/// pure, so it is tested without nmap.
public struct NmapRun: Sendable, Equatable {
    /// `nmaprun start` (Unix seconds), for naming the scan file.
    public var startEpochSeconds: Int?
    public var arguments: String?
    public var hosts: [NmapHost]
    public init(startEpochSeconds: Int? = nil, arguments: String? = nil, hosts: [NmapHost] = []) {
        self.startEpochSeconds = startEpochSeconds; self.arguments = arguments; self.hosts = hosts
    }
}

public struct NmapHost: Sendable, Equatable {
    /// `up`, `down`, `unknown`.
    public var state: String
    /// Why nmap thinks so: `echo-reply`, `syn-ack`, `arp-response`, `nd-response`, `reset`, ...
    public var reason: String?
    /// `(addr, addrtype)`: ipv4, ipv6 or mac.
    public var addresses: [(address: String, type: String)]
    public var hostnames: [String]
    public var ports: [NmapPort]
    /// Smoothed round-trip time in microseconds (`<times srtt=...>`).
    public var srttMicroseconds: Int?
    /// Line of the `<host>` element, for messages.
    public var line: Int?

    public init(state: String, reason: String? = nil, addresses: [(address: String, type: String)], hostnames: [String] = [],
                ports: [NmapPort] = [], srttMicroseconds: Int? = nil, line: Int? = nil) {
        self.state = state; self.reason = reason; self.addresses = addresses; self.hostnames = hostnames
        self.ports = ports; self.srttMicroseconds = srttMicroseconds; self.line = line
    }

    public static func == (a: NmapHost, b: NmapHost) -> Bool {
        a.state == b.state && a.reason == b.reason && a.hostnames == b.hostnames && a.ports == b.ports
            && a.srttMicroseconds == b.srttMicroseconds && a.line == b.line
            && a.addresses.count == b.addresses.count && zip(a.addresses, b.addresses).allSatisfy { $0 == $1 }
    }
}

public struct NmapPort: Sendable, Equatable {
    public var protocolName: String
    public var port: Int
    /// `open`, `closed`, `filtered`, `open|filtered`, ...
    public var state: String
    public var reason: String?
    public var service: String?
    public init(protocolName: String, port: Int, state: String, reason: String? = nil, service: String? = nil) {
        self.protocolName = protocolName; self.port = port; self.state = state; self.reason = reason; self.service = service
    }
}

/// nmap hosts → scan lines of discovered hosts (no `record`), so `drift` reports the ones the inventory lacks as new.
public enum NmapMapping {
    public struct Result: Sendable {
        public var lines: [ProbeResult]
        /// Hosts up, hosts skipped (down), addresses that were not IP addresses.
        public var hostsUp: Int
        public var hostsDown: Int
        public var problems: [String]
    }

    /// One `icmp` line per address of each host that is up (`status: reachable`; nmap's reason in `detail`, e.g.
    /// `nmap syn-ack`: the method says "host discovery", not that an echo was sent), and one `tcp` line per TCP port
    /// nmap reported: open → reachable, closed and unfiltered → refused, filtered → timeout.
    public static func lines(_ run: NmapRun, file: String) -> Result {
        var lines: [ProbeResult] = []
        var up = 0, down = 0
        var problems: [String] = []
        for host in run.hosts {
            guard host.state == "up" else { down += 1; continue }
            up += 1
            let ips = host.addresses.filter { $0.type == "ipv4" || $0.type == "ipv6" }
            if ips.isEmpty {
                problems.append("\(file)\(host.line.map { ":\($0)" } ?? ""): a host that is up has no IP address (only \(host.addresses.map(\.type).joined(separator: ", "))); skipped")
            }
            let rtt = host.srttMicroseconds.map { Double($0) / 1000 }
            for ip in ips {
                guard let address = IPAddress(ip.address) else {
                    problems.append("\(file)\(host.line.map { ":\($0)" } ?? ""): \(quoted(ip.address)) is not an IP address; skipped")
                    continue
                }
                let target = host.hostnames.first ?? address.description
                lines.append(ProbeResult(target: target, address: address, method: .icmp, status: .reachable, rttMilliseconds: rtt,
                                         detail: "nmap \(host.reason ?? "up")", sent: 1, received: 1))
                for port in host.ports where port.protocolName == "tcp" {
                    guard (1...65535).contains(port.port) else {
                        problems.append("\(file)\(host.line.map { ":\($0)" } ?? ""): portid \(port.port) is not a port number (1–65535); skipped")
                        continue
                    }
                    let status: ProbeStatus
                    switch port.state {
                    case "open": status = .reachable
                    // ACK scans (-sA) say `unfiltered` when a reset came back: the host answered on that port's path
                    // but nmap cannot tell open from closed. Like `closed`, that is an answer, not a timeout.
                    case "closed", "unfiltered": status = .refused
                    case "filtered", "open|filtered", "closed|filtered": status = .timeout
                    default: status = .error
                    }
                    var detail = "nmap \(port.state)"
                    if let reason = port.reason { detail += " (\(reason))" }
                    if let service = port.service { detail += " \(service)" }
                    lines.append(ProbeResult(target: target, address: address, method: .tcp, port: port.port, status: status,
                                             detail: detail, sent: 1, received: status == .timeout ? 0 : 1))
                }
            }
        }
        return Result(lines: lines, hostsUp: up, hostsDown: down, problems: problems)
    }
}
