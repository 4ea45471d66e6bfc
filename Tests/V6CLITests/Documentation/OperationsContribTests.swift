import Foundation
import Testing
import V6TestSupport
@testable import V6CLI
import V6Core
import V6System

@Suite("Operations: generated completion and man page, contrib files")
struct OperationsContribTests {
    static let regenerate = "regenerate them: swift run v6ready completion bash > contrib/v6ready.bash && swift run v6ready manpage -o contrib/v6ready.1"

    func contrib(_ name: String) throws -> String {
        String(decoding: try FileSystem.readFile(Sandbox.repositoryRoot + "/contrib/" + name), as: UTF8.self)
    }

    @Test("contrib/v6ready.bash and contrib/v6ready.1 are what the commands generate today")
    func upToDate() throws {
        #expect(try contrib("v6ready.bash") == BashCompletion.bash(CommandLineTool.root), "contrib/v6ready.bash is stale; \(Self.regenerate)")
        #expect(try contrib("v6ready.1") == ManPage.render(CommandLineTool.root), "contrib/v6ready.1 is stale; \(Self.regenerate)")
        let box = try Sandbox()
        #expect(box.run("completion", "bash").out == BashCompletion.bash(CommandLineTool.root))
        #expect(box.run("completion", "zsh").code == .usage)
        #expect(box.run("manpage", "-o", "v6ready.1").code == .success)
        #expect(String(decoding: try box.read("v6ready.1"), as: UTF8.self) == ManPage.render(CommandLineTool.root))
    }

    @Test("both walk every command of the help: each command, option and example is there")
    func coversEveryCommand() throws {
        let bash = BashCompletion.bash(CommandLineTool.root)
        let man = ManPage.render(CommandLineTool.root)
        let commands = BashCompletion.walk(CommandLineTool.root)
        #expect(commands.count > 30)
        for command in commands {
            let key = command.path.isEmpty ? "\"\")" : "/" + command.path.joined(separator: "/") + ")"
            #expect(bash.contains("        \(key)\n"), "\(command.fullName) missing from the completion")
            for option in command.options {
                #expect(bash.contains(option.name), "\(command.fullName) \(option.name) missing from the completion")
                #expect(man.contains(ManPage.escape(option.name)), "\(command.fullName) \(option.name) missing from the man page")
            }
            if !command.path.isEmpty {
                #expect(man.contains(".SS \"\(ManPage.escape(command.fullName))\"\n\(ManPage.escape(command.abstract))\n"))
                for example in command.examples { #expect(man.contains(ManPage.escape(example))) }
            }
        }
    }

    @Test("bash reads the completion and completes commands, options and option values")
    func bashCompletes() throws {
        let script = BashCompletion.bash(CommandLineTool.root) + """
        complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=(); _v6ready; echo "${COMPREPLY[*]}"; }
        complete_words v6ready ch
        complete_words v6ready inventory netbox-
        complete_words v6ready check --prom
        complete_words v6ready assess --lang ""
        complete_words v6ready inventory add device --role l3

        """
        let run = try runProgram("/bin/bash", ["-c", script], in: NSTemporaryDirectory())
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out == "check\nnetbox-import netbox-export\n--prometheus\nen vi\nl3-switch\n")
    }

    @Test("the man page renders without a warning", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/groff"), "groff is not installed"))
    func manRenders() throws {
        let run = try runProgram("/usr/bin/groff", ["-k", "-man", "-Tutf8", "-ww", "-z", Sandbox.repositoryRoot + "/contrib/v6ready.1"], in: NSTemporaryDirectory())
        #expect(run.status == 0)
        #expect(run.err.isEmpty, "\(run.err)")
    }

    @Test("the systemd units pass systemd-analyze verify; crontab and service run the same documented check",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze"), "systemd-analyze is not installed"))
    func units() throws {
        let box = try Sandbox()
        // verify wants ExecStart's program to exist: point it at the built executable.
        let service = try contrib("v6ready-check.service").replacingOccurrences(of: "/usr/local/bin/v6ready", with: try v6readyPath())
        try box.write("v6ready-check.service", service)
        try box.write("v6ready-check.timer", try contrib("v6ready-check.timer"))
        let run = try runProgram("/usr/bin/systemd-analyze", ["verify", "--man=no", box.path("v6ready-check.service"), box.path("v6ready-check.timer")],
                                 in: box.directory)
        #expect(run.status == 0, "\(run.out)\(run.err)")
        #expect(!run.err.contains("v6ready-check"), "\(run.err)")
        let options = ["check", "--inventory", "--policy", "--scan-now", "--deadline", "--keep", "--prometheus"]
        for option in options {
            #expect(try contrib("crontab").contains(option))
            #expect(service.contains(option))
        }
        // The commands they run name only options check has.
        let known = Set(CheckCommand.spec.options.map(\.name))
        let execStart = service.components(separatedBy: "ExecStart=")[1].components(separatedBy: "\n# ")[0]
        let cronJobs = try contrib("crontab").split(separator: "\n").filter { !$0.hasPrefix("#") && $0.contains("v6ready check") }.joined(separator: "\n")
        #expect(!cronJobs.isEmpty)
        for text in [execStart, cronJobs] {
            for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) where word.hasPrefix("--") {
                #expect(known.contains(String(word)), "\(word) is not an option of check")
            }
        }
    }

    @Test("the unit and the crontab run as the unprivileged user v6ready with CAP_NET_RAW only, never as root (issue 13)")
    func unprivileged() throws {
        let service = try contrib("v6ready-check.service")
        let settings = Set(service.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init))
        for line in ["User=v6ready", "Group=v6ready", "AmbientCapabilities=CAP_NET_RAW", "CapabilityBoundingSet=CAP_NET_RAW",
                     "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "PrivateDevices=yes",
                     "RestrictNamespaces=yes", "RestrictSUIDSGID=yes", "SystemCallFilter=@system-service", "UMask=0027"] {
            #expect(settings.contains(line), "v6ready-check.service lacks \(line)")
        }
        #expect(!service.contains("User=root"))
        let jobs = try contrib("crontab").split(separator: "\n").filter { $0.contains("v6ready check") || $0.contains("v6ready scan") }
        #expect(!jobs.isEmpty)
        for job in jobs {
            let fields = job.drop(while: { $0 == "#" || $0 == " " }).split(separator: " ", omittingEmptySubsequences: true)
            #expect(fields.count > 6 && fields[5] == "v6ready", "the cron job runs as \(fields.count > 5 ? String(fields[5]) : "?"): \(job)")
        }
        #expect(try contrib("crontab").contains("setcap cap_net_raw+ep"))
    }

    @Test("systemd-analyze security rates the unit OK (1.7 when written; 8.9 EXPOSED when it ran as root)",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze"), "systemd-analyze is not installed"))
    func securityScore() throws {
        let box = try Sandbox()
        try box.write("v6ready-check.service", try contrib("v6ready-check.service"))
        let run = try runProgram("/usr/bin/systemd-analyze", ["security", "--offline=true", "--no-pager", box.path("v6ready-check.service")], in: box.directory)
        let line = try #require(run.out.split(separator: "\n").first { $0.contains("Overall exposure level") }, "\(run.out)\(run.err)")
        let score = try #require(line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }, "\(line)")
        #expect(score <= 2.5, "\(line)")
    }

    @Test("the example policy is valid for the example inventory")
    func examplePolicy() throws {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        try box.write("policy.json", try contrib("policy.example.json"))
        let run = box.run("check", "--inventory", "inv", "--policy", "policy.json",
                          "--scan", Sandbox.repositoryRoot + "/examples/recorded-scan/20240515T020000Z.jsonl", "--date", "2024-06-30")
        #expect(run.code == .findings, "\(run.err)")
        #expect(run.out.contains("  PASS dual-stack-percent: "))
    }
}
