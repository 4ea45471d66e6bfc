/// The packets a delayed lab link holds back, each released once its delay has passed — in arrival order, so
/// jitter varies the delay without reordering a stream. Pure: time comes in as monotonic nanoseconds, so the
/// tests drive it without a clock or a network.
struct LabDelayQueue {
    /// Added delay per packet, in nanoseconds.
    let delay: UInt64
    /// Each packet's delay varies uniformly within ±jitter (nanoseconds), never below zero.
    let jitter: UInt64
    /// Packets held at most; more are dropped, like a full queue on a real link (netem's default limit is 1000).
    let capacity: Int

    private var releaseTimes: [UInt64] = []
    private var packets: [[UInt8]] = []
    private var head = 0
    /// Packets dropped because the queue was full.
    private(set) var dropped = 0

    init(delayMilliseconds: Int, jitterMilliseconds: Int = 0, capacity: Int = 4096) {
        delay = UInt64(max(0, delayMilliseconds)) * 1_000_000
        jitter = UInt64(max(0, min(jitterMilliseconds, delayMilliseconds))) * 1_000_000
        self.capacity = capacity
    }

    /// Packets waiting.
    var count: Int { packets.count - head }

    /// When the oldest waiting packet is due, or nil when none waits.
    var nextRelease: UInt64? { head < releaseTimes.count ? releaseTimes[head] : nil }

    /// Holds `packet`, received at `now`; false when the queue was full and the packet was dropped.
    @discardableResult
    mutating func enqueue<Generator: RandomNumberGenerator>(_ packet: [UInt8], now: UInt64,
                                                            using generator: inout Generator) -> Bool {
        guard count < capacity else {
            dropped += 1
            return false
        }
        var release = now + delay
        if jitter > 0 {
            // Scale one random word onto 0...2·jitter (no rejection loop: the bias is below 2⁻⁴⁰ here).
            let offset = generator.next().multipliedFullWidth(by: 2 * jitter + 1).high
            release = release + offset - jitter  // delay ≥ jitter, so never before `now`
        }
        // Never before the packet ahead of it: the link keeps order.
        if let last = releaseTimes.last, head < releaseTimes.count { release = max(release, last) }
        releaseTimes.append(release)
        packets.append(packet)
        return true
    }

    /// Removes and returns, oldest first, every packet due at `now`.
    mutating func releaseDue(now: UInt64) -> [[UInt8]] {
        var due: [[UInt8]] = []
        while head < releaseTimes.count, releaseTimes[head] <= now {
            due.append(packets[head])
            packets[head] = []
            head += 1
        }
        if head == releaseTimes.count {
            releaseTimes.removeAll(keepingCapacity: true)
            packets.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024 && head * 2 > releaseTimes.count {
            releaseTimes.removeFirst(head)
            packets.removeFirst(head)
            head = 0
        }
        return due
    }
}
