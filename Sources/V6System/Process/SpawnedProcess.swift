import Glibc

/// A child process started with `posix_spawn(3)` and reaped with `waitpid(2)`: for long-running lab daemons that close
/// every inherited descriptor (radvd, dnsmasq), which Foundation's `Process` mistakes for an exit and then blocks
/// waiting for. Standard input is /dev/null, standard output and error go to a log file; the argument vector is
/// handed over as it is (no shell).
public final class SpawnedProcess: @unchecked Sendable {
    // @unchecked: `exitStatus` is only set by the owner's calls (isRunning, terminate), never concurrently.
    public let processIdentifier: Int32
    private var exitStatus: Int32?

    private init(processIdentifier: Int32) { self.processIdentifier = processIdentifier }

    deinit { terminate(graceSeconds: 1) }

    /// Starts `path` with `arguments` (not including the program name) and `environment`, output appended to `log`.
    public static func spawn(path: String, arguments: [String], environment: [String: String],
                             log: String) throws(SystemError) -> SpawnedProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard result == 0 else { throw SystemError("posix_spawn", path: path, errno: Errno(rawValue: result)) }
        return SpawnedProcess(processIdentifier: pid)
    }

    /// True until the child has exited (checked with `waitpid(WNOHANG)`, which also reaps it).
    public var isRunning: Bool {
        if exitStatus != nil { return false }
        var status: Int32 = 0
        let result = waitpid(processIdentifier, &status, WNOHANG)
        if result == processIdentifier || (result == -1 && Errno.current == .noChildProcess) {
            exitStatus = status
            return false
        }
        return true
    }

    /// SIGTERM, then SIGKILL after `graceSeconds`, then reaps the child. Safe to call twice.
    public func terminate(graceSeconds: Double = 3) {
        guard isRunning else { return }
        kill(processIdentifier, SIGTERM)
        var waited = 0.0
        while isRunning && waited < graceSeconds {
            usleep(10_000)
            waited += 0.01
        }
        if isRunning {
            kill(processIdentifier, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(processIdentifier, &status, 0)
            exitStatus = status
        }
    }
}
