import Foundation
import Synchronization
import V6Core

/// PMTU echoes on a thread of their own, so their waits for silence overlap the TCP checks instead of adding to them.
/// The prober's sockets were opened where they must live (inside `--netns`); a socket keeps its namespace whatever
/// thread uses it, and nothing else touches the prober until `wait()` returns.
final class PMTUJob: @unchecked Sendable {
    // @unchecked: `prober` is used by the job's thread only, until `done` is signalled; `result` is behind a mutex.
    private let prober: PMTUProber
    private let addresses: [IPAddress]
    private let result = Mutex<[PMTUObservation]?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(prober: PMTUProber, addresses: [IPAddress]) {
        self.prober = prober
        self.addresses = addresses
        let thread = Thread { [self] in
            let observed = self.prober.observe(self.addresses)
            result.withLock { $0 = observed }
            done.signal()
        }
        thread.start()
    }

    /// The observations, once every echo has been answered or given up on.
    func wait() -> [PMTUObservation] {
        done.wait()
        return result.withLock { $0 } ?? []
    }
}
