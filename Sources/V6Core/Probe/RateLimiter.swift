/// A token bucket: at most `rate` sends per second on average, bursts up to `burst`.
/// Time is passed in (nanoseconds from any monotonic origin), so the logic is testable without a clock.
public struct RateLimiter: Sendable {
    /// Sends per second; nil means unlimited (`--rate max`).
    public let rate: Double?
    public let burst: Double
    private var tokens: Double
    private var last: UInt64?

    public init(rate: Double?, burst: Double? = nil) {
        self.rate = rate
        // A burst of a few milliseconds' worth keeps batching efficient without being impolite.
        self.burst = burst ?? Swift.max(1, (rate ?? 0) / 200)
        self.tokens = self.burst
    }

    /// How many sends are allowed now (and takes them).
    public mutating func take(upTo wanted: Int, now: UInt64) -> Int {
        guard let rate else { return wanted }
        refill(now: now, rate: rate)
        let granted = Swift.min(wanted, Int(tokens))
        tokens -= Double(granted)
        return granted
    }

    /// Returns tokens taken but not used (a batch came out smaller than granted).
    public mutating func refund(_ unused: Int) {
        guard rate != nil, unused > 0 else { return }
        tokens = Swift.min(burst, tokens + Double(unused))
    }

    /// Nanoseconds until one more send is allowed (0 if now).
    public mutating func delayUntilNext(now: UInt64) -> UInt64 {
        guard let rate else { return 0 }
        refill(now: now, rate: rate)
        if tokens >= 1 { return 0 }
        return UInt64(((1 - tokens) / rate) * 1e9) + 1
    }

    private mutating func refill(now: UInt64, rate: Double) {
        if let last, now > last {
            tokens = Swift.min(burst, tokens + Double(now - last) * rate / 1e9)
        }
        last = now
    }
}
