import Testing
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
