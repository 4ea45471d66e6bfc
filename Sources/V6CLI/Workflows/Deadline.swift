import V6System

/// Ends the process with exit 3 and a message when a run takes longer than its deadline, whatever it is doing
/// (a scan, a stuck file system). Cancelled when the command returns. Built on `ProcessDeadline` (a signal, no
/// thread), so nothing started here outlives the privilege drop of `--scan-now` with its capabilities.
struct Deadline {
    init(seconds: Int) throws(CLIError) {
        do {
            try ProcessDeadline.arm(
                seconds: seconds, head: "v6ready: the deadline of \(seconds) s passed while ",
                tail: "; stopped (exit 3). Nothing half-written is left: files are replaced atomically.\n",
                exitCode: ExitCode.environment.rawValue)
        } catch {
            throw .environment("cannot set the --deadline: \(error)")
        }
        phase("starting")
    }

    /// What the run is doing now, for the message if the deadline passes.
    func phase(_ text: String) { ProcessDeadline.setPhase(text) }
    func cancel() { ProcessDeadline.cancel() }
}
