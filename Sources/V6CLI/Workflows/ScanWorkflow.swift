import Foundation
import V6Core
import V6Probe
import V6Services
import V6System

/// Scanning the inventory, as `scan`, `check --scan-now` and the demo's scanner all do it: select the targets,
/// open the sockets inside the namespace, drop privileges, probe, check the services, and write the scan with its
/// summary through the `ScanStore`. The caller decides what to print from the outcome.
struct ScanWorkflow {
    var inventory: Inventory
    /// The inventory as messages name it (`inventories/example/`).
    var inventoryShown: String
    var options: ScanRunOptions
    var store: ScanStore

    /// What a finished scan wrote and found.
    struct Outcome {
        var name: String
        var shownPath: String
        var summary: ProbeRunSummary
        var verdicts: [ServiceReport]
        /// Addresses probed and addresses that answered, per family.
        var probed: PerFamily<Set<IPAddress>>
        var answering: PerFamily<Set<IPAddress>>
        var notices: [String]
        var summaryJSON: JSONValue
        /// The LAN audit's verdict, with `--lan`.
        var lan: LANVerdict?
        /// Where the scan looked from, and from an IPv6-only vantage what it learnt of NAT64.
        var vantage: ScanVantage = .dualStack
        var nat64: NAT64Report?
        /// The security audit's findings (parity, ICMPv6, TLS, management), unless --no-parity.
        var security: SecurityReport?

        var everyAddressAnswered: Bool { probed[.v4].isSubset(of: answering[.v4]) && probed[.v6].isSubset(of: answering[.v6]) }
    }

    /// Runs the scan. `streamJSON` also prints every line on stdout as it is found (`scan --json`).
    func run(console: Console, streamJSON: Bool) throws(CLIError) -> Outcome {
        let selection: ScanSelection
        do { selection = try ScanSelection(inventory, agency: options.agency, site: options.site) } catch {
            switch error {
            case let .unknownAgency(id): throw .argument("--agency \(quotedArgument(id)) is not an agency of this inventory")
            case let .unknownSite(id): throw .argument("--site \(quotedArgument(id)) is not a site of this inventory")
            }
        }
        guard !selection.targets.isEmpty else { throw .argument("nothing to scan: the selected records have no addresses") }
        var settings = try options.services.settings
        settings.options.scope = inventory.manifest.scope
        settings.networkNamespace = options.probe.namespace
        let services = options.noServices ? [] : selection.services.map(ServiceRequest.init(service:))

        let started = ScanTimestamp.now
        let session = options.probe.session
        try session.enterNamespace()
        let vantage = options.probe.resolveVantage(console: console)
        settings.vantage = vantage
        // Service checks open their ICMP sockets (PMTU) here: inside the namespace, before privileges are dropped.
        let serviceRun = services.isEmpty ? nil : ServiceRun(settings: settings)
        // The parity audit's echoes too (issue 19).
        let security = options.noParity ? nil : SecurityRun(timeoutMilliseconds: min(settings.options.timeoutMilliseconds, 2000),
                                                            scope: inventory.manifest.scope)
        // The LAN audit's sockets too: raw ICMPv6 and port 546 need the privileges the engine's drop takes away.
        let lanAudit = try options.lan.map { interface throws(CLIError) in
            try LANAuditWorkflow(interface: interface, options: options.lanAudit, inventory: inventory)
        }
        let lanLink = try lanAudit?.open()
        let engine = try session.openEngine(console: console)
        try store.create()
        let name = store.newScanName(started: started)

        var lines: [UInt8] = []
        var probed = PerFamily<Set<IPAddress>>([], [])
        var answering = PerFamily<Set<IPAddress>>([], [])
        func record(_ line: String) {
            lines += Array(line.utf8)
            lines.append(0x0A)
            if streamJSON { console.out(line) }
        }
        func probeLine(_ result: ProbeResult) {
            var result = result
            result.vantage = vantage
            record(result.jsonLine)
            probed[result.family].insert(result.address)
            if result.status == .reachable { answering[result.family].insert(result.address) }
        }
        var stream = IPv6OnlyTargets(selection.targets.makeIterator(), holdBackIPv4: vantage == .ipv6Only)
        var summary = session.run(engine, targets: &stream, total: selection.targets.count, console: console, emit: probeLine)
        VantageResolution.emitRefused(stream.refused, options: session.options, into: &summary, emit: probeLine)
        // From an IPv6-only vantage the LAN audit comes first: its PREF64 options are a NAT64 prefix source.
        var lan: LANVerdict?
        if vantage == .ipv6Only, let lanAudit, let lanLink {
            lan = lanAudit.audit(lanLink)
            serviceRun?.pref64 = NAT64Discovery.prefixes(fromRouterAdvertisements: lan!.routers.map(\.observed.advertisement))
            serviceRun?.pref64Interface = options.lan
        }
        // One verdict line per service, after the probe lines (docs/scan-format.md); from an IPv6-only vantage
        // the nat64 line first.
        let verdicts = serviceRun?.check(services) ?? []
        if let nat64 = serviceRun?.nat64 { record(nat64.jsonLine) }
        for report in verdicts {
            record(report.jsonLine)
            if let tls = report.tls { record(tls.jsonLine) }
        }
        // Firewall parity, ICMPv6 policy, TLS and management ports: one line each (docs/scan-format.md).
        let securityReport = security?.check(SecuritySubject.subjects(inventory, selection, parityPorts: options.probe.parityPortList,
                                                                     servicesChecked: serviceRun != nil))
        for line in securityReport?.lines ?? [] { record(line) }
        // The LAN audit last: one {"type":"lan",...} line (docs/scan-format.md).
        if lan == nil, let lanAudit, let lanLink { lan = lanAudit.audit(lanLink) }
        if let lan { record(lan.jsonLine) }
        let finished = Date()
        let summaryJSON = Self.summaryJSON(summary, inventory: inventoryShown, site: options.site, started: started,
                                           finished: ScanTimestamp.now, finishedDate: finished, services: verdicts, lan: lan,
                                           vantage: vantage)
        try store.write(name: name, lines: lines, summary: summaryJSON)
        return Outcome(name: name, shownPath: store.shownPath(name), summary: summary, verdicts: verdicts, probed: probed,
                       answering: answering, notices: (serviceRun?.notices ?? []) + (security?.notices ?? []), summaryJSON: summaryJSON, lan: lan,
                       vantage: vantage, nat64: serviceRun?.nat64, security: securityReport)
    }

    /// The `.summary.json` beside a scan (docs/scan-format.md).
    static func summaryJSON(_ s: ProbeRunSummary, inventory: String, site: String?, started: ScanTimestamp, finished: ScanTimestamp,
                            finishedDate: Date, services: [ServiceReport], lan: LANVerdict? = nil,
                            vantage: ScanVantage = .dualStack) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("schema", 1)
        o.add("vantage", vantage.rawValue)
        o.add("inventory", inventory)
        o.add("site", site.map(JSONValue.string) ?? .null)
        o.add("started", started.iso8601)
        o.add("finished", finished.iso8601)
        o.add("duration_s", .number((s.durationSeconds * 1000).rounded() / 1000))
        o.add("probes", s.packetsSent)
        o.add("results", s.results)
        o.add("icmp_mode", s.icmpMode.rawValue)
        o.add("statuses", .object(ProbeStatus.allCases.compactMap { st in s.statuses[st].map { (st.rawValue, JSONValue.number(Double($0))) } }))
        o.add("stray_packets", s.drops.total)
        if !services.isEmpty {
            o.add("services", .object(ServiceColour.worstFirst.map { colour in
                (colour.rawValue, JSONValue.number(Double(services.filter { $0.verdict == colour }.count)))
            }))
        }
        if let lan {
            var l = JSONObjectBuilder()
            l.addIfPresent("segment", lan.segment)
            l.add("interface", lan.interface)
            l.add("verdict", lan.colour.rawValue)
            l.add("findings", strings: lan.codes.map(\.rawValue))
            o.add("lan", l.value)
        }
        return o.value
    }
}
