import Foundation
import V6Core
import V6Probe
import V6System

/// One probing run as every probing command does it: enter the namespace (for good, so sockets and name
/// resolution happen there), open the engine's sockets, drop every privilege, run with a progress line, summarise.
struct ProbeSession {
    var options: ProbeOptions
    var namespace: String?
    /// Parallel engines; nil: `ProbeEngineGroup.defaultWorkerCount` for this machine.
    var workers: Int?

    init(options: ProbeOptions = ProbeOptions(), namespace: String?, workers: Int? = nil) {
        self.options = options
        self.namespace = namespace
        self.workers = workers
    }

    /// Enters the namespace, if one was named.
    func enterNamespace() throws(CLIError) {
        guard let namespace else { return }
        if let why = NamespaceNameRules.problem(with: namespace) { throw .argument("--netns: \(why)") }
        do { try NetworkNamespace.enter(named: namespace) } catch {
            throw .environment("cannot enter network namespace \(quotedArgument(namespace)): \(error)" + (currentUserIsRoot ? "" : " (entering a namespace needs root)"))
        }
    }

    /// Drops every privilege (all capabilities, whatever the euid; under sudo or `--user` the user ids) once the
    /// sockets are open: nothing after this can use them (`PrivilegeModel`).
    static func dropPrivileges(console: Console) throws(CLIError) {
        try PrivilegeModel.dropAfterOpeningSockets(console: console)
    }

    /// Opens the engine's sockets, then drops every privilege.
    func openEngine(console: Console) throws(CLIError) -> ProbeEngineGroup {
        let engine: ProbeEngineGroup
        let count = workers ?? ProbeEngineGroup.defaultWorkerCount(for: options, processors: availableProcessorCount)
        do { engine = try ProbeEngineGroup(options: options, workers: count) } catch { throw .environment(error.message) }
        try Self.dropPrivileges(console: console)
        for notice in engine.notices { console.error("v6ready: \(notice)") }
        if options.icmp, engine.icmpMode == .unavailable, options.tcpPorts.isEmpty {
            throw .environment("nothing can be probed: ICMP is unavailable and no --tcp ports were given")
        }
        return engine
    }

    /// Runs the engine over `targets`, drawing a progress line when stderr is a terminal.
    func run<T: IteratorProtocol<ProbeTarget>>(_ engine: ProbeEngineGroup, targets: inout T, total: Int?, console: Console,
                                               emit: (ProbeResult) -> Void) -> ProbeRunSummary {
        var drawn = false
        let summary = engine.run(targets: &targets, progress: console.stderrIsTerminal ? { p in
            let totalText = total.map { " of \($0) targets" } ?? ""
            console.progress("  \(p.results) results\(totalText), \(p.reachable) reachable, \(p.inFlight) in flight, \(p.packetsSent) probes sent")
            drawn = true
        } : nil, emit: emit)
        if drawn { console.clearProgress() }
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
