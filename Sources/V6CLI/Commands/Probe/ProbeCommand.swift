import V6Core
import V6Probe
import V6System

/// `v6ready probe TARGET...`: ad-hoc dual-stack probing of addresses, prefixes and names.
struct ProbeCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["probe"], abstract: "Probe addresses, prefixes and host names over IPv4 and IPv6 (ICMP echo, TCP connect).",
        discussion: """
        A host name is resolved to every A and AAAA address and each is probed. A prefix is expanded (at most
        --max-targets addresses). For safety, v6ready probes only loopback and addresses inside the inventory's scope
        (inventory.json) unless you pass --outside-scope.
        Statuses: reachable (echo reply / handshake), refused (TCP reset), unreachable (ICMP error; its type and
        code in detail), timeout (silence after every retry), error (could not send).
        Needs root or CAP_NET_RAW for raw sockets; without them it uses ping sockets if allowed, else TCP only.
        With --service web|mail|dns, each TARGET is a host name (a site, a mail domain, a zone) checked the way
        public IPv6 scorers check it, and the verdict is green (works over IPv6), yellow (published but not
        working), red (no IPv6 address published) or gray (not testable, or absent on purpose), with every sub-check.
        With --parity, each TARGET (a name: its A and AAAA; or IPV4,IPV6) gets the same TCP ports over both families
        in one run and one {"type":"parity",...} line per port whose states differ: ipv6-exposed (answers over IPv6,
        filtered or refused over IPv4), ipv6-blocked (the reverse), filter-differs (drop against reset). Also its
        ICMPv6 policy (echo, Packet Too Big; RFC 4890) and TLS on 443 over each family (version, cipher, and under
        TLS 1.2 the certificate: same per family, name covered, not expired or expiring within 30 days).
        """,
        examples: [
            "v6ready probe 2001:db8:a00:1001::1 198.51.100.1",
            "v6ready probe portal.vidu.example --tcp 80,443",
            "v6ready probe 198.18.0.0/24 --rate max --json > sweep.jsonl",
            "sudo v6ready probe 2001:db8::10 --count 10 --interval 200",
            "sudo v6ready probe @targets.txt --netns lab-scan --outside-scope --fail-unreachable",
            "sudo v6ready probe --service web vidu.example --resolver 2001:db8:a00:1010::4",
            "sudo v6ready probe --service mail vidu.example --json",
            "sudo v6ready probe --parity portal.vidu.example --resolver 2001:db8:a00:1010::4",
            "sudo v6ready probe --parity 203.0.113.80,2001:db8:80::80 --parity-ports 22,80,443,3389",
            "sudo v6ready probe --service web portal.vidu.example --netns v6only --vantage ipv6-only",
        ])

    @OptionGroup var probe: ProbeOptionGroup
    @Option("--max-targets", value: "N", range: 1...100_000_000, help: "Most targets one prefix or one @FILE may hold (default 65536); a file is counted before anything is sent.") var maxTargets: Int = 65_536
    @OptionGroup var inventory: InventoryOptions
    @Flag("--outside-scope", help: "Allow targets outside the inventory's declared scope.") var outsideScope: Bool
    @Flag("--fail-unreachable", help: "Exit 1 if any target address had no reachable answer.") var failUnreachable: Bool
    @Option("--output", short: "-o", value: "FILE", help: "Write the JSON Lines results to FILE.") var output: String?
    @Option("--service", value: "web|mail|dns|tcp", help: "Check each TARGET (a host name) as a service of this kind and give its verdict (tcp: the --tcp ports).")
    var service: CheckProfile?
    @Flag("--parity", help: "Firewall parity: each TARGET (a name, or IPV4,IPV6) gets the same TCP ports over both families (--tcp, else --parity-ports), its ICMPv6 policy (RFC 4890) and TLS on 443 compared; exit 1 on findings.")
    var parity: Bool
    @OptionGroup var services: ServiceOptionGroup
    @Flag(.json) var json: Bool
    @Argument("TARGET", help: "An address, a prefix (198.51.100.0/28), a host name, or @FILE with one target per line.") var targets: [String]

    func validate() throws(CLIError) {
        if parity && service != nil { throw .argument("--parity and --service are two different checks; choose one") }
        if service == nil && !parity { try probe.requireSomethingToProbe() }
        if service == .tcp && (probe.tcp?.ports ?? []).isEmpty { throw .argument("--service tcp needs --tcp PORTS") }
        try services.requireIPv6Resolvers(for: probe.vantage)
    }

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        if let service { return try runServices(service, console: console) }
        if parity { return try runParity(console: console) }
        let scope = outsideScope ? nil : ScopeGuard(inventory: inventory, console: console)
        let parsed = try ProbeTargets(parsing: targets, maxTargets: maxTargets, scope: scope, console: console)
        let session = probe.session
        try session.enterNamespace()
        let vantage = probe.resolveVantage(console: console)
        let sources = try parsed.sources(limit: maxTargets)
        try scope?.check(sources, inFiles: parsed.outsideInFiles)
        let plain = TargetStream(sources, allows: scope?.allows)
        let total = plain.count
        var stream = IPv6OnlyTargets(plain, holdBackIPv4: vantage == .ipv6Only)
        let engine = try session.openEngine(console: console)
        // `-o -` is standard output: the JSON Lines, as --json prints them.
        let json = json || output == "-"
        let file = try output.flatMap { $0 == "-" ? nil : $0 }.map { path throws(CLIError) in try ReportWriter.stream(to: path, console: console) }

        // Per-address bookkeeping only when asked for: a million-target sweep must not keep a million addresses.
        var unanswered = Set<IPAddress>(), answered = Set<IPAddress>()
        var pending: [UInt8] = []
        var table = ProbeResultTable { console.outRaw($0) }
        var writeError: CLIError?
        func flush() {
            guard !pending.isEmpty else { return }
            if let file {
                do { try file.write(pending) } catch { if writeError == nil { writeError = .environment("cannot write \(output ?? ""): \(error)") } }
            } else {
                console.outRaw(String(decoding: pending, as: UTF8.self))
            }
            pending.removeAll(keepingCapacity: true)
        }
        func handle(_ result: ProbeResult) {
            var result = result
            result.vantage = vantage
            if failUnreachable {
                if result.status == .reachable { answered.insert(result.address); unanswered.remove(result.address) }
                else if !answered.contains(result.address) { unanswered.insert(result.address) }
            }
            if json || file != nil {
                pending += Array(result.jsonLine.utf8)
                pending.append(0x0A)
                if pending.count > 1 << 16 { flush() }
            }
            if !json { table.add(result) }
        }
        var summary = session.run(engine, targets: &stream, total: total, console: console, emit: handle)
        VantageResolution.emitRefused(stream.refused, options: session.options, into: &summary, emit: handle)
        flush()
        if let writeError { throw writeError }
        do { try file?.commit() } catch { throw .environment("cannot write \(output ?? ""): \(error)") }
        if !json { table.finish() }
        for notice in plain.notices { console.error("v6ready: \(notice)") }
        console.error(ProbeSession.describe(summary))
        return failUnreachable && !unanswered.isEmpty ? .findings : .success
    }
}

extension ProbeCommand: ProbingCommand {
    var opensSockets: Bool { true }
    var requestedUser: String? { probe.privileges.user }
}
