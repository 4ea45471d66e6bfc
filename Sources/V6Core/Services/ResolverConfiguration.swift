/// A DNS server to send queries to: an address and a port (53 unless a test server says otherwise).
public struct ResolverAddress: Sendable, Hashable, CustomStringConvertible {
    public var address: IPAddress
    public var port: UInt16

    public init(_ address: IPAddress, port: UInt16 = 53) {
        self.address = address
        self.port = port
    }

    /// Reads `--resolver` text: `192.0.2.53`, `2001:db8::53`, `192.0.2.53:5353` or `[2001:db8::53]:5353`.
    public init(parsing text: String) throws(ResolverConfigurationError) {
        let problem = ResolverConfigurationError(
            message: "\(String(reflecting: text)) is not a resolver address (ADDRESS, IPv4:PORT or [IPv6]:PORT)")
        var host = Substring(text)
        var port: UInt16 = 53
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw problem }
            let rest = host[host.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let value = UInt16(rest.dropFirst()), value > 0 else { throw problem }
                port = value
            }
            host = host[host.index(after: host.startIndex)..<close]
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            guard let value = UInt16(host[host.index(after: colon)...]), value > 0 else { throw problem }
            port = value
            host = host[..<colon]
        }
        guard let address = IPAddress(host) else { throw problem }
        self.init(address, port: port)
    }

    /// `192.0.2.53:53`, `[2001:db8::53]:53`.
    public var description: String {
        address.family == .v6 ? "[\(address)]:\(port)" : "\(address):\(port)"
    }
}

/// Why resolver settings could not be used.
public struct ResolverConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// The stub resolver settings v6ready uses: the servers, how long to wait, how often to try. Read from
/// `/etc/resolv.conf` the way glibc does (resolv.conf(5)): `nameserver` lines in order (at most three are used
/// by glibc; all are kept here), `options timeout:N attempts:N`; comments start with `#` or `;`.
public struct ResolverConfiguration: Sendable, Equatable {
    public var servers: [ResolverAddress]
    /// Time to wait for one answer, in milliseconds (resolv.conf's `timeout:` is in seconds; default 5).
    public var timeoutMilliseconds: Int
    /// Tries per server, counting the first (resolv.conf's `attempts:`; default 2).
    public var attempts: Int

    public init(servers: [ResolverAddress], timeoutMilliseconds: Int = 2000, attempts: Int = 2) {
        self.servers = servers
        self.timeoutMilliseconds = timeoutMilliseconds
        self.attempts = attempts
    }

    /// Parses resolv.conf text. Lines it does not understand are ignored, as glibc ignores them; a `nameserver`
    /// whose address does not parse is skipped too. An IPv6 zone (`fe80::1%eth0`) is kept.
    public static func parse(resolvConf text: String) -> ResolverConfiguration {
        var configuration = ResolverConfiguration(servers: [], timeoutMilliseconds: 5000, attempts: 2)
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.split(maxSplits: 1, omittingEmptySubsequences: false,
                                     whereSeparator: { $0 == "#" || $0 == ";" }).first ?? ""
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let keyword = fields.first else { continue }
            switch keyword {
            case "nameserver" where fields.count >= 2:
                if let address = IPAddress(fields[1]) { configuration.servers.append(ResolverAddress(address)) }
            case "options":
                for option in fields.dropFirst() {
                    if option.hasPrefix("timeout:"), let seconds = Int(option.dropFirst(8)) {
                        configuration.timeoutMilliseconds = min(max(seconds, 1), 30) * 1000
                    } else if option.hasPrefix("attempts:"), let attempts = Int(option.dropFirst(9)) {
                        configuration.attempts = min(max(attempts, 1), 5)
                    }
                }
            default:
                continue
            }
        }
        return configuration
    }
}
