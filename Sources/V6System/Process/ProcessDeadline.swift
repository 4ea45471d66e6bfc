import CV6System

/// Ends the process with a message when a run overruns its deadline, whatever it is blocked on.
///
/// It is an `alarm(2)` and a signal handler, not a timer thread: a thread started before the process drops its
/// privileges would keep its capabilities (they are per thread), and the deadline has to be set before then.
/// The handler only writes the prepared message and calls `_exit`, which is all a signal handler may safely do;
/// files are replaced atomically, so nothing half-written is left behind.
public enum ProcessDeadline {
    /// Arms the deadline: after `seconds`, stderr gets `head + phase + tail` and the process exits with `exitCode`.
    public static func arm(seconds: Int, head: String, tail: String, exitCode: Int32) throws(SystemError) {
        _ = try syscall("sigaction", arguments: "SIGALRM") {
            cv6_deadline_arm(UInt32(clamping: max(1, seconds)), head, tail, exitCode)
        }
    }

    /// What the run is doing now, for the message.
    public static func setPhase(_ phase: String) {
        cv6_deadline_set_phase(phase)
    }

    /// Disarms the deadline: the run finished in time.
    public static func cancel() {
        cv6_deadline_cancel()
    }
}
