/// What a TCP port looks like from outside, the three states a firewall audit speaks of (nmap's words).
public enum PortState: String, Sendable, CaseIterable, Comparable {
    /// The handshake completed.
    case open
    /// A reset came back: the host is there, nothing listens, nothing filters.
    case closed
    /// Silence or an ICMP error (administratively prohibited, unreachable): something drops or rejects.
    case filtered

    public init(_ outcome: ConnectOutcome) {
        switch outcome {
        case .connected: self = .open
        case .refused: self = .closed
        case .timedOut, .unreachable, .failed: self = .filtered
        }
    }

    /// Open first: of a family's several addresses the most open one is the family's state.
    public static func < (a: PortState, b: PortState) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Why a port's two families disagree.
public enum ParityFindingCode: String, Sendable, CaseIterable {
    /// Answers over IPv6 but is filtered or refused over IPv4: the IPv4 firewall rule was not mirrored.
    case ipv6Exposed = "ipv6-exposed"
    /// Answers over IPv4 but not over IPv6: a breakage for IPv6 clients.
    case ipv6Blocked = "ipv6-blocked"
    /// Neither family answers, but one drops where the other resets: the two rule sets differ.
    case filterDiffers = "filter-differs"
}
