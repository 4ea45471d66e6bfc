import V6Core
import V6System

extension SocketAddress {
    /// The socket address of a pure address and port; a zone becomes the scope id of its interface.
    init(_ address: IPAddress, port: UInt16) {
        switch address {
        case let .v4(a):
            self.init(ipv4: a.value, port: port)
        case let .v6(a):
            let scope = a.zone.flatMap { try? SocketAddress.interfaceIndex(named: $0) } ?? 0
            self.init(ipv6High: a.high, low: a.low, port: port, scopeID: scope)
        }
    }

    /// The pure address of a socket address (IPv4 or IPv6), without the port.
    var ipAddress: IPAddress? {
        if let value = ipv4Value { return .v4(IPv4Address(value)) }
        if let halves = ipv6Halves { return .v6(IPv6Address(high: halves.high, low: halves.low)) }
        return nil
    }
}
