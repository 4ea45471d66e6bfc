/// When a probe gives up on an attempt and how long the next one waits: fping's timeout with backoff.
public struct RetryPolicy: Sendable, Equatable {
    /// Time to wait for the first answer, in nanoseconds.
    public var timeout: UInt64
    /// Extra attempts after the first.
    public var retries: Int
    /// Each retry waits this many times longer than the one before (fping's -B, default 1.5).
    public var backoff: Double

    public init(timeoutMilliseconds: Int, retries: Int, backoff: Double = 1.5) {
        self.timeout = UInt64(timeoutMilliseconds) * 1_000_000
        self.retries = retries
        self.backoff = backoff
    }

    /// The wait for attempt `n` (0 = first).
    public func timeout(forAttempt n: Int) -> UInt64 {
        var t = Double(timeout)
        for _ in 0..<n { t *= backoff }
        return UInt64(t)
    }

    /// The longest a probe can take from its first send to its final verdict.
    public var worstCase: UInt64 { (0...retries).reduce(0) { $0 + timeout(forAttempt: $1) } }
}
