import V6Core

/// One TAYGA NAT64 translator of the IPv6-only lab: a TUN device in the router namespace, an IPv4 pool the
/// translated clients appear from, and the NAT64 prefix IPv4 addresses are embedded in (RFC 6052).
public struct LabNAT64: Sendable, Hashable {
    /// The TUN device (created with `ip tuntap` inside the router namespace, removed with it).
    public var device: String
    public var prefix: NAT64Prefix
    /// TAYGA's own IPv4 address (inside `pool`) and the pool translated IPv6 clients are mapped to.
    public var ipv4Address: IPAddress
    public var pool: IPPrefix
    /// TAYGA's own IPv6 address (the source of the ICMPv6 errors it sends).
    public var ipv6Address: IPAddress

    public init(device: String, prefix: NAT64Prefix, ipv4Address: IPAddress, pool: IPPrefix, ipv6Address: IPAddress) {
        self.device = device; self.prefix = prefix; self.ipv4Address = ipv4Address; self.pool = pool; self.ipv6Address = ipv6Address
    }

    /// `tayga.conf`, every file under `directory`.
    public func configuration(directory: String) throws -> String {
        try LabNames.validateInterface(device)
        return """
            tun-device \(device)
            ipv4-addr \(ipv4Address)
            ipv6-addr \(ipv6Address)
            prefix \(prefix)
            dynamic-pool \(pool)
            data-dir \(directory)

            """
    }
}

/// A DNS64 (or plain) resolver of the IPv6-only lab: Unbound on one IPv6 address, forwarding everything to the
/// lab's authoritative NSD over IPv6, synthesizing AAAA records with `dns64` when it has one (RFC 6147).
public struct LabDNS64Resolver: Sendable, Hashable {
    public var address: IPAddress
    /// Nil: DNS64 off (module-config "iterator"): a name with A records only has no AAAA.
    public var dns64: NAT64Prefix?
    /// Where it forwards (the lab's NSD).
    public var upstream: IPAddress

    public init(address: IPAddress, dns64: NAT64Prefix?, upstream: IPAddress) {
        self.address = address; self.dns64 = dns64; self.upstream = upstream
    }

    /// `unbound.conf`: foreground, no chroot, no user change, no validator, no remote control, IPv6 only, every
    /// file under `directory`.
    public func configuration(directory: String) -> String {
        var text = """
            server:
                interface: \(address)
                port: 53
                do-ip4: no
                do-ip6: yes
                do-daemonize: no
                chroot: ""
                username: ""
                directory: "\(directory)"
                pidfile: "\(directory)/unbound.pid"
                logfile: "\(directory)/unbound.log"
                use-syslog: no
                verbosity: 1
                num-threads: 1
                so-reuseport: no
                ip-freebind: yes
                access-control: ::/0 allow
                do-not-query-localhost: no
                qname-minimisation: no
                cache-max-ttl: 0
                cache-max-negative-ttl: 0

            """
        if let dns64 {
            text += "    module-config: \"dns64 iterator\"\n    dns64-prefix: \(dns64)\n"
        } else {
            text += "    module-config: \"iterator\"\n"
        }
        text += """
            remote-control:
                control-enable: no
            forward-zone:
                name: "."
                forward-addr: \(upstream)

            """
        return text
    }
}
