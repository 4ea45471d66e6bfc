import Foundation
import Testing
@testable import V6CLI
import V6System
import V6TestSupport

/// Issue 13 items 1 and 4, rerun through the real executable: under sudo every command reads and writes as the
/// invoking user; a probe drops to them (or, as plain root or a setcap binary, to no capability) once its sockets
/// are open — read from /proc/PID/status while the probe of loopback runs.
@Suite("Privilege model: sudo, --user, plain root and setcap, through the executable", .serialized,
       .enabled(if: TestUser.available.0, "\(TestUser.available.1)"))
struct PrivilegeModelTests {
    /// A sandbox everyone may enter, with a folder the test user owns.
    static func sandbox(for user: TestUser) throws -> Sandbox {
        let box = try Sandbox()
        chmod(box.directory, 0o755)
        try box.copyExample(to: "inv")
        try FileSystem.createDirectory(box.path("mine"))
        chown(box.path("mine"), user.userID, user.groupID)
        return box
    }

    /// Probes loopback for about two seconds and returns the run and what /proc said a second into it.
    static func probeLoopback(_ arguments: [String], executable: String? = nil, environment: [String: String],
                              in box: Sandbox, prefix: [String] = [],
                              targets: [String] = ["127.0.0.1", "--count", "20", "--interval", "100"]) throws -> (ExecutableRun, ProcessStatus?) {
        var status: ProcessStatus?
        let binary = try executable ?? v6readyPath()
        let program = prefix.isEmpty ? binary : prefix[0]
        let all = Array(prefix.dropFirst()) + (prefix.isEmpty ? [] : [binary])
            + ["probe"] + targets + ["--json"] + arguments
        let run = try runProgram(program, all, in: box.directory, environment: environment) { pid in
            Thread.sleep(forTimeInterval: 1.0)
            status = ProcessStatus(pid: pid)
        }
        return (run, status)
    }

    @Test("sudo inventory export -o writes as the invoking user: their folder works, a root-owned one is refused (exit 3)")
    func sudoExport() throws {
        let user = try TestUser()
        let box = try Self.sandbox(for: user)
        let allowed = try runV6ready(["inventory", "export", "--inventory", "inv", "-o", "mine/devices.csv"], in: box.directory,
                                     environment: user.sudoEnvironment)
        #expect(allowed.status == 0, "\(allowed.err)")
        #expect(owner(of: box.path("mine/devices.csv")) == user.userID)
        // The reproduction: `sudo v6ready inventory export -o /etc/cron.d/x` — here a folder only root may write.
        let refused = try runV6ready(["inventory", "export", "--inventory", "inv", "-o", "root-only.csv"], in: box.directory,
                                     environment: user.sudoEnvironment)
        #expect(refused.status == 3, "\(refused.err)")
        #expect(refused.err.contains("Permission denied"))
        #expect(!FileSystem.exists(box.path("root-only.csv")))
        // Reads too: an inventory only root may read is not read for the user.
        chmod(box.path("inv"), 0o700)
        let read = try runV6ready(["inventory", "validate", "--inventory", "inv"], in: box.directory, environment: user.sudoEnvironment)
        #expect(read.status != 0, "\(read.out)")
        #expect(try runV6ready(["inventory", "validate", "--inventory", "inv"], in: box.directory,
                               environment: TestUser.environment()).status == 0)
    }

    @Test("sudo demo: once the lab part is over the reports are written as the invoking user; a root-only folder is refused")
    func sudoDemo() throws {
        let user = try TestUser()
        let box = try Self.sandbox(for: user)
        let recorded = Sandbox.repositoryRoot + "/examples/recorded-scan"
        try FileSystem.createDirectory(box.path("examples/recorded-scan"), recursive: true)
        for name in try FileSystem.listDirectory(recorded) {
            try AtomicFile.write(FileSystem.readFile(recorded + "/" + name), to: box.path("examples/recorded-scan/" + name))
        }
        let demo = try runV6ready(["demo", "--recorded", "--inventory", "inv", "-o", "mine/demo", "--date", "2026-12-03"],
                                  in: box.directory, environment: user.sudoEnvironment)
        #expect(demo.status == 0, "\(demo.err)")
        let written = try FileSystem.listDirectory(box.path("mine/demo"))
        #expect(written.contains("plan.md"), "\(written)")
        for name in written { #expect(owner(of: box.path("mine/demo/" + name)) == user.userID, "\(name)") }
        let refused = try runV6ready(["demo", "--recorded", "--inventory", "inv", "-o", "root-only", "--date", "2026-12-03"],
                                     in: box.directory, environment: user.sudoEnvironment)
        #expect(refused.status == 3, "\(refused.err)")
        #expect(!FileSystem.exists(box.path("root-only/plan.md")))
    }

    @Test("sudo probe: sockets opened as root, then the invoking user's uid with no capability; -o belongs to them")
    func sudoProbe() throws {
        let user = try TestUser()
        let box = try Self.sandbox(for: user)
        let (run, status) = try Self.probeLoopback(["-o", "mine/probe.jsonl"], environment: user.sudoEnvironment, in: box)
        #expect(run.status == 0, "\(run.err)")
        let seen = try #require(status, "the probe ended before /proc was read")
        #expect(seen.uids == Array(repeating: "\(user.userID)", count: 4), "\(seen.uids)")
        #expect(seen.holdsNoCapability, "CapEff \(seen.capEff) CapPrm \(seen.capPrm)")
        #expect(seen.noNewPrivs == "1")
        #expect(owner(of: box.path("mine/probe.jsonl")) == user.userID)
        #expect(String(decoding: try box.read("mine/probe.jsonl"), as: UTF8.self).contains("\"status\":\"reachable\""))
    }

    @Test("plain root: every capability (effective, permitted, bounding) is gone during the probe, and stderr says why uid 0 stays")
    func plainRoot() throws {
        let user = try TestUser()
        let box = try Self.sandbox(for: user)
        // Two probing threads: each must show no capability (they start after the drop and inherit it).
        let (run, status) = try Self.probeLoopback(["--workers", "2"], environment: TestUser.environment(), in: box,
                                                   targets: ["127.0.0.0/22", "--rate", "400"])
        #expect(run.status == 0, "\(run.err)")
        let seen = try #require(status)
        #expect(seen.holdsNoCapability, "CapEff \(seen.capEff) CapPrm \(seen.capPrm)")
        #expect(UInt64(seen.capBnd, radix: 16) == 0, "CapBnd \(seen.capBnd)")
        #expect(seen.capEff.count >= 2, "expected the main thread and a probing thread, saw \(seen.capEff.count) threads")
        #expect(seen.noNewPrivs == "1")
        #expect(run.err.contains("--user NAME"))
        #expect(run.out.contains("\"status\":\"reachable\""))
    }

    @Test("plain root with --user NAME: files as NAME from the start, NAME's uid once the sockets are open")
    func rootWithUser() throws {
        let user = try TestUser()
        let box = try Self.sandbox(for: user)
        let (run, status) = try Self.probeLoopback(["--user", user.name, "-o", "mine/probe.jsonl"], environment: TestUser.environment(), in: box)
        #expect(run.status == 0, "\(run.err)")
        let seen = try #require(status)
        #expect(seen.uids == Array(repeating: "\(user.userID)", count: 4), "\(seen.uids)")
        #expect(seen.holdsNoCapability)
        #expect(owner(of: box.path("mine/probe.jsonl")) == user.userID)
        let unknown = try runV6ready(["probe", "127.0.0.1", "--user", "no-such-user-v6t"], in: box.directory, environment: TestUser.environment())
        #expect(unknown.status == 2 && unknown.err.contains("no such user"), "\(unknown.err)")
    }

    @Test("a setcap cap_net_raw+ep copy run by an ordinary user: CapEff and CapPrm 0 and no_new_privs while it probes")
    func setcapCopy() throws {
        let user = try TestUser()
        let box = try Self.sandbox(for: user)
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/setcap"), FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            print("setcap or setpriv is not installed; the setcap case is skipped")
            return
        }
        let copy = box.path("v6ready-setcap")
        try FileManager.default.copyItem(atPath: try v6readyPath(), toPath: copy)
        chmod(copy, 0o755)
        let setcap = try runProgram("/usr/sbin/setcap", ["cap_net_raw+ep", copy])
        guard setcap.status == 0 else {
            print("this file system takes no file capabilities (\(setcap.err)); the setcap case is skipped")
            return
        }
        let asUser = ["/usr/bin/setpriv", "--reuid", "\(user.userID)", "--regid", "\(user.groupID)", "--clear-groups"]
        let (run, status) = try Self.probeLoopback(["-o", "mine/probe.jsonl", "--workers", "2"], executable: copy, environment: TestUser.environment(),
                                                   in: box, prefix: asUser)
        #expect(run.status == 0, "\(run.err)")
        let seen = try #require(status)
        #expect(seen.uids.first == "\(user.userID)")
        #expect(seen.holdsNoCapability, "CapEff \(seen.capEff) CapPrm \(seen.capPrm)")
        #expect(seen.noNewPrivs == "1")
        let lines = String(decoding: try box.read("mine/probe.jsonl"), as: UTF8.self)
        #expect(lines.contains("\"status\":\"reachable\""), "\(lines)")
    }

    @Test("as the systemd unit starts it (User=, AmbientCapabilities=CAP_NET_RAW): the ambient capability is gone too while it probes")
    func ambientCapability() throws {
        let user = try TestUser()
        let box = try Self.sandbox(for: user)
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            print("setpriv is not installed; the ambient case is skipped")
            return
        }
        let asUnit = ["/usr/bin/setpriv", "--reuid", "\(user.userID)", "--regid", "\(user.groupID)", "--clear-groups",
                      "--inh-caps=+net_raw", "--ambient-caps=+net_raw"]
        let (run, status) = try Self.probeLoopback(["-o", "mine/probe.jsonl"], environment: TestUser.environment(), in: box, prefix: asUnit)
        #expect(run.status == 0, "\(run.err)")
        let seen = try #require(status)
        #expect(seen.uids.first == "\(user.userID)")
        #expect(seen.holdsNoCapability, "CapEff \(seen.capEff) CapPrm \(seen.capPrm)")
        #expect(seen.noNewPrivs == "1")
        #expect(String(decoding: try box.read("mine/probe.jsonl"), as: UTF8.self).contains("\"method\":\"icmp\",\"status\":\"reachable\""))
    }
}
