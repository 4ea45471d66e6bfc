import Glibc

/// Host name resolution through the system resolver (`getaddrinfo(3)`), both families, so a name with A and
/// AAAA records gives both addresses. Runs in the calling thread's network namespace.
public enum HostResolver {
    /// A name resolution that failed; `message` is `gai_strerror`'s text.
    public struct ResolutionError: Error, Sendable, CustomStringConvertible {
        public var name: String
        public var message: String
        public var description: String { "cannot resolve \(name): \(message)" }
    }

    /// The addresses of `name` as raw network-order bytes (4 or 16 each), without duplicates, IPv4 first.
    public static func resolve(_ name: String) throws(ResolutionError) -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, nil, &hints, &list)
        guard status == 0 else {
            // Without AI_ADDRCONFIG a namespace with only loopback can still resolve names for lab addresses.
            hints.ai_flags = 0
            let retry = getaddrinfo(name, nil, &hints, &list)
            guard retry == 0 else { throw ResolutionError(name: name, message: String(cString: gai_strerror(retry))) }
            return collect(list)
        }
        return collect(list)
    }

    private static func collect(_ list: UnsafeMutablePointer<addrinfo>?) -> [[UInt8]] {
        defer { if let list { freeaddrinfo(list) } }
        var v4: [[UInt8]] = [], v6: [[UInt8]] = []
        var node = list
        while let entry = node {
            if let address = entry.pointee.ai_addr {
                switch Int32(address.pointee.sa_family) {
                case AF_INET:
                    address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                        let bytes = withUnsafeBytes(of: sin.pointee.sin_addr) { Array($0) }
                        if !v4.contains(bytes) { v4.append(bytes) }
                    }
                case AF_INET6:
                    address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 in
                        let bytes = withUnsafeBytes(of: sin6.pointee.sin6_addr) { Array($0) }
                        if !v6.contains(bytes) { v6.append(bytes) }
                    }
                default: break
                }
            }
            node = entry.pointee.ai_next
        }
        return v4 + v6
    }
}
