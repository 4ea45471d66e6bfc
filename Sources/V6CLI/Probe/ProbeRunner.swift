import Foundation
import V6Core
import V6Probe
import V6System

/// What `probe` and `scan` share: enter the namespace, open sockets, drop privileges, run, print.
struct ProbeRunner {
    var options: ProbeOptions
    var namespace: String?
    /// Parallel engines; nil: `ProbeEngineGroup.defaultWorkerCount` for this machine.
    var workers: Int?

    /// Options every probing command accepts.
    static let sharedOptions: [OptionSpec] = [
        OptionSpec("--tcp", value: "PORTS", "Also connect to these TCP ports, e.g. 22,80,443 or 8000-8010."),
        OptionSpec("--no-icmp", "Do not send ICMP/ICMPv6 echo requests (TCP only)."),
        OptionSpec("--timeout", value: "MS", "Wait this long for an answer before a retry (default 500)."),
        OptionSpec("--retries", value: "N", "Retries after silence, each waiting 1.5x longer (default 2)."),
        OptionSpec("--rate", value: "N|max", "Probes per second in all (default 1000; max: as fast as possible)."),
        OptionSpec("--count", value: "N", "Send N echo requests per target and report loss and RTT statistics."),
        OptionSpec("--interval", value: "MS", "With --count: time between packets to one target (default 1000)."),
        OptionSpec("--size", value: "BYTES", "Echo packet size including IP header, for path-MTU tests (default 84 IPv4 / 104 IPv6)."),
        OptionSpec("--netns", value: "NAME", "Probe from inside network namespace NAME (ip netns), e.g. a lab or a VRF."),
        OptionSpec("--workers", value: "N", "Probing threads, each with its own sockets (default 1; with --rate max or 20000 and up, one per core, at most 4)."),
    ]

    /// The runner of a probing command, from the shared options; usage errors name the option.
    init(arguments args: ParsedArguments) throws(CLIError) {
        self.init(options: try Self.options(from: args), namespace: args.value("--netns"),
                  workers: try args.integer("--workers", in: 1...64))
    }

    init(options: ProbeOptions, namespace: String?, workers: Int? = nil) {
        self.options = options
        self.namespace = namespace
        self.workers = workers
    }

    private static func options(from args: ParsedArguments) throws(CLIError) -> ProbeOptions {
        var options = ProbeOptions()
        options.icmp = !args.flag("--no-icmp")
        if let ports = args.value("--tcp") { options.tcpPorts = try parsePorts(ports, args.command) }
        let timeout = try args.integer("--timeout", in: 1...60_000) ?? 500
        let retries = try args.integer("--retries", in: 0...10) ?? 2
        options.policy = RetryPolicy(timeoutMilliseconds: timeout, retries: retries)
        if let rate = args.value("--rate") {
            if rate == "max" { options.rate = nil } else {
                guard let n = Double(rate), n >= 1, n <= 10_000_000 else {
                    throw .usage("--rate takes a number of probes per second (1–10000000) or max, not \(quotedArgument(rate))", args.command)
                }
                options.rate = n
            }
        }
        options.count = try args.integer("--count", in: 1...10_000) ?? 1
        options.intervalMilliseconds = try args.integer("--interval", in: 1...3_600_000) ?? 1000
        if let size = try args.integer("--size", in: 28...65_535) {
            // One payload size for both families; the IPv6 header is 20 bytes longer, so the same ICMP size.
            guard let payload = ICMPEchoEncoder.payloadSize(forPacketSize: size, family: .v4) else {
                throw .usage("--size \(size) is too small for a probe (at least \(ICMPEchoEncoder.messageSize(payloadSize: ICMPEchoEncoder.minimumPayloadSize) + 20))", args.command)
            }
            options.payloadSize = payload
        }
        if !options.icmp && options.tcpPorts.isEmpty && args.command.path != ["scan"] {
            throw .usage("--no-icmp needs --tcp PORTS: otherwise there is nothing to probe", args.command)
        }
        return options
    }

    static func parsePorts(_ text: String, _ command: CommandSpec) throws(CLIError) -> [Int] {
        var ports: [Int] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", maxSplits: 1).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let low = bounds.first ?? nil, let high = bounds.count == 2 ? bounds[1] : low,
                  (1...65535).contains(low), (1...65535).contains(high), low <= high, high - low < 65536 else {
                throw .usage("--tcp: \(quotedArgument(String(part))) is not a port or range (1–65535)", command)
            }
            for port in low...high where !ports.contains(port) { ports.append(port) }
        }
        return ports
    }

    /// Enters the namespace (for good), so that sockets and name resolution happen there.
    func enterNamespace() throws(CLIError) {
        guard let namespace else { return }
        do { try NetworkNamespace.enter(named: namespace) } catch {
            throw .environment("cannot enter network namespace \(quotedArgument(namespace)): \(error)" + (currentUserIsRoot ? "" : " (entering a namespace needs root)"))
        }
    }

    /// Opens the engine's sockets, then drops every privilege: nothing after this line can use them.
    func openEngine(console: inout Console) throws(CLIError) -> ProbeEngineGroup {
        let engine: ProbeEngineGroup
        let count = workers ?? ProbeEngineGroup.defaultWorkerCount(for: options, processors: availableProcessorCount)
        do { engine = try ProbeEngineGroup(options: options, workers: count) } catch { throw .environment(error.message) }
        if currentUserIsRoot {
            do {
                _ = try Privileges.dropAll(environment: ProcessInfo.processInfo.environment)
            } catch {
                throw .environment("cannot drop privileges after opening sockets: \(error)")
            }
        }
        for notice in engine.notices { console.error("v6ready: \(notice)") }
        if options.icmp, engine.icmpMode == .unavailable, options.tcpPorts.isEmpty {
            throw .environment("nothing can be probed: ICMP is unavailable and no --tcp ports were given")
        }
        return engine
    }

    /// Runs the engine over `targets`, drawing a progress line on a terminal.
    func run<T: IteratorProtocol<ProbeTarget>>(_ engine: ProbeEngineGroup, targets: inout T, total: Int?, console: inout Console,
                                               emit: (ProbeResult) -> Void) -> ProbeRunSummary {
        let showProgress = console.stderrIsTerminal
        var drawn = false
        var progressConsole = console
        let summary = engine.run(targets: &targets, progress: showProgress ? { p in
            let totalText = total.map { " of \($0) targets" } ?? ""
            progressConsole.errorRaw("\r\u{1B}[K  \(p.results) results\(totalText), \(p.reachable) reachable, \(p.inFlight) in flight, \(p.packetsSent) probes sent")
            drawn = true
        } : nil, emit: emit)
        if drawn { console.errorRaw("\r\u{1B}[K") }
        return summary
    }

    /// The one-line summary printed on stderr at the end of a run.
    static func describe(_ summary: ProbeRunSummary) -> String {
        let order: [ProbeStatus] = [.reachable, .refused, .unreachable, .timeout, .error]
        let parts = order.compactMap { s in summary.statuses[s].map { "\($0) \(s.rawValue)" } }
        let rate = summary.durationSeconds > 0 ? Double(summary.packetsSent) / summary.durationSeconds : 0
        var text = "\(summary.results) results: \(parts.joined(separator: ", ")) — \(summary.packetsSent) probes in \(String(format: "%.2f", summary.durationSeconds)) s (\(Int(rate)) probes/s)"
        if summary.drops.total > 0 {
            let reasons = MatchDropReason.allCases.filter { summary.drops[$0] > 0 }.map { "\(summary.drops[$0]) \($0.label)" }
            text += "; \(summary.drops.total) stray packets ignored (\(reasons.joined(separator: ", ")))"
        }
        return text
    }
}
