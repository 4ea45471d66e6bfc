import Synchronization
import V6Core
import V6System

/// Several `ProbeEngine`s sharing one run, one per processor, when one thread cannot keep up.
///
/// At full speed most of a probe's cost is kernel work done on the sending thread (building the packet,
/// routing, the veth hop and, in a lab, the echo reply itself), so one thread saturates one core. Each worker
/// here is a whole engine — its own sockets, ICMP identifier and cookie, sequence map, a share of the rate and
/// of the in-flight limit — so workers share nothing on the hot path; the kernel filter on each raw socket
/// (`ICMPIdentifierFilter`) keeps every worker's replies away from the others. What they share is taken under
/// a lock: the target stream (in chunks), the result sink (one `emit` at a time, so output lines never
/// interleave) and the progress line.
///
/// Worker 0 runs on the calling thread; the others on threads started by `run`, after privileges were dropped,
/// so they inherit the dropped credentials.
public final class ProbeEngineGroup {
    public let options: ProbeOptions
    /// The engines; the first also serves single-packet jobs such as link discovery.
    public let engines: [ProbeEngine]

    /// How many workers a run should have: one unless it is meant to be fast (`--rate max`, or a rate one
    /// thread would struggle with) and ICMP is on, then one per processor, at most four.
    public static func defaultWorkerCount(for options: ProbeOptions, processors: Int) -> Int {
        guard options.icmp, options.rate.map({ $0 >= 20_000 }) ?? true else { return 1 }
        return max(1, min(processors, 4))
    }

    /// Opens `workers` engines. Each gets `1/workers` of the rate and of the connect limit (descriptors are the
    /// process's), and the whole echo in-flight limit: each has its own identifier and sequence space, and silent
    /// targets waiting out their timeouts must not hold back the answering ones behind them.
    public init(options: ProbeOptions, workers: Int) throws(ProbeEngineError) {
        self.options = options
        let count = max(1, workers)
        var share = options
        if count > 1 {
            share.rate = options.rate.map { $0 / Double(count) }
            // The descriptor limit is the process's, so the workers split it too (a few kept for their sockets).
            let descriptorRoom = max(64, DescriptorLimit.raiseToMaximum() - 64 - 8 * count)
            share.maxConnectsInFlight = max(1, min(options.maxConnectsInFlight, descriptorRoom) / count)
        }
        var engines: [ProbeEngine] = []
        var identifiers: Set<UInt16> = []
        for _ in 0..<count {
            let engine = try ProbeEngine(options: share, avoiding: identifiers)
            identifiers.insert(engine.probeIdentifier)
            engines.append(engine)
        }
        self.engines = engines
    }

    public var primary: ProbeEngine { engines[0] }
    public var icmpMode: ICMPMode { primary.icmpMode }
    public var notices: [String] { primary.notices }

    /// Probes every target across the workers; `emit` is called for each result, never from two threads at
    /// once; `progress` about ten times a second with the sums over all workers.
    public func run<Targets: IteratorProtocol<ProbeTarget>>(
        targets: inout Targets, progress: ((ProbeProgress) -> Void)? = nil, emit: (ProbeResult) -> Void
    ) -> ProbeRunSummary {
        if engines.count == 1 { return primary.run(targets: &targets, progress: progress, emit: emit) }
        return withoutActuallyEscaping(emit) { emit in
            let shared = SharedRun(targets: targets, workers: engines.count, emit: emit, progress: progress)
            defer { targets = shared.takeTargets() }
            var threads: [WorkerThread] = []
            for index in 1..<engines.count {
                let worker = UncheckedBox((engines[index], shared as any ProbeWorkerHost, index))
                do {
                    threads.append(try WorkerThread(name: "v6ready probe \(index)") {
                        let (engine, shared, index) = worker.value
                        shared.runWorker(engine, index: index)
                    })
                } catch {
                    // No thread (the system is out of them): the others do this worker's targets, at their
                    // share of the rate, so the run is slower but complete.
                    shared.finish(index, ProbeRunSummary())
                }
            }
            shared.runWorker(primary, index: 0)
            for thread in threads { thread.join() }
            return shared.mergedSummary(icmpMode: icmpMode)
        }
    }
}

/// A value carried to another thread whose safety the code around it guarantees (here: the group joins
/// every thread before the values it shares go away).
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// The part of a shared run a worker thread needs, without the target type.
private protocol ProbeWorkerHost: AnyObject, Sendable {
    func runWorker(_ engine: ProbeEngine, index: Int)
}

/// What the workers of one run share, each part behind its own lock.
private final class SharedRun<Targets: IteratorProtocol<ProbeTarget>>: ProbeWorkerHost, @unchecked Sendable {
    /// Targets handed to a worker at a time: enough to make the lock rare, few enough to share the tail.
    static var chunkSize: Int { 64 }

    /// The target stream, guarded by `sourceLock`.
    private var targets: Targets
    private var exhausted = false
    private let sourceLock = Mutex<Void>(())
    private let sink: Mutex<Void>
    private let emitResult: (ProbeResult) -> Void
    private let reportProgress: ((ProbeProgress) -> Void)?
    private let progressState: Mutex<(latest: [ProbeProgress?], lastReport: UInt64)>
    private let summaries: Mutex<[ProbeRunSummary?]>

    init(targets: Targets, workers: Int, emit: @escaping (ProbeResult) -> Void,
         progress: ((ProbeProgress) -> Void)?) {
        self.targets = targets
        sink = Mutex(())
        emitResult = emit
        reportProgress = progress
        progressState = Mutex((Array(repeating: nil, count: workers), 0))
        summaries = Mutex(Array(repeating: nil, count: workers))
    }

    /// The iterator back, advanced past everything handed out.
    func takeTargets() -> Targets { sourceLock.withLock { _ in targets } }

    func runWorker(_ engine: ProbeEngine, index: Int) {
        var targets = ChunkedTargets(shared: self)
        let summary = engine.run(
            targets: &targets,
            progress: reportProgress == nil ? nil : { [self] in self.noteProgress($0, worker: index) },
            emit: { [self] result in sink.withLock { _ in emitResult(result) } })
        finish(index, summary)
    }

    func finish(_ index: Int, _ summary: ProbeRunSummary) {
        summaries.withLock { $0[index] = summary }
    }

    /// Up to `chunkSize` more targets; empty when there are no more.
    func nextChunk() -> [ProbeTarget] {
        sourceLock.withLock { _ in
            var chunk: [ProbeTarget] = []
            while !exhausted, chunk.count < Self.chunkSize {
                guard let target = targets.next() else { exhausted = true; break }
                chunk.append(target)
            }
            return chunk
        }
    }

    private func noteProgress(_ progress: ProbeProgress, worker: Int) {
        let combined: ProbeProgress? = progressState.withLock { state in
            state.latest[worker] = progress
            guard progress.elapsedNanoseconds >= state.lastReport + 100_000_000 else { return nil }
            state.lastReport = progress.elapsedNanoseconds
            let all = state.latest.compactMap { $0 }
            return ProbeProgress(results: all.reduce(0) { $0 + $1.results }, reachable: all.reduce(0) { $0 + $1.reachable },
                                 inFlight: all.reduce(0) { $0 + $1.inFlight }, packetsSent: all.reduce(0) { $0 + $1.packetsSent },
                                 elapsedNanoseconds: progress.elapsedNanoseconds)
        }
        // Drawn under the sink's lock, so a progress line never lands in the middle of a result line.
        if let combined, let reportProgress { sink.withLock { _ in reportProgress(combined) } }
    }

    func mergedSummary(icmpMode: ICMPMode) -> ProbeRunSummary {
        summaries.withLock { summaries in
            var merged = ProbeRunSummary()
            merged.icmpMode = icmpMode
            for summary in summaries.compactMap({ $0 }) {
                merged.results += summary.results
                for (status, count) in summary.statuses { merged.statuses[status, default: 0] += count }
                merged.packetsSent += summary.packetsSent
                merged.durationNanoseconds = max(merged.durationNanoseconds, summary.durationNanoseconds)
                merged.drops = merged.drops + summary.drops
            }
            return merged
        }
    }
}

/// One worker's view of the shared target stream: a chunk at a time.
private struct ChunkedTargets<Targets: IteratorProtocol<ProbeTarget>>: IteratorProtocol {
    let shared: SharedRun<Targets>
    var buffer: [ProbeTarget] = []
    var position = 0

    init(shared: SharedRun<Targets>) { self.shared = shared }

    mutating func next() -> ProbeTarget? {
        if position == buffer.count {
            buffer = shared.nextChunk()
            position = 0
            if buffer.isEmpty { return nil }
        }
        defer { position += 1 }
        return buffer[position]
    }
}
