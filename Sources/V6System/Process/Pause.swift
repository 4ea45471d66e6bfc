import Glibc

/// Sleeping the calling thread briefly (`nanosleep(2)`), e.g. while a full socket buffer drains.
public enum Pause {
    /// Sleeps about `nanoseconds`; an interruption by a signal just ends the pause early.
    public static func sleep(nanoseconds: UInt64) {
        var request = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        _ = nanosleep(&request, nil)
    }
}
