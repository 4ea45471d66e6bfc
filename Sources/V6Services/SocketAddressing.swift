import V6Core
import V6System

extension SocketAddress {
    /// The socket address of an inventory address and a port; an IPv6 zone becomes its interface's scope id.
    init(ip address: IPAddress, port: UInt16) {
        switch address {
        case .v4(let v4):
            self.init(ipv4: v4.value, port: port)
        case .v6(let v6):
            let scope = v6.zone.flatMap { try? SocketAddress.interfaceIndex(named: $0) } ?? 0
            self.init(ipv6High: v6.high, low: v6.low, port: port, scopeID: scope)
        }
    }

    init(resolver: ResolverAddress) {
        self.init(ip: resolver.address, port: resolver.port)
    }
}

/// Whether this machine has a route to an address at all, learned without sending anything: `connect(2)` on a UDP
/// socket only picks a route. A scanner with no IPv6 default route must say "not testable from here", not blame
/// the service.
enum RouteCheck {
    /// Nil when there is a route, else why not (`Network is unreachable`).
    static func problem(reaching address: IPAddress) -> String? {
        do {
            let socket = try Socket(address.family == .v4 ? .ipv4 : .ipv6, .datagram)
            defer { try? socket.close() }
            _ = try socket.connect(to: SocketAddress(ip: address, port: 9))
            return nil
        } catch {
            return "\(error.errno)"
        }
    }
}
