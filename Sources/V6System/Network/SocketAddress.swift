import Glibc

/// An IPv4 or IPv6 socket address (`sockaddr_in` / `sockaddr_in6`), built from raw address bytes so this
/// module needs nothing from V6Core: `IPv4Address.value` and `IPv6Address.high/low` map onto the
/// allocation-free initialisers, `bytes` onto the byte ones.
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address family (`AF_INET`, `AF_INET6`).
    public enum Family: Sendable, Hashable {
        case ipv4, ipv6

        /// `AF_INET` or `AF_INET6`.
        public var rawValue: Int32 {
            switch self {
            case .ipv4: AF_INET
            case .ipv6: AF_INET6
            }
        }

        var name: String {
            switch self {
            case .ipv4: "AF_INET"
            case .ipv6: "AF_INET6"
            }
        }
    }

    enum Storage {
        case ipv4(sockaddr_in)
        case ipv6(sockaddr_in6)
    }

    let storage: Storage

    /// An IPv4 address from its 32-bit value in host byte order (as `IPv4Address.value`), e.g. 0x7F000001.
    public init(ipv4 value: UInt32, port: UInt16) {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = in_addr(s_addr: value.bigEndian)
        storage = .ipv4(address)
    }

    /// An IPv4 address from its 4 bytes in network order ([127, 0, 0, 1]).
    public init(ipv4Bytes bytes: [UInt8], port: UInt16) {
        precondition(bytes.count == 4, "SocketAddress: an IPv4 address has 4 bytes, not \(bytes.count)")
        self.init(ipv4: bytes.reduce(0) { $0 << 8 | UInt32($1) }, port: port)
    }

    /// An IPv6 address from its two 64-bit halves in host byte order (as `IPv6Address.high/low`).
    /// `scopeID` is the interface index for link-local addresses (0 for none).
    public init(ipv6High high: UInt64, low: UInt64, port: UInt16, scopeID: UInt32 = 0) {
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = port.bigEndian
        address.sin6_scope_id = scopeID
        withUnsafeMutableBytes(of: &address.sin6_addr) { raw in
            raw.storeBytes(of: high.bigEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: low.bigEndian, toByteOffset: 8, as: UInt64.self)
        }
        storage = .ipv6(address)
    }

    /// An IPv6 address from its 16 bytes in network order.
    public init(ipv6Bytes bytes: [UInt8], port: UInt16, scopeID: UInt32 = 0) {
        precondition(bytes.count == 16, "SocketAddress: an IPv6 address has 16 bytes, not \(bytes.count)")
        let high = bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        let low = bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
        self.init(ipv6High: high, low: low, port: port, scopeID: scopeID)
    }

    /// `127.0.0.1` with `port`.
    public static func ipv4Loopback(port: UInt16) -> SocketAddress {
        SocketAddress(ipv4: 0x7F00_0001, port: port)
    }

    /// `::1` with `port`.
    public static func ipv6Loopback(port: UInt16) -> SocketAddress {
        SocketAddress(ipv6High: 0, low: 1, port: port)
    }

    /// Reads an address the kernel filled in (`recvfrom`, `getsockname`); nil for other families.
    init?(_ raw: UnsafeRawPointer, length: socklen_t) {
        guard length >= MemoryLayout<sa_family_t>.size else { return nil }
        switch Int32(raw.load(as: sa_family_t.self)) {
        case AF_INET where Int(length) >= MemoryLayout<sockaddr_in>.size:
            storage = .ipv4(raw.loadUnaligned(as: sockaddr_in.self))
        case AF_INET6 where Int(length) >= MemoryLayout<sockaddr_in6>.size:
            storage = .ipv6(raw.loadUnaligned(as: sockaddr_in6.self))
        default:
            return nil
        }
    }

    public var family: Family {
        switch storage {
        case .ipv4: .ipv4
        case .ipv6: .ipv6
        }
    }

    /// The port in host byte order.
    public var port: UInt16 {
        switch storage {
        case .ipv4(let address): UInt16(bigEndian: address.sin_port)
        case .ipv6(let address): UInt16(bigEndian: address.sin6_port)
        }
    }

    /// The IPv6 scope (interface index); 0 for IPv4 and for global addresses.
    public var scopeID: UInt32 {
        switch storage {
        case .ipv4: 0
        case .ipv6(let address): address.sin6_scope_id
        }
    }

    /// The IPv4 address in host byte order, or nil for IPv6.
    public var ipv4Value: UInt32? {
        guard case .ipv4(let address) = storage else { return nil }
        return UInt32(bigEndian: address.sin_addr.s_addr)
    }

    /// The IPv6 address as two halves in host byte order, or nil for IPv4.
    public var ipv6Halves: (high: UInt64, low: UInt64)? {
        guard case .ipv6(var address) = storage else { return nil }
        return withUnsafeBytes(of: &address.sin6_addr) { raw in
            (UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
             UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }

    /// The address bytes in network order: 4 for IPv4, 16 for IPv6.
    public var addressBytes: [UInt8] {
        switch storage {
        case .ipv4(var address):
            withUnsafeBytes(of: &address.sin_addr) { Array($0) }
        case .ipv6(var address):
            withUnsafeBytes(of: &address.sin6_addr) { Array($0) }
        }
    }

    /// The same address with another port.
    public func withPort(_ port: UInt16) -> SocketAddress {
        switch storage {
        case .ipv4(var address):
            address.sin_port = port.bigEndian
            return SocketAddress(storage: .ipv4(address))
        case .ipv6(var address):
            address.sin6_port = port.bigEndian
            return SocketAddress(storage: .ipv6(address))
        }
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// The address without the port, as `inet_ntop(3)` writes it: "127.0.0.1", "::1", "fe80::1%2".
    public var addressDescription: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch storage {
        case .ipv4(var address):
            _ = inet_ntop(AF_INET, &address.sin_addr, &buffer, socklen_t(buffer.count))
        case .ipv6(var address):
            _ = inet_ntop(AF_INET6, &address.sin6_addr, &buffer, socklen_t(buffer.count))
        }
        let text = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return scopeID == 0 ? text : "\(text)%\(scopeID)"
    }

    /// "127.0.0.1:53" or "[::1]:53", as error messages and logs show it.
    public var description: String {
        switch family {
        case .ipv4: "\(addressDescription):\(port)"
        case .ipv6: "[\(addressDescription)]:\(port)"
        }
    }

    /// Calls `body` with a `sockaddr` pointer and its length, for `bind`, `connect`, `sendto`.
    func withSocketAddressPointer<Result, Failure: Error>(
        _ body: (UnsafePointer<sockaddr>, socklen_t) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        switch storage {
        case .ipv4(var address):
            return try withUnsafePointer(to: &address) { pointer throws(Failure) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { (raw) throws(Failure) in
                    try body(raw, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .ipv6(var address):
            return try withUnsafePointer(to: &address) { pointer throws(Failure) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { (raw) throws(Failure) in
                    try body(raw, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
    }

    /// Copies the address into `destination` (a `sockaddr_storage`) and returns its length, for `sendmmsg`.
    func copy(into destination: UnsafeMutablePointer<sockaddr_storage>) -> socklen_t {
        let raw = UnsafeMutableRawPointer(destination)
        switch storage {
        case .ipv4(let address):
            raw.storeBytes(of: address, as: sockaddr_in.self)
            return socklen_t(MemoryLayout<sockaddr_in>.size)
        case .ipv6(let address):
            raw.storeBytes(of: address, as: sockaddr_in6.self)
            return socklen_t(MemoryLayout<sockaddr_in6>.size)
        }
    }

    // Compared and hashed by value without allocating: reply matching looks addresses up at packet rate.
    public static func == (lhs: SocketAddress, rhs: SocketAddress) -> Bool {
        guard lhs.port == rhs.port, lhs.scopeID == rhs.scopeID else { return false }
        if let left = lhs.ipv4Value, let right = rhs.ipv4Value { return left == right }
        if let left = lhs.ipv6Halves, let right = rhs.ipv6Halves { return left == right }
        return false
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(port)
        hasher.combine(scopeID)
        if let value = ipv4Value {
            hasher.combine(value)
        } else if let halves = ipv6Halves {
            hasher.combine(halves.high)
            hasher.combine(halves.low)
        }
    }

    /// The index of the interface called `name` (`if_nametoindex(3)`), for IPv6 link-local scope IDs.
    public static func interfaceIndex(named name: String) throws(SystemError) -> UInt32 {
        let index = if_nametoindex(name)
        guard index != 0 else {
            let error = Errno.current
            throw SystemError("if_nametoindex", path: name, errno: error)
        }
        return index
    }
}
