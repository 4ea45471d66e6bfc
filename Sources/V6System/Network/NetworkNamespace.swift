import CV6System
import Glibc

/// Network namespaces made by `ip netns add NAME` (bind-mounted at `/run/netns/NAME`).
///
/// `setns(2)` moves only the calling thread, and a socket stays in the namespace it was created in. So the
/// way to probe inside a namespace is `withNetworkNamespace(named:)`: create the sockets in the closure
/// (synchronous, so it cannot hop threads), and use them anywhere afterwards.
public enum NetworkNamespace {
    /// Where `ip netns` keeps namespace `name`.
    public static func path(named name: String) -> String {
        "/run/netns/" + name
    }

    /// Runs `body` with the calling thread inside namespace `name`, then moves it back. Needs
    /// `CAP_SYS_ADMIN`. If moving back fails the thread would send from the wrong namespace, so that
    /// stops the program.
    public static func withNetworkNamespace<Result>(
        named name: String,
        _ body: () throws -> Result
    ) throws -> Result {
        let original = try FileDescriptor.open("/proc/thread-self/ns/net", .readOnly)
        defer { try? original.close() }
        try enter(named: name)
        defer {
            switch valueOrErrno({ cv6_setns_network(original.rawValue) }) {
            case .success:
                break
            case .failure(let error):
                fatalError("setns(/proc/thread-self/ns/net): \(error) — cannot return from network namespace \(name)")
            }
        }
        return try body()
    }

    /// Moves the calling thread into namespace `name` for good (`setns(2)` with `CLONE_NEWNET`).
    public static func enter(named name: String) throws(SystemError) {
        let path = path(named: name)
        let target = try FileDescriptor.open(path, .readOnly)
        defer { try? target.close() }
        _ = try syscall("setns", path: path) { cv6_setns_network(target.rawValue) }
    }

    /// The inode number that identifies the calling thread's network namespace (as in `net:[4026531840]`).
    public static func currentIdentifier() throws(SystemError) -> UInt64 {
        try identifier(ofFile: "/proc/thread-self/ns/net")
    }

    /// The inode number that identifies namespace `name`.
    public static func identifier(named name: String) throws(SystemError) -> UInt64 {
        try identifier(ofFile: path(named: name))
    }

    private static func identifier(ofFile path: String) throws(SystemError) -> UInt64 {
        var status = stat()
        _ = try syscall("stat", path: path) { stat(path, &status) }
        return UInt64(status.st_ino)
    }
}
