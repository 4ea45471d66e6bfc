import Foundation
import V6Core
import V6Probe
import V6Services
import V6System

/// `v6ready probe TARGET...`: ad-hoc dual-stack probing of addresses, prefixes and names.
enum ProbeCommand {
    static let spec = CommandSpec(
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
        """,
        options: ProbeRunner.sharedOptions + [
            OptionSpec("--max-targets", value: "N", "Largest prefix expansion allowed (default 65536)."),
            OptionSpec("--inventory", value: "DIR", "The inventory whose scope allows the targets (default: inventories/)."),
            OptionSpec("--outside-scope", "Allow targets outside the inventory's declared scope."),
            OptionSpec("--fail-unreachable", "Exit 1 if any target address had no reachable answer."),
            OptionSpec("--output", short: "-o", value: "FILE", "Write the JSON Lines results to FILE."),
            OptionSpec("--service", value: "web|mail|dns|tcp",
                       "Check each TARGET (a host name) as a service of this kind and give its verdict (tcp: the --tcp ports)."),
        ] + ServiceOptions.specs + [
            .json,
        ],
        positionals: [PositionalSpec("TARGET", repeating: true, "An address, a prefix (198.51.100.0/28), a host name, or @FILE with one target per line.")],
        examples: [
            "v6ready probe 2001:db8:a00:1001::1 198.51.100.1",
            "v6ready probe portal.vidu.example --tcp 80,443",
            "v6ready probe 198.18.0.0/24 --rate max --json > sweep.jsonl",
            "sudo v6ready probe 2001:db8::10 --count 10 --interval 200",
            "sudo v6ready probe @targets.txt --netns lab-scan --outside-scope --fail-unreachable",
            "sudo v6ready probe --service web vidu.example --resolver 2001:db8:a00:1010::4",
            "sudo v6ready probe --service mail vidu.example --json",
        ],
        run: run)

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        if args.value("--service") != nil { return try runServices(args, &console) }
        let runner = try ProbeRunner(arguments: args)
        let limit = try args.integer("--max-targets", in: 1...100_000_000) ?? 65_536

        // Parse every argument before sending anything: a typo must not leave half a sweep done.
        var arguments: [TargetArgument] = []
        var problems: [Diagnostic] = []
        for text in args.positionals {
            do {
                let target = try TargetArgument(parsing: text)
                if case let .file(path) = target {
                    let bytes: [UInt8]
                    do { bytes = try FileSystem.readFile(console.resolve(path)) } catch {
                        problems.append(Diagnostic(file: path, message: "cannot read: \(error)")); continue
                    }
                    switch TargetArgument.parseFile(bytes, name: path) {
                    case let .success(list): arguments += list
                    case let .failure(f): problems += f.diagnostics
                    }
                } else {
                    arguments.append(target)
                }
            } catch {
                problems.append(Diagnostic(file: "(command line)", message: error.message))
            }
        }
        if !problems.isEmpty { throw .invalid(problems) }

        try runner.enterNamespace()
        var sources: [TargetStream.Source] = []
        for argument in arguments {
            switch argument {
            case let .address(address):
                // The label of an address target is the address itself (empty: formatted once, when printed).
                sources.append(.one(ProbeTarget(label: "", address: address)))
            case let .prefix(prefix):
                do { sources.append(.prefix(try prefix.addresses(limit: limit))) } catch {
                    problems.append(Diagnostic(file: "(command line)", message: "\(error.message); raise --max-targets to sweep it"))
                }
            case let .hostname(name):
                do {
                    for bytes in try HostResolver.resolve(name) {
                        let address: IPAddress = bytes.count == 4 ? .v4(IPv4Address(bytes: bytes)) : .v6(IPv6Address(bytes: bytes))
                        sources.append(.one(ProbeTarget(label: name, address: address)))
                    }
                } catch {
                    problems.append(Diagnostic(file: "(command line)", message: error.description))
                }
            case .file:
                break
            }
        }
        if !problems.isEmpty { throw .invalid(problems) }

        try checkScope(sources, args: args, console: console)
        var targets = TargetStream(sources)
        let total = targets.count
        let engine = try runner.openEngine(console: &console)

        let json = args.flag("--json")
        var output: FileHandle?
        if let path = args.value("--output") {
            let resolved = console.resolve(path)
            guard FileManager.default.createFile(atPath: resolved, contents: nil), let handle = FileHandle(forWritingAtPath: resolved) else {
                throw .environment("cannot write \(path)")
            }
            output = handle
        }
        defer { try? output?.close() }
        // Per-address bookkeeping only when asked for: a million-target sweep must not keep a million addresses.
        let trackUnanswered = args.flag("--fail-unreachable")
        var unanswered = Set<IPAddress>()
        var answered = Set<IPAddress>()
        var lines = ""
        var human: [ProbeResult] = []
        let summary = runner.run(engine, targets: &targets, total: total, console: &console) { result in
            if trackUnanswered {
                if result.status == .reachable { answered.insert(result.address); unanswered.remove(result.address) }
                else if !answered.contains(result.address) { unanswered.insert(result.address) }
            }
            if json || output != nil {
                lines += result.jsonLine
                lines += "\n"
                if lines.utf8.count > 1 << 16 {
                    if let output { output.write(Data(lines.utf8)) } else { FileHandle.standardOutput.write(Data(lines.utf8)) }
                    lines = ""
                }
            }
            if !json { human.append(result) }
        }
        if let output { output.write(Data(lines.utf8)) } else if json { console.outRaw(lines) }
        if !json { console.outRaw(render(human)) }
        console.error(ProbeRunner.describe(summary))
        if args.flag("--fail-unreachable"), !unanswered.isEmpty { return .findings }
        return .success
    }

    /// `probe --service KIND NAME...`: one verdict per name, with its sub-checks. Addresses outside the inventory's
    /// scope (unless --outside-scope) are not probed and their checks say so.
    static func runServices(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let kind = args.value("--service") ?? ""
        guard let profile = CheckProfile(rawValue: kind) else {
            throw .usage("--service takes web, mail, dns or tcp, not \(quotedArgument(kind))", args.command)
        }
        var settings = try ServiceOptions.settings(from: args)
        var ports: [Int] = []
        if let text = args.value("--tcp") { ports = try ProbeRunner.parsePorts(text, args.command) }
        if profile == .tcp && ports.isEmpty { throw .usage("--service tcp needs --tcp PORTS", args.command) }
        var requests: [ServiceRequest] = []
        for text in args.positionals {
            guard let name = DNSName(text), !name.isRoot, IPAddress(text) == nil else {
                throw .usage("--service takes host names, not \(quotedArgument(text))", args.command)
            }
            var request = ServiceRequest(profile: profile, name: name)
            if !ports.isEmpty { request.ports = ports }
            requests.append(request)
        }
        if !args.flag("--outside-scope") {
            settings.options.scope = (try? InventoryStore.locate(args.value("--inventory"), console: console).load())?.manifest.scope
                ?? Scope()
        }
        let runner = ProbeRunner(options: ProbeOptions(), namespace: args.value("--netns"))
        try runner.enterNamespace()
        let run = ServiceRun(settings: settings)
        if currentUserIsRoot {
            do { _ = try Privileges.dropAll(environment: ProcessInfo.processInfo.environment) } catch {
                throw .environment("cannot drop privileges after opening sockets: \(error)")
            }
        }
        let reports = run.check(requests)
        for notice in run.notices { console.error("v6ready: \(notice)") }
        if args.flag("--json") {
            console.outRaw(reports.map { $0.jsonLine + "\n" }.joined())
        } else {
            console.outRaw(reports.map(ServiceReportText.detail).joined(separator: "\n"))
        }
        if let path = args.value("--output") {
            guard FileManager.default.createFile(atPath: console.resolve(path), contents: Data(reports.map { $0.jsonLine + "\n" }.joined().utf8)) else {
                throw .environment("cannot write \(path)")
            }
        }
        if args.flag("--fail-unreachable"), reports.contains(where: { $0.verdict != .green }) { return .findings }
        return .success
    }

    /// Refuses targets outside the inventory's scope unless the user says --outside-scope (loopback is always allowed).
    static func checkScope(_ sources: [TargetStream.Source], args: ParsedArguments, console: Console) throws(CLIError) {
        if args.flag("--outside-scope") { return }
        let scope = (try? InventoryStore.locate(args.value("--inventory"), console: console).load())?.manifest.scope
        var outside: [String] = []
        for source in sources {
            let sample: (IPAddress, String)
            switch source {
            case let .one(t): sample = (t.address, t.label.isEmpty ? t.address.description : "\(t.label) (\(t.address))")
            case let .prefix(addresses):
                guard let first = addresses.first, let last = addresses.last else { continue }
                let inside = scope.map { $0.contains(first) && $0.contains(last) } ?? false
                if !inside && !(first.addressClass == .loopback && last.addressClass == .loopback) { outside.append("\(first)–\(last)") }
                continue
            }
            if sample.0.addressClass == .loopback { continue }
            if scope?.contains(sample.0) == true { continue }
            outside.append(sample.1)
        }
        guard !outside.isEmpty else { return }
        let shown = outside.prefix(5).joined(separator: ", ") + (outside.count > 5 ? " and \(outside.count - 5) more" : "")
        throw .usage("\(shown) \(outside.count == 1 ? "is" : "are") outside the inventory's scope\(scope == nil ? " (no inventory found)" : ""); v6ready probes only what the inventory declares — add the prefix to scope in inventory.json, or pass --outside-scope if you are sure", args.command)
    }

    /// Text output: one line per result, in address order.
    static func render(_ results: [ProbeResult]) -> String {
        var table = TextTable(["TARGET", "ADDRESS", "METHOD", "STATUS", "RTT", "DETAIL"])
        let ordered = results.sorted { a, b in
            if a.address != b.address { return a.address < b.address }
            if a.method != b.method { return a.method == .icmp }
            return (a.port ?? 0) < (b.port ?? 0)
        }
        for r in ordered {
            let method = r.port.map { "tcp/\($0)" } ?? r.method.rawValue
            var rtt = r.rttMilliseconds.map { String(format: "%.3f ms", $0) } ?? "-"
            if let s = r.rttStatistics, s.count > 0 {
                rtt = String(format: "%.3f/%.3f/%.3f ms, %.0f%% loss", s.min, s.average, s.max, s.lossPercent)
            } else if let s = r.rttStatistics {
                rtt = String(format: "%.0f%% loss", s.lossPercent)
            }
            table.add([r.displayTarget, r.address.description, method, r.status.rawValue, rtt, r.detail ?? ""])
        }
        return table.render()
    }
}
