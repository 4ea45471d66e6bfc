import V6Core
import V6Services

/// `v6ready scan`: every inventory address and service port, both families in one run, recorded for assess/check.
struct ScanCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["scan"], abstract: "Probe everything in the inventory over IPv4 and IPv6 and record the result.",
        discussion: """
        Every device address gets an ICMP/ICMPv6 echo probe; every service address gets a TCP connect to each of its
        ports (plus --tcp ports for every address). Both families of a dual-stack device are probed in the same run.
        Results go to reports/scans/<UTC time>.jsonl (one JSON object per target, address, method and port; see
        docs/scan-format.md) with a .summary.json beside it; assess, plan and check read the newest.
        Then every inventory service gets a verdict in the public scorers' colours — green (works over IPv6), yellow
        (published but not working), red (no IPv6 address published), gray (not testable, or absent on purpose) —
        from the sub-checks internet.nl makes (AAAA, ports over IPv6, the same page, MX/NS with AAAA, SMTP over IPv6,
        PTR), plus PMTU black holes and the Happy Eyeballs penalty: one {"type":"service",...} line per service after
        the probe lines. Host names are looked up with --resolver, else the resolver from /etc/resolv.conf — inside
        --netns NAME from /etc/netns/NAME/resolv.conf, as ip netns exec does, and never this machine's; addresses
        outside the inventory's scope are never probed.
        With --lan IFACE the scan also audits that interface's LAN as `v6ready lan` does (router advertisements,
        DHCPv6, rogues, neighbours, judged against --segment or the segment whose prefix the routers announce): one
        {"type":"lan",...} line, which drift (a new rogue RA first), check (no-rogue-ra, lan-ipv6-dns) and assess use.
        Security (unless --no-parity): every dual-stack device and service gets its ports plus --parity-ports over
        both families, with a {"type":"parity",...} line per port whose states differ (ipv6-exposed, ipv6-blocked),
        an {"type":"icmpv6",...} line per IPv6 address (RFC 4890 echo, Packet Too Big), {"type":"tls",...} lines
        (web services on 443: certificates per family, names, expiry) and a {"type":"management",...} line per device
        (SSH banner on 22, HTTPS on 443, per family).
        With --vantage ipv6-only (detected for a --netns namespace without IPv4 routes) the scan is a client with no
        IPv4: IPv4 targets are not sent (error lines say so), the resolver must be IPv6, the NAT64 prefix is found
        from DNS64 (ipv4only.arpa, RFC 7050) and with --lan from RA PREF64 (RFC 8781) — a {"type":"nat64",...} line —
        and every service gets an IPv6-only verdict: native, nat64 (works only through the translator: publish
        AAAA) or broken, with the pages' IPv4 literals, IPv4-only MX and name servers as problems.
        """,
        examples: [
            "sudo v6ready scan --inventory inventories/example",
            "sudo v6ready scan --resolver 2001:db8:a00:1010::4 --service-timeout 2000",
            "sudo v6ready scan --site huyen-an-binh-hq --rate 500",
            "sudo v6ready scan --lan eth0 --segment so-tttt-lan",
            "sudo v6ready scan --netns lab-scan --json | jq 'select(.status != \"reachable\")'",
            "sudo v6ready scan --netns v6only --vantage ipv6-only --resolver 2001:db8:64::53",
        ])

    @OptionGroup var inventory: InventoryOptions
    @OptionGroup var scan: ScanRunOptions
    @OptionGroup var reports: ReportsOptions
    @Flag("--fail-unreachable", help: "Exit 1 if any inventoried address had no reachable answer.") var failUnreachable: Bool
    @Flag(.json) var json: Bool
    @Flag("--summary-json", help: "Instead of the tables, print the scan's summary (its .summary.json with \"scan\": the file written) as one JSON object.")
    var summaryJSON: Bool

    func validate() throws(CLIError) {
        if json && summaryJSON { throw .argument("--json and --summary-json are two different outputs; choose one") }
    }

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let store = try inventory.store(console)
        let workflow = ScanWorkflow(inventory: try store.load(), inventoryShown: store.display, options: scan, store: reports.scanStore(console))
        let outcome = try workflow.run(console: console, streamJSON: json)
        if summaryJSON {
            guard case var .object(members) = outcome.summaryJSON else { return .internalError }
            members.insert(("scan", .string(outcome.shownPath)), at: 1)
            console.out(JSONWriter.compact(.object(members)))
        } else if !json {
            var table = TextTable(["FAMILY", "ADDRESSES", "ANSWERING", "SILENT OR FAILING"])
            for family in [AddressFamily.v4, .v6] {
                let all = outcome.probed[family].count, up = outcome.answering[family].count
                table.add([family.description, String(all), String(up), String(all - up)])
            }
            console.outRaw(table.render())
            if !outcome.verdicts.isEmpty {
                console.out("")
                console.out(ServiceReportText.summary(outcome.verdicts))
                var serviceTable = TextTable(["VERDICT", "SERVICE", "TARGET", "WHY"])
                for row in ServiceReportText.rows(outcome.verdicts) { serviceTable.add(row) }
                console.outRaw(serviceTable.render())
            }
            if let security = outcome.security, !security.lines.isEmpty {
                console.out("")
                for line in security.textLines { console.out(line) }
            }
            if outcome.vantage == .ipv6Only { Self.printIPv6Only(outcome, console: console) }
            if let lan = outcome.lan {
                console.out("")
                for line in lan.textLines() { console.out(line) }
            }
            console.out("Scan written to \(outcome.shownPath)")
        }
        console.error(ProbeSession.describe(outcome.summary))
        for notice in outcome.notices { console.error("v6ready: \(notice)") }
        return failUnreachable && !outcome.everyAddressAnswered ? .findings : .success
    }

    /// From an IPv6-only vantage: what it learnt of NAT64, and one IPv6-only verdict per service.
    static func printIPv6Only(_ outcome: ScanWorkflow.Outcome, console: Console) {
        console.out("")
        console.out("Vantage: IPv6-only (nothing sent over IPv4)")
        if let nat64 = outcome.nat64 { console.out(nat64.text) }
        guard outcome.verdicts.contains(where: { $0.ipv6Only != nil }) else { return }
        console.out(IPv6OnlyText.summary(outcome.verdicts))
        var table = TextTable(["IPV6-ONLY", "SERVICE", "PROBLEMS", "WHY"])
        for row in IPv6OnlyText.rows(outcome.verdicts) { table.add(row) }
        console.outRaw(table.render())
    }
}

extension ScanCommand: ProbingCommand {
    var opensSockets: Bool { true }
    var requestedUser: String? { scan.probe.privileges.user }
}
