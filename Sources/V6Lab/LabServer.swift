import V6Core

/// A real server a lab host runs, started with the lab and stopped with it: what makes a service check in the lab
/// talk to the programs users run, not to a port that merely accepts. Each server listens on the addresses it
/// names (never a wildcard), so one host can serve a port with a real server on some addresses and not on others.
public enum LabServer: Hashable, Sendable, CustomStringConvertible {
    /// NSD, authoritative for `zones`, on UDP and TCP port 53 of `addresses`.
    case nameServer(addresses: [IPAddress], zones: [LabDNSZone])
    /// nginx serving `sites`: plain HTTP on every port, TLS on 443 for sites that have it (certificates the spec
    /// names but did not make are made when the server starts, and go with it).
    case web(sites: [LabWebSite])
    /// An SMTP listener on port 25 (`LabMailServer`): greets on `greeting` addresses; on `mute` addresses it
    /// accepts the connection and closes it without a word, as a proxy with no backend for that family does.
    case mail(LabMailServer)

    /// Its program, for the skip reasons and error messages that name what to install.
    public var program: LabServerProgram {
        switch self {
        case .nameServer: .nsd
        case .web: .nginx
        case .mail: .socat
        }
    }

    /// Every address it listens on.
    public var addresses: [IPAddress] {
        switch self {
        case .nameServer(let addresses, _): addresses
        case .web(let sites): sites.flatMap(\.addresses).uniqued()
        case .mail(let mail): mail.greeting + mail.mute
        }
    }

    /// The TCP ports it listens on (UDP 53 too for a name server).
    public var tcpPorts: [Int] {
        switch self {
        case .nameServer: [53]
        case .web(let sites): sites.flatMap(\.ports).uniqued().sorted()
        case .mail(let mail): [mail.port]
        }
    }

    public var description: String {
        func list(_ addresses: [IPAddress]) -> String { addresses.map(\.description).joined(separator: ",") }
        switch self {
        case .nameServer(let addresses, let zones):
            return "nsd on \(list(addresses)) port 53 serving \(zones.count) zone\(zones.count == 1 ? "" : "s")"
        case .web(let sites):
            return "nginx on \(list(addresses)) ports \(tcpPorts.map(String.init).joined(separator: ",")) with "
                + "\(sites.count) site\(sites.count == 1 ? "" : "s")"
        case .mail(let mail):
            return "smtp on \(list(mail.greeting)) port \(mail.port)"
                + (mail.mute.isEmpty ? "" : ", no greeting on \(list(mail.mute))")
        }
    }
}

/// The name server the scanner asks: NSD in the router namespace, on the router's own addresses toward the scanner
/// (one hop away, in no host the spec breaks), authoritative for `zones`. The lab writes these addresses to
/// `/etc/netns/<scanner>/resolv.conf`, where `ip netns exec` and `v6ready --netns` look for a namespace's resolver.
///
/// An authoritative server is enough because the scanner asks only names of the lab's own zones (forward and
/// reverse); it has no recursion to configure and nothing it could forward out of the lab. A name outside the
/// zones gets REFUSED, so a mistake shows as a failed lookup, never as a question to some other server.
public struct LabResolver: Hashable, Sendable {
    public var zones: [LabDNSZone]

    public init(zones: [LabDNSZone]) {
        self.zones = zones
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
