/// How a LAN audit listens and what it judges against: `v6ready lan IFACE` and `scan --lan IFACE` (so also
/// `check --scan-now --lan IFACE`) share these.
public struct LANAuditOptions: ParsableArguments {
    @Option("--listen", value: "SECONDS", range: 1...600, help: "How long to listen for router advertisements and DHCPv6 answers (default 4).")
    var listen: Int?

    @Option("--segment", value: "ID", help: "The inventory segment the link belongs to (default: the one whose prefix the routers announce).")
    var segment: String?

    public init() {}

    /// Seconds to listen.
    var listenSeconds: Double { Double(listen ?? 4) }

    /// The option given, for "only applies with --lan" messages.
    var firstGivenOption: String? {
        if listen != nil { return "--listen" }
        if segment != nil { return "--segment" }
        return nil
    }
}
