import Foundation
import V6Core
import V6Probe
import V6Services
import V6System

/// `v6ready scan`: every inventory address and service port, both families in one run, recorded for assess/check.
enum ScanCommand {
    static let spec = CommandSpec(
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
        the probe lines. Host names are looked up with the resolver from /etc/resolv.conf or --resolver; addresses
        outside the inventory's scope are never probed.
        """,
        options: [.inventory] + ProbeRunner.sharedOptions + [
            OptionSpec("--agency", value: "ID", "Only this agency and the agencies below it."),
            OptionSpec("--site", value: "ID", "Only the segments of this site (a district scanning its own LAN)."),
            OptionSpec("--reports", value: "DIR", "Where scans are written (default: reports)."),
            OptionSpec("--fail-unreachable", "Exit 1 if any inventoried address had no reachable answer."),
        ] + ServiceOptions.specs + [
            OptionSpec("--no-services", "Probe addresses only: no service verdicts."),
            .json,
        ],
        examples: [
            "sudo v6ready scan --inventory inventories/example",
            "sudo v6ready scan --resolver 2001:db8:a00:1010::4 --service-timeout 2000",
            "sudo v6ready scan --site huyen-an-binh-hq --rate 500",
            "sudo v6ready scan --netns lab-scan --json | jq 'select(.status != \"reachable\")'",
        ],
        run: run)

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let store = try InventoryStore.locate(args.value("--inventory"), console: console)
        let inventory = try store.load()
        let runner = try ProbeRunner(arguments: args)
        var serviceSettings = try ServiceOptions.settings(from: args)
        serviceSettings.options.scope = inventory.manifest.scope
        let targets = try selectTargets(inventory, agency: args.value("--agency"), site: args.value("--site"), command: args.command)
        let services = args.flag("--no-services") ? []
            : selectServices(inventory, agency: args.value("--agency"), site: args.value("--site")).map(ServiceRequest.init(service:))
        if targets.isEmpty {
            throw .usage("nothing to scan: the selected records have no addresses", args.command)
        }
        let reports = console.resolve(args.value("--reports") ?? "reports") + "/scans"
        let startedAt = Date()
        var stamp = timestamp(startedAt)
        // Two scans in the same second (two sites, a retry) must not overwrite each other.
        var suffix = 1
        while FileSystem.exists(reports + "/" + stamp + ".jsonl") {
            suffix += 1
            stamp = timestamp(startedAt) + "_\(suffix)"   // "_" sorts after ".", so names stay in time order
        }
        let scanPath = reports + "/" + stamp + ".jsonl"
        try runner.enterNamespace()
        // Service checks open their ICMP sockets (PMTU) here: inside the namespace, before privileges are dropped.
        let serviceRun = services.isEmpty ? nil : ServiceRun(settings: serviceSettings)
        let engine = try runner.openEngine(console: &console)
        // Created after privileges are dropped, so that under sudo the scans belong to the user who ran it.
        do { try FileSystem.createDirectory(reports, recursive: true) } catch {
            throw .environment("cannot create \(reports): \(error)")
        }

        var stream = targets.makeIterator()
        var lines: [UInt8] = []
        var answered = Set<IPAddress>()
        let json = args.flag("--json")
        var perFamily: [AddressFamily: (up: Set<IPAddress>, all: Set<IPAddress>)] = [.v4: ([], []), .v6: ([], [])]
        let summary = runner.run(engine, targets: &stream, total: targets.count, console: &console) { result in
            let line = result.jsonLine
            lines += Array(line.utf8)
            lines.append(0x0A)
            if json { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
            perFamily[result.family]!.all.insert(result.address)
            if result.status == .reachable {
                answered.insert(result.address)
                perFamily[result.family]!.up.insert(result.address)
            }
        }
        // One verdict line per service, after the probe lines (docs/scan-format.md).
        let verdicts = serviceRun?.check(services) ?? []
        for report in verdicts {
            let line = report.jsonLine
            lines += Array(line.utf8)
            lines.append(0x0A)
            if json { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
        }
        let finishedAt = Date()
        do {
            try AtomicFile.write(lines, to: scanPath)
            try AtomicFile.write(Array(JSONWriter.pretty(summaryJSON(summary, inventory: store.display, site: args.value("--site"),
                                                                      started: startedAt, finished: finishedAt, services: verdicts)).utf8),
                                 to: reports + "/" + stamp + ".summary.json")
        } catch {
            throw .environment("cannot write the scan: \(error)")
        }
        let shown = args.value("--reports").map { "\($0)/scans/\(stamp).jsonl" } ?? "reports/scans/\(stamp).jsonl"
        if !json {
            var table = TextTable(["FAMILY", "ADDRESSES", "ANSWERING", "SILENT OR FAILING"])
            for family in [AddressFamily.v4, .v6] {
                let counts = perFamily[family]!
                table.add([family.description, String(counts.all.count), String(counts.up.count), String(counts.all.count - counts.up.count)])
            }
            console.outRaw(table.render())
            if !verdicts.isEmpty {
                console.out("")
                console.out(ServiceReportText.summary(verdicts))
                var serviceTable = TextTable(["VERDICT", "SERVICE", "TARGET", "WHY"])
                for row in ServiceReportText.rows(verdicts) { serviceTable.add(row) }
                console.outRaw(serviceTable.render())
            }
            console.out("Scan written to \(shown)")
        }
        console.error(ProbeRunner.describe(summary))
        for notice in serviceRun?.notices ?? [] { console.error("v6ready: \(notice)") }
        let addresses = Set(targets.map(\.address))
        if args.flag("--fail-unreachable"), !addresses.isSubset(of: answered) { return .findings }
        return .success
    }

    /// Device addresses get an echo probe; service addresses their ports. Filters by agency subtree or site.
    static func selectTargets(_ inventory: Inventory, agency: String?, site: String?, command: CommandSpec) throws(CLIError) -> [ProbeTarget] {
        var agencies = Set(inventory.agencies.map(\.id))
        if let agency {
            guard inventory.agencyFileIndex(agency) != nil else { throw .usage("--agency \(quotedArgument(agency)) is not an agency of this inventory", command) }
            agencies = ListCommand.descendants(of: agency, in: inventory)
        }
        var segments: Set<String>?
        if let site {
            guard inventory.sites.contains(where: { $0.id == site }) else { throw .usage("--site \(quotedArgument(site)) is not a site of this inventory", command) }
            segments = Set(inventory.segments.filter { $0.site == site }.map(\.id))
        }
        var targets: [ProbeTarget] = []
        var deviceSegment: [String: String] = [:]
        for file in inventory.agencyFiles {
            for device in file.devices {
                deviceSegment[device.id] = device.segment
                guard agencies.contains(file.agency.id), segments?.contains(device.segment) ?? true else { continue }
                for address in device.ipv4 + device.ipv6 {
                    targets.append(ProbeTarget(label: device.id, address: address, record: device.id))
                }
            }
        }
        for file in inventory.agencyFiles where agencies.contains(file.agency.id) {
            for service in file.services where !service.ports.isEmpty {
                if let segments { guard let d = service.device, let s = deviceSegment[d], segments.contains(s) else { continue } }
                for address in service.ipv4 + service.ipv6 {
                    targets.append(ProbeTarget(label: service.id, address: address, record: service.id, ports: service.ports, echo: false))
                }
            }
        }
        return targets
    }

    /// The services of the selected agencies (and, with --site, those hosted on that site's devices).
    static func selectServices(_ inventory: Inventory, agency: String?, site: String?) -> [Service] {
        let agencies = agency.map { ListCommand.descendants(of: $0, in: inventory) } ?? Set(inventory.agencies.map(\.id))
        let segments = site.map { site in Set(inventory.segments.filter { $0.site == site }.map(\.id)) }
        var deviceSegment: [String: String] = [:]
        for device in inventory.devices { deviceSegment[device.id] = device.segment }
        return inventory.agencyFiles.filter { agencies.contains($0.agency.id) }.flatMap(\.services).filter { service in
            guard let segments else { return true }
            return service.device.flatMap { deviceSegment[$0] }.map(segments.contains) ?? false
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static func summaryJSON(_ s: ProbeRunSummary, inventory: String, site: String?, started: Date, finished: Date,
                            services: [ServiceReport] = []) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("schema", 1)
        o.add("inventory", inventory)
        o.add("site", site.map(JSONValue.string) ?? .null)
        o.add("started", iso(started))
        o.add("finished", iso(finished))
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
        return o.value
    }
}

/// The service-check options `scan` and `probe --service` share.
enum ServiceOptions {
    static let specs: [OptionSpec] = [
        OptionSpec("--resolver", value: "ADDR", repeatable: true,
                   "DNS server for service checks: 192.0.2.53, 2001:db8::53 or [2001:db8::53]:5353 (default: /etc/resolv.conf)."),
        OptionSpec("--no-dns", "Judge services on the inventory's addresses without looking their names up."),
        OptionSpec("--service-timeout", value: "MS", "Wait this long for a service's connection, page, greeting or DNS answer (default 4000)."),
    ]

    static func settings(from args: ParsedArguments) throws(CLIError) -> ServiceRunSettings {
        var settings = ServiceRunSettings()
        for text in args.all("--resolver").flatMap({ $0.split(separator: ",").map(String.init) }) {
            do { settings.resolvers.append(try ResolverAddress(parsing: text)) } catch {
                throw .usage("--resolver: \(error.message)", args.command)
            }
        }
        settings.useDNS = !args.flag("--no-dns")
        if settings.useDNS == false && !settings.resolvers.isEmpty {
            throw .usage("--no-dns and --resolver contradict each other", args.command)
        }
        if let timeout = try args.integer("--service-timeout", in: 100...60_000) {
            settings.options.timeoutMilliseconds = timeout
        }
        return settings
    }
}
