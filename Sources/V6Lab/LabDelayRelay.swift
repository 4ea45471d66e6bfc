import Synchronization
import V6System

/// Moves packets between the two TUN interfaces of a `LabDelayedLink`, each held back by the link's delay.
///
/// One thread per link waits on both devices with epoll, queues what it reads (`LabDelayQueue`, one per
/// direction) and writes each packet to the other side when it is due. It runs in the process that built the lab,
/// so a lab with delay lives as long as that process; `stop()` ends the thread and closes both devices, which
/// removes the interfaces.
final class LabDelayRelay: Sendable {
    let link: LabDelayedLink
    private let upstream: TunDevice
    private let downstream: TunDevice
    private let stopping = Atomic<Bool>(false)
    private let running = Atomic<Bool>(true)
    private let thread = Mutex<WorkerThread?>(nil)

    /// Creates both interfaces (each inside its namespace) and starts relaying.
    static func start(_ link: LabDelayedLink) throws -> LabDelayRelay {
        let upstream = try TunDevice.create(named: link.upstreamInterface, inNetworkNamespace: link.upstreamNamespace)
        let downstream: TunDevice
        do {
            downstream = try TunDevice.create(named: link.downstreamInterface,
                                              inNetworkNamespace: link.downstreamNamespace)
        } catch {
            try? upstream.close()
            throw error
        }
        let epoll: Epoll
        do {
            epoll = try Epoll()
            try epoll.add(upstream.rawDescriptor, events: .readable, token: 0)
            try epoll.add(downstream.rawDescriptor, events: .readable, token: 1)
        } catch {
            try? upstream.close()
            try? downstream.close()
            throw error
        }
        let relay = LabDelayRelay(link: link, upstream: upstream, downstream: downstream)
        // A plain POSIX thread (named for `ps -L`), joined by `stop()`.
        do {
            let thread = try WorkerThread(name: "v6ready delay") { relay.run(epoll) }
            relay.thread.withLock { $0 = thread }
        } catch {
            try? upstream.close()
            try? downstream.close()
            try? epoll.close()
            throw error
        }
        return relay
    }

    private init(link: LabDelayedLink, upstream: TunDevice, downstream: TunDevice) {
        self.link = link
        self.upstream = upstream
        self.downstream = downstream
    }

    /// False once the relay thread has returned.
    var isRunning: Bool { running.load(ordering: .acquiring) }

    /// Ends the relay thread, waits for it, and closes both devices (the interfaces disappear). Later calls do
    /// nothing.
    func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        thread.withLock { $0 }?.join()
        try? upstream.close()
        try? downstream.close()
    }

    /// The longest the thread sleeps before looking at `stopping` again.
    private static let pollMilliseconds: UInt64 = 20

    private func run(_ epoll: Epoll) {
        defer {
            try? epoll.close()
            running.store(false, ordering: .releasing)
        }
        var towardDownstream = LabDelayQueue(delayMilliseconds: link.delayMilliseconds,
                                             jitterMilliseconds: link.jitterMilliseconds)
        var towardUpstream = towardDownstream
        var generator = SystemRandomNumberGenerator()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 8)
        defer { buffer.deallocate() }

        while !stopping.load(ordering: .acquiring) {
            var now = SystemClock.monotonicNanoseconds()
            let due = [towardDownstream.nextRelease, towardUpstream.nextRelease].compactMap { $0 }.min()
            var wait = Self.pollMilliseconds
            if let due { wait = due > now ? min(wait, (due - now + 999_999) / 1_000_000) : 0 }
            let events = (try? epoll.wait(timeoutMilliseconds: Int32(wait))) ?? []
            now = SystemClock.monotonicNanoseconds()
            for event in events {
                let source = event.token == 0 ? upstream : downstream
                // Drain what is waiting; a bounded number per wake-up so the other direction is not starved.
                for _ in 0..<256 {
                    let length: Int?
                    do { length = try source.readPacket(into: buffer) } catch {
                        // The device is gone (its namespace deleted under us): nothing more will come.
                        return
                    }
                    guard let length, length > 0 else { break }
                    let packet = [UInt8](UnsafeRawBufferPointer(rebasing: buffer[..<length]))
                    // A full queue drops the packet, as a congested link would.
                    if event.token == 0 {
                        towardDownstream.enqueue(packet, now: now, using: &generator)
                    } else {
                        towardUpstream.enqueue(packet, now: now, using: &generator)
                    }
                }
            }
            now = SystemClock.monotonicNanoseconds()
            deliver(towardDownstream.releaseDue(now: now), to: downstream)
            deliver(towardUpstream.releaseDue(now: now), to: upstream)
        }
    }

    private func deliver(_ packets: [[UInt8]], to device: TunDevice) {
        for packet in packets {
            // A full device queue (or a vanished device) loses the packet, as a congested link would.
            _ = packet.withUnsafeBytes { bytes in try? device.writePacket(bytes) }
        }
    }
}
