import V6Core
import V6Probe
import V6System

/// Which vantage a run probes from: `--vantage` when given, else detected — a `--netns` namespace with no IPv4
/// route (read inside it, after entering) is IPv6-only, and the run says so on stderr.
enum VantageResolution {
    static func resolve(given: ScanVantage?, namespace: String?, console: Console) -> ScanVantage {
        if let given { return given }
        guard let namespace else { return .dualStack }
        // thread-self: the namespace this thread entered (/proc/self/net follows the main thread).
        guard let bytes = try? FileSystem.readFile("/proc/thread-self/net/route") else { return .dualStack }
        let vantage = VantageDetection.vantage(procNetRoute: String(decoding: bytes, as: UTF8.self))
        if vantage == .ipv6Only {
            console.error("v6ready: network namespace \(quotedArgument(namespace)) has no IPv4 route: probing as an IPv6-only vantage (nothing is sent over IPv4; --vantage dual-stack overrides)")
        }
        return vantage
    }

    /// After the engine ran over `IPv6OnlyTargets`: the held-back IPv4 targets' `error` lines, counted in the
    /// summary and emitted in order.
    static func emitRefused(_ refused: [ProbeTarget], options: ProbeOptions, into summary: inout ProbeRunSummary,
                            emit: (ProbeResult) -> Void) {
        for target in refused {
            for result in target.refusedFromIPv6OnlyVantage(icmp: options.icmp, tcpPorts: options.tcpPorts) {
                summary.results += 1
                summary.statuses[.error, default: 0] += 1
                emit(result)
            }
        }
    }
}
