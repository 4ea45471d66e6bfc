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
        field("CapEff:", fromStatus: text)
    }

    /// Parses the `CapPrm:` line (what the thread may still make effective) of a `/proc/PID/status` text.
    public static func permitted(fromStatus text: String) -> CapabilitySet? {
        field("CapPrm:", fromStatus: text)
    }

    private static func field(_ label: String, fromStatus text: String) -> CapabilitySet? {
        for line in text.split(separator: "\n") where line.hasPrefix(label) {
            let hex = line.dropFirst(label.count).trimmingPrefix(while: { $0 == " " || $0 == "\t" })
            return UInt64(hex, radix: 16).map(CapabilitySet.init(rawValue:))
        }
        return nil
    }

    /// The calling thread's effective and permitted sets together (`capget(2)`): empty means this thread can
    /// use no capability now and cannot regain one.
    public static func heldByThisThread() throws(SystemError) -> CapabilitySet {
        var effective: UInt64 = 0, permitted: UInt64 = 0
        _ = try syscall("capget", arguments: "0") { cv6_capget(&effective, &permitted) }
        return CapabilitySet(rawValue: effective | permitted)
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
    /// `--user NAME` names no user of this system.
    case unknownUser(String)
    /// `--user NAME` was given to a process that is not root: it cannot switch users.
    case userSwitchNeedsRoot(String)
    /// After the drop the thread still has capabilities (or could become root again).
    case stillPrivileged(CapabilitySet)
    /// Another thread, started before the drop, still has capabilities.
    case otherThreadPrivileged(thread: String, CapabilitySet)
    /// After switching, the real, effective or saved ids (or the groups) are not the user's.
    case identityNotTaken(expected: String, found: String)

    public var description: String {
        switch self {
        case .invalidSudoIdentity(let variable, let value):
            "cannot drop privileges: \(variable)=\(value) is not a user or group id"
        case .unknownUser(let name):
            "--user \(name): no such user on this system"
        case .userSwitchNeedsRoot(let name):
            "--user \(name) needs root (it switches to that user once the sockets are open); run without it"
        case .stillPrivileged(let set):
            "cannot drop privileges: capabilities still \(set) after the drop"
        case .otherThreadPrivileged(let thread, let set):
            "cannot drop privileges: thread \(thread) was started before the drop and still has capabilities \(set)"
        case .identityNotTaken(let expected, let found):
            "cannot drop privileges: expected to run as \(expected), found \(found)"
        }
    }
}

/// Giving up privileges (as ping and fping do), so a bug in parsing replies or writing reports cannot be turned
/// into root access, and files a user names are opened with that user's rights, never root's.
///
/// The model (README "Privilege model"): a run that holds privileges works for one user — sudo's invoking user
/// (`SUDO_UID`/`SUDO_GID`), or for plain root the user named by `--user NAME`. Until the raw sockets are open it
/// touches files only as that user (`accessFiles(as:)`); once they are, `dropAll(becoming:)` makes it that user
/// for good and empties every capability set, whatever the euid (file capabilities, ambient ones).
public enum Privileges {
    /// What `dropAll` did.
    public struct DropOutcome: Sendable, Equatable {
        /// The real, effective and saved user id afterwards.
        public var userID: UInt32
        /// The real, effective and saved group id afterwards.
        public var groupID: UInt32
        /// True when the process switched to another user (sudo's invoking user or `--user`).
        public var becameSudoUser: Bool
    }

    /// Whether this process holds any capability, effective or permitted: root, a `setcap` binary, ambient
    /// capabilities from systemd. Such a process must drop them once its sockets are open.
    public static var holdsCapabilities: Bool {
        (try? CapabilitySet.heldByThisThread().isEmpty == false) ?? (geteuid() == 0)
    }

    /// The user this run works for: `requested` (`--user NAME`, root only), else sudo's invoking user when
    /// started as root through sudo; nil when there is none (an ordinary user, a setcap binary, plain root).
    public static func intendedUser(environment: [String: String], requested: String? = nil) throws -> UserIdentity? {
        if let requested {
            guard let user = UserIdentity.named(requested) else { throw PrivilegeDropError.unknownUser(requested) }
            guard geteuid() == 0 else {
                if user.userID == getuid() { return nil }  // Already that user: nothing to switch.
                throw PrivilegeDropError.userSwitchNeedsRoot(requested)
            }
            return user
        }
        guard geteuid() == 0, let (userID, groupID) = try sudoIdentity(in: environment) else { return nil }
        return UserIdentity.withIDs(userID: userID, groupID: groupID)
    }

    /// From now on the calling thread opens, creates and reads files as `user` (`setgroups(2)` to the user's
    /// groups, `setfsgid(2)`, `setfsuid(2)`): new files and folders are theirs, and a path they could not
    /// write is refused. The effective ids stay root, so CAP_NET_RAW and CAP_SYS_ADMIN still work for the raw
    /// sockets and the namespace; the kernel clears the file capabilities (CAP_DAC_OVERRIDE, CAP_CHOWN, …).
    /// Call it on the main thread before other threads start (the file ids are per thread).
    public static func accessFiles(as user: UserIdentity) throws {
        var groups = user.groups
        _ = try syscall("setgroups", arguments: "\(groups.count), \(groups)") { setgroups(groups.count, &groups) }
        _ = cv6_setfsgid(user.groupID)
        _ = cv6_setfsuid(user.userID)
        // Both calls return the previous id and report no error: an invalid id (-1) reads the current one back.
        let fileUser = UInt32(bitPattern: cv6_setfsuid(UInt32.max)), fileGroup = UInt32(bitPattern: cv6_setfsgid(UInt32.max))
        guard fileUser == user.userID, fileGroup == user.groupID else {
            throw PrivilegeDropError.identityNotTaken(expected: "files as \(user)", found: "uid \(fileUser), gid \(fileGroup)")
        }
    }

    /// Drops every privilege for good (compatibility entry: the user from `environment`'s sudo identity).
    @discardableResult
    public static func dropAll(environment: [String: String]) throws -> DropOutcome {
        try dropAll(becoming: intendedUser(environment: environment))
    }

    /// Drops every privilege for good and, with `user`, becomes that user:
    ///
    /// 1. clears the ambient set (`prctl(PR_CAP_AMBIENT_CLEAR_ALL)`) and, when allowed (CAP_SETPCAP: root), the
    ///    bounding set (`PR_CAPBSET_DROP`), so not even an `execve` of a setuid-root program can give any back;
    /// 2. with a user: `prctl(PR_SET_KEEPCAPS, 0)`, `setgroups` to the user's groups, `setresgid` and
    ///    `setresuid` (real, effective and saved; glibc applies these to every thread);
    /// 3. `capset` with all sets empty — for the calling thread only, so call this before other threads start
    ///    (a setcap binary or plain root keeps its uid, and only capset removes its capabilities);
    /// 4. `prctl(PR_SET_NO_NEW_PRIVS)`, so no later `execve` can grant privileges again;
    /// 5. verifies: no effective or permitted capability on this thread (`capget`) nor on any other
    ///    (`/proc/self/task/*/status`), the three user and group ids are the user's, and `setresuid(0)` fails.
    ///
    /// Without a user, plain root keeps uid 0 with no capability at all (the caller says so on stderr).
    /// Open sockets keep working: the kernel checks privileges when a raw socket is created, not when it is used.
    @discardableResult
    public static func dropAll(becoming user: UserIdentity?) throws -> DropOutcome {
        // Older kernels (before 4.3) have no ambient set: EINVAL there means there is nothing to clear.
        if case .failure(let error) = valueOrErrno({ cv6_prctl_clear_ambient_capabilities() }), error != .invalidArgument {
            throw SystemError("prctl", arguments: "PR_CAP_AMBIENT_CLEAR_ALL", errno: error)
        }
        // A setcap binary lacks CAP_SETPCAP: its bounding set stays, and no_new_privs (below) makes it moot.
        if case .failure(let error) = valueOrErrno({ cv6_capbset_drop_all() }), error != .notPermitted {
            throw SystemError("prctl", arguments: "PR_CAPBSET_DROP", errno: error)
        }
        if let user, geteuid() == 0 {
            _ = try syscall("prctl", arguments: "PR_SET_KEEPCAPS, 0") { cv6_prctl_set_keepcaps(0) }
            var groups = user.groups
            _ = try syscall("setgroups", arguments: "\(groups.count), \(groups)") { setgroups(groups.count, &groups) }
            _ = try syscall("setresgid", arguments: "\(user.groupID) ×3") { cv6_setresgid(user.groupID, user.groupID, user.groupID) }
            _ = try syscall("setresuid", arguments: "\(user.userID) ×3") { cv6_setresuid(user.userID, user.userID, user.userID) }
        }
        _ = try syscall("capset", arguments: "all sets empty") { cv6_capset_empty() }
        _ = try syscall("prctl", arguments: "PR_SET_NO_NEW_PRIVS, 1") { cv6_prctl_set_no_new_privs() }

        let remaining = try CapabilitySet.heldByThisThread()
        guard remaining.isEmpty else { throw PrivilegeDropError.stillPrivileged(remaining) }
        // Capabilities are per thread: a thread started before this call would still have them.
        if let (thread, set) = try privilegedThreads().first {
            throw PrivilegeDropError.otherThreadPrivileged(thread: thread, set)
        }
        if let user { try verifyIdentity(user) }
        var real: UInt32 = 0, effective: UInt32 = 0, saved: UInt32 = 0
        _ = cv6_getresgid(&real, &effective, &saved)
        let groupID = effective
        _ = cv6_getresuid(&real, &effective, &saved)
        return DropOutcome(userID: effective, groupID: groupID, becameSudoUser: user != nil)
    }

    /// Checks that the switch to `user` took on every id and that there is no way back to root.
    static func verifyIdentity(_ user: UserIdentity) throws {
        var real: UInt32 = 0, effective: UInt32 = 0, saved: UInt32 = 0
        _ = try syscall("getresuid", arguments: "") { cv6_getresuid(&real, &effective, &saved) }
        let users = [real, effective, saved]
        _ = try syscall("getresgid", arguments: "") { cv6_getresgid(&real, &effective, &saved) }
        let groups = [real, effective, saved]
        let count = getgroups(0, nil)
        var supplementary = [gid_t](repeating: 0, count: Int(max(count, 0)))
        _ = getgroups(count, &supplementary)
        let found = "uids \(users), gids \(groups), groups \(supplementary.sorted())"
        guard users.allSatisfy({ $0 == user.userID }), groups.allSatisfy({ $0 == user.groupID }),
              Set(supplementary) == Set(user.groups)
        else { throw PrivilegeDropError.identityNotTaken(expected: "\(user) with groups \(user.groups.sorted())", found: found) }
        // Returning to root must be impossible now.
        guard user.userID == 0 || cv6_setresuid(0, 0, 0) == -1 else {
            throw PrivilegeDropError.identityNotTaken(expected: "\(user)", found: "setresuid(0) still succeeds")
        }
    }

    /// Threads of this process (name and id) that still have effective or permitted capabilities.
    static func privilegedThreads() throws(SystemError) -> [(String, CapabilitySet)] {
        var found: [(String, CapabilitySet)] = []
        for task in try FileSystem.listDirectory("/proc/self/task") {
            // A thread may end while we look: skip what can no longer be read.
            guard let bytes = try? FileSystem.readFile("/proc/self/task/\(task)/status") else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            let set = (CapabilitySet.effective(fromStatus: text) ?? []).union(CapabilitySet.permitted(fromStatus: text) ?? [])
            guard !set.isEmpty else { continue }
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
