import Testing
import V6Core
@testable import V6CLI
import V6Probe

@Suite("Probe workers: how many engines a run gets by default")
struct ProbeWorkerCountTests {
    func options(rate: Double?, icmp: Bool = true) -> ProbeOptions {
        var options = ProbeOptions()
        options.rate = rate
        options.icmp = icmp
        return options
    }

    @Test("a polite rate needs one thread; --rate max or a high rate gets one per core, at most four")
    func defaults() {
        #expect(ProbeEngineGroup.defaultWorkerCount(for: options(rate: 1000), processors: 8) == 1)
        #expect(ProbeEngineGroup.defaultWorkerCount(for: options(rate: 19_999), processors: 8) == 1)
        #expect(ProbeEngineGroup.defaultWorkerCount(for: options(rate: 50_000), processors: 2) == 2)
        #expect(ProbeEngineGroup.defaultWorkerCount(for: options(rate: nil), processors: 2) == 2)
        #expect(ProbeEngineGroup.defaultWorkerCount(for: options(rate: nil), processors: 64) == 4)
        #expect(ProbeEngineGroup.defaultWorkerCount(for: options(rate: nil), processors: 1) == 1)
    }

    @Test("TCP-only runs stay on one thread: connects are bounded by descriptors, not by one core")
    func tcpOnly() {
        #expect(ProbeEngineGroup.defaultWorkerCount(for: options(rate: nil, icmp: false), processors: 8) == 1)
    }
}

@Suite("Probe summary line")
struct ProbeSummaryLineTests {
    @Test("stray packets are counted with their reasons, so a user can tell a parallel prober from late replies")
    func strayReasons() {
        var summary = ProbeRunSummary()
        summary.results = 3
        summary.statuses = [.reachable: 2, .timeout: 1]
        summary.packetsSent = 5
        summary.durationNanoseconds = 500_000_000
        summary.drops.foreignIdentifier = 4
        summary.drops.late = 1
        let line = ProbeSession.describe(summary)
        #expect(line.hasPrefix("3 results: 2 reachable, 1 timeout — 5 probes in 0.50 s (10 probes/s)"))
        #expect(line.hasSuffix("; 5 stray packets ignored (4 another prober's, 1 after the timeout)"))
        summary.drops = DropCounters()
        #expect(!ProbeSession.describe(summary).contains("stray"))
    }
}
