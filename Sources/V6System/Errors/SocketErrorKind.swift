/// What a failed socket call means for a probe: the one errno → outcome mapping every prober shares (the engine's
/// TCP connects, the service checks' timed connections, ICMP socket setup), so "refused" and "unreachable" mean the
/// same everywhere (DESIGN.md: an RST is refused, an ICMP error unreachable).
public enum SocketErrorKind: Sendable, Equatable {
    /// The peer answered with a reset (TCP) or an ICMP port unreachable (UDP).
    case refused
    /// An ICMP error came back, or there is no route: Linux reports ICMPv6 admin-prohibited as EACCES and ICMPv4
    /// prohibited/unreachable as EHOSTUNREACH.
    case unreachable
    /// The kernel gave up waiting.
    case timedOut
    /// The local address or identifier is taken: try another.
    case addressInUse
    /// Anything else: a local problem, reported with its errno.
    case other

    public init(_ errno: Errno) {
        switch errno {
        case .connectionRefused: self = .refused
        case .hostUnreachable, .networkUnreachable, .permissionDenied, .notPermitted: self = .unreachable
        case .timedOut: self = .timedOut
        case .addressInUse: self = .addressInUse
        default: self = .other
        }
    }
}

extension Errno {
    /// What this errno means for a probe.
    public var socketErrorKind: SocketErrorKind { SocketErrorKind(self) }
}
