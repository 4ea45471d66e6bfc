import Foundation
import V6System
import V6TestSupport

/// A throw-away system user (`useradd`), removed again (`userdel`) when the value goes away: the privilege tests
/// run the real executable as root on this user's behalf and check who owns what it wrote.
final class TestUser {
    let name: String
    let userID: UInt32
    let groupID: UInt32

    /// Whether tests can create users here, and if not, why.
    static let available: (Bool, String) = {
        guard currentUserIsRoot else { return (false, "creating a test user needs root; skipped") }
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/useradd") else { return (false, "useradd is not installed; skipped") }
        return (true, "")
    }()

    init() throws {
        name = "v6t" + String(UInt32.random(in: .min ... .max), radix: 36)
        // Parallel tests contend for /etc/passwd's lock: useradd then fails with 10; try again.
        var last: ExecutableRun?
        for _ in 0..<20 {
            let run = try runProgram("/usr/sbin/useradd", ["--system", "--no-create-home", "--user-group", "--shell", "/usr/sbin/nologin", name])
            if run.status == 0 { last = nil; break }
            last = run
            Thread.sleep(forTimeInterval: 0.2)
        }
        if let last { throw ExecutableRunError("useradd \(name) failed: \(last.err)") }
        guard let identity = UserIdentity.named(name) else { throw ExecutableRunError("useradd made no user \(name)") }
        userID = identity.userID
        groupID = identity.groupID
    }

    deinit {
        for _ in 0..<20 {
            guard let run = try? runProgram("/usr/sbin/userdel", [name]), run.status != 0, run.status != 6 else { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// The environment of the test without sudo's variables, plus `extra`.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SUDO_") }.merging(extra) { $1 }
    }

    /// What sudo would pass for this user.
    var sudoEnvironment: [String: String] {
        Self.environment(["SUDO_UID": "\(userID)", "SUDO_GID": "\(groupID)", "SUDO_USER": name])
    }
}

/// The owner of `path` (`lstat`), via Foundation's attributes.
func owner(of path: String) -> UInt32? {
    (try? FileManager.default.attributesOfItem(atPath: path)[.ownerAccountID] as? NSNumber)?.uint32Value
}

/// The lines of a running process's `/proc/PID/status` (and of each of its threads) that name ids and capabilities.
struct ProcessStatus {
    var uids: [String]
    var capEff: [String]
    var capPrm: [String]
    var capBnd: String
    var noNewPrivs: String

    init?(pid: Int32) {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func field(_ text: String, _ name: String) -> String {
            text.split(separator: "\n").first { $0.hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) } ?? "?"
        }
        uids = field(text, "Uid").split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init)
        capBnd = field(text, "CapBnd")
        noNewPrivs = field(text, "NoNewPrivs")
        capEff = []
        capPrm = []
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        for task in tasks {
            guard let threadText = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/status", encoding: .utf8) else { continue }
            capEff.append(field(threadText, "CapEff"))
            capPrm.append(field(threadText, "CapPrm"))
        }
    }

    /// No thread has an effective or permitted capability.
    var holdsNoCapability: Bool {
        !capEff.isEmpty && (capEff + capPrm).allSatisfy { UInt64($0, radix: 16) == 0 }
    }
}
