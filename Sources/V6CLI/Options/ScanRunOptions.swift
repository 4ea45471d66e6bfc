/// What a scan of the inventory takes: which part, how to probe, how to check services. `scan` and
/// `check --scan-now` embed the same group, so the two can never drift apart.
public struct ScanRunOptions: ParsableArguments {
    @Option("--agency", value: "ID", help: "Only this agency and the agencies below it.")
    var agency: String?

    @Option("--site", value: "ID", help: "Only the segments of this site (a district scanning its own LAN).")
    var site: String?

    @OptionGroup var probe: ProbeOptionGroup
    @OptionGroup var services: ServiceOptionGroup

    @Flag("--no-services", help: "Probe addresses only: no service verdicts.")
    var noServices: Bool

    @Flag("--no-parity", help: "No security audit: no firewall parity, ICMPv6 policy or management-port lines.")
    var noParity: Bool

    @Option("--lan", value: "IFACE", help: "Also audit this interface's LAN (router advertisements, DHCPv6, neighbours): a {\"type\":\"lan\",...} line, as v6ready lan.")
    var lan: String?
    @OptionGroup var lanAudit: LANAuditOptions

    public init() {}

    public mutating func validate() throws(CLIError) {
        if lan == nil, let given = lanAudit.firstGivenOption { throw .argument("\(given) applies to the LAN audit: add --lan IFACE") }
        try services.requireIPv6Resolvers(for: probe.vantage)
    }

    /// The first option of this group the command line gave, for "only applies with" messages.
    var firstGivenOption: String? {
        for declaration in Declarations.collect(from: self) {
            if let spec = declaration.optionSpec, declaration.sink.isGiven { return spec.name }
        }
        return nil
    }
}
