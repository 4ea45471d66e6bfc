import CV6System
import Glibc

/// Linux capabilities (`capabilities(7)`), as the bit set `/proc/self/status` prints in hex.
public struct CapabilitySet: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// `CAP_DAC_OVERRIDE` (1): ignore file permissions.
    public static let dacOverride = CapabilitySet(rawValue: 1 << 1)
    /// `CAP_SETGID` (6).
    public static let setGroupID = CapabilitySet(rawValue: 1 << 6)
    /// `CAP_SETUID` (7).
    public static let setUserID = CapabilitySet(rawValue: 1 << 7)
    /// `CAP_NET_BIND_SERVICE` (10): bind ports below 1024.
    public static let netBindService = CapabilitySet(rawValue: 1 << 10)
    /// `CAP_NET_ADMIN` (12): configure interfaces, routes, firewalls.
    public static let netAdmin = CapabilitySet(rawValue: 1 << 12)
    /// `CAP_NET_RAW` (13): open raw sockets — what ICMP probing needs.
    public static let netRaw = CapabilitySet(rawValue: 1 << 13)
    /// `CAP_SYS_ADMIN` (21): among much else, `setns` into a network namespace.
    public static let sysAdmin = CapabilitySet(rawValue: 1 << 21)

    /// Hex without leading zeros, e.g. "2000" for `CAP_NET_RAW`, "0" for none.
    public var description: String {
        String(rawValue, radix: 16)
    }

    /// Parses the `CapEff:` line of a `/proc/PID/status` text; nil when it is missing or malformed.
    public static func effective(fromStatus text: String) -> CapabilitySet? {
        for line in text.split(separator: "\n") where line.hasPrefix("CapEff:") {
            let hex = line.dropFirst("CapEff:".count).trimmingPrefix(while: { $0 == " " || $0 == "\t" })
            return UInt64(hex, radix: 16).map(CapabilitySet.init(rawValue:))
        }
        return nil
    }

    /// The effective capabilities read from `statusFile` (`/proc/self/status`: the main thread;
    /// `/proc/thread-self/status`: the calling thread — capabilities are per thread).
    public static func effective(statusFile: String = "/proc/self/status") throws(SystemError) -> CapabilitySet {
        let text = String(decoding: try FileSystem.readFile(statusFile), as: UTF8.self)
        guard let set = effective(fromStatus: text) else {
            throw SystemError("read", path: statusFile, errno: .invalidArgument)
        }
        return set
    }
}

/// Why dropping privileges failed.
public enum PrivilegeDropError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `SUDO_UID` or `SUDO_GID` is not a number.
    case invalidSudoIdentity(variable: String, value: String)
    /// After the drop the thread still has capabilities (or could become root again).
    case stillPrivileged(CapabilitySet)
    /// Another thread, started before the drop, still has capabilities.
    case otherThreadPrivileged(thread: String, CapabilitySet)

    public var description: String {
        switch self {
        case .invalidSudoIdentity(let variable, let value):
            "cannot drop privileges: \(variable)=\(value) is not a user or group id"
        case .stillPrivileged(let set):
            "cannot drop privileges: effective capabilities still \(set) after the drop"
        case .otherThreadPrivileged(let thread, let set):
            "cannot drop privileges: thread \(thread) was started before the drop and still has capabilities \(set)"
        }
    }
}

/// Giving up privileges once the raw sockets are open (as ping and fping do), so a bug in parsing replies
/// or writing reports cannot be turned into root access.
public enum Privileges {
    /// What `dropAll` did.
    public struct DropOutcome: Sendable, Equatable {
        /// The real and effective user id afterwards.
        public var userID: UInt32
        /// The real and effective group id afterwards.
        public var groupID: UInt32
        /// True when the process was started with sudo and now runs as the invoking user.
        public var becameSudoUser: Bool
    }

    /// Drops every capability and, when started through sudo as root, becomes the invoking user
    /// (`SUDO_UID`/`SUDO_GID` in `environment`), so reports are owned by them:
    ///
    /// 1. clears the ambient set (`prctl(PR_CAP_AMBIENT_CLEAR_ALL)`);
    /// 2. with a sudo identity: `prctl(PR_SET_KEEPCAPS, 0)` so the uid switch clears the permitted set,
    ///    `setgroups` to just the user's group, `setgid`, `setuid` (glibc applies these to every thread);
    /// 3. `capset` with all sets empty (for the calling thread: capabilities are per thread, so call this
    ///    before other threads start — the uid switch of step 2 does reach them all);
    /// 4. `prctl(PR_SET_NO_NEW_PRIVS)`, so no later `execve` can grant privileges again;
    /// 5. checks `/proc/thread-self/status` shows no effective capability left, nor any other thread's
    ///    (`/proc/self/task/*/status`: one started earlier would keep its own), and that uid 0 is gone.
    ///
    /// Open sockets keep working: the kernel checks privileges when a raw socket is created, not when it is used.
    @discardableResult
    public static func dropAll(environment: [String: String]) throws -> DropOutcome {
        let sudoIdentity = try sudoIdentity(in: environment)
        // Older kernels (before 4.3) have no ambient set: EINVAL there means there is nothing to clear.
        if case .failure(let error) = valueOrErrno({ cv6_prctl_clear_ambient_capabilities() }),
           error != .invalidArgument {
            throw SystemError("prctl", arguments: "PR_CAP_AMBIENT_CLEAR_ALL", errno: error)
        }
        var becameSudoUser = false
        if let (userID, groupID) = sudoIdentity, geteuid() == 0 {
            _ = try syscall("prctl", arguments: "PR_SET_KEEPCAPS, 0") { cv6_prctl_set_keepcaps(0) }
            var groups = [groupID]
            _ = try syscall("setgroups", arguments: "1, [\(groupID)]") { setgroups(1, &groups) }
            _ = try syscall("setgid", arguments: "\(groupID)") { setgid(groupID) }
            _ = try syscall("setuid", arguments: "\(userID)") { setuid(userID) }
            becameSudoUser = true
        }
        _ = try syscall("capset", arguments: "all sets empty") { cv6_capset_empty() }
        _ = try syscall("prctl", arguments: "PR_SET_NO_NEW_PRIVS, 1") { cv6_prctl_set_no_new_privs() }

        let remaining = try CapabilitySet.effective(statusFile: "/proc/thread-self/status")
        guard remaining.isEmpty else { throw PrivilegeDropError.stillPrivileged(remaining) }
        // Capabilities are per thread: a thread started before this call would still have them.
        if let (thread, set) = try privilegedThreads().first {
            throw PrivilegeDropError.otherThreadPrivileged(thread: thread, set)
        }
        if becameSudoUser {
            // Returning to root must be impossible now.
            guard getuid() != 0, geteuid() != 0, setuid(0) == -1 else {
                throw PrivilegeDropError.stillPrivileged(remaining)
            }
        }
        return DropOutcome(userID: geteuid(), groupID: getegid(), becameSudoUser: becameSudoUser)
    }

    /// Threads of this process (name and id) that still have effective capabilities.
    static func privilegedThreads() throws(SystemError) -> [(String, CapabilitySet)] {
        var found: [(String, CapabilitySet)] = []
        for task in try FileSystem.listDirectory("/proc/self/task") {
            // A thread may end while we look: skip what can no longer be read.
            guard let set = try? CapabilitySet.effective(statusFile: "/proc/self/task/\(task)/status"), !set.isEmpty else { continue }
            let name = (try? FileSystem.readFile("/proc/self/task/\(task)/comm"))
                .flatMap { String(decoding: $0, as: UTF8.self).split(separator: "\n").first.map(String.init) } ?? "?"
            found.append(("\(name) (\(task))", set))
        }
        return found
    }

    /// The invoking user of sudo from `SUDO_UID`/`SUDO_GID`; nil when absent or when it is root itself.
    static func sudoIdentity(in environment: [String: String]) throws -> (userID: uid_t, groupID: gid_t)? {
        guard let userText = environment["SUDO_UID"], let groupText = environment["SUDO_GID"] else { return nil }
        guard let userID = uid_t(userText) else {
            throw PrivilegeDropError.invalidSudoIdentity(variable: "SUDO_UID", value: userText)
        }
        guard let groupID = gid_t(groupText) else {
            throw PrivilegeDropError.invalidSudoIdentity(variable: "SUDO_GID", value: groupText)
        }
        return userID == 0 ? nil : (userID, groupID)
    }
}
