import CV6System
import Glibc

/// A plain POSIX thread that runs one closure and can be joined.
///
/// Why not Dispatch or Foundation's `Thread`: their pool threads may have been created before the process
/// dropped its privileges, and capabilities are per thread. A thread created here, after the drop, inherits the
/// creating thread's (empty) capability sets; and `join` lets the caller wait for exactly this work.
public final class WorkerThread: @unchecked Sendable {
    private var thread: pthread_t
    private var joined = false

    /// Starts `body` on a new thread named `name` (the kernel keeps 15 bytes; `ps -L` shows it).
    public init(name: String, _ body: @escaping @Sendable () -> Void) throws(SystemError) {
        final class Start {
            let name: String
            let body: @Sendable () -> Void
            init(name: String, body: @escaping @Sendable () -> Void) { self.name = name; self.body = body }
        }
        let start = Unmanaged.passRetained(Start(name: name, body: body))
        var created = pthread_t()
        let result = pthread_create(&created, nil, { argument in
            let start = Unmanaged<Start>.fromOpaque(argument!).takeRetainedValue()
            _ = cv6_set_thread_name(start.name)
            start.body()
            return nil
        }, start.toOpaque())
        guard result == 0 else {
            start.release()
            throw SystemError("pthread_create", arguments: name, errno: Errno(rawValue: result))
        }
        thread = created
    }

    /// Waits for the body to return. Call once.
    public func join() {
        guard !joined else { return }
        joined = true
        pthread_join(thread, nil)
    }

    deinit {
        if !joined { pthread_detach(thread) }
    }
}

/// The number of processors this process may run on (`sched_getaffinity`), at least 1.
public var availableProcessorCount: Int {
    let count = cv6_available_processors()
    return count > 0 ? Int(count) : max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
