import Glibc

/// The clocks a probe engine times with (`clock_gettime(2)`).
public enum SystemClock {
    /// Nanoseconds on `CLOCK_MONOTONIC`: never jumps, so timeouts and rates stay right when the wall clock
    /// is set. Its zero is arbitrary (boot); use it only for differences.
    public static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Nanoseconds since the epoch on `CLOCK_REALTIME`: the clock kernel receive timestamps
    /// (`SO_TIMESTAMPNS`) use, so a round trip measured against one needs a send time from this clock.
    public static func realtimeNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
