import Foundation
import Testing
@testable import V6Lab

@Suite struct LabNamesAndCommandTests {
    @Test func labNamespaceNamesFollowOnePattern() {
        #expect(LabNames.labID(ofNamespace: "v6r-a1b2c3-scanner") == LabID("a1b2c3"))
        #expect(LabNames.isLabNamespace("v6r-000000-h-1"))
        for name in ["v6r-a1b2c3-", "v6r-a1b2c-scanner", "v6r-A1B2C3-scanner", "v6r-a1b2c3x-scanner",
                     "v6r-a1b2c3--x", "v6r-a1b2c3-x y", "x6r-a1b2c3-scanner", "v6r-g1b2c3-scanner", "default",
                     "v6r-a1b2c3-" + String(repeating: "a", count: 33)] {
            #expect(!LabNames.isLabNamespace(name), "\(name)")
        }
    }

    @Test func randomIDsAreSixHexDigits() {
        for _ in 0..<100 {
            let id = LabID.random()
            #expect(LabID(id.hex) == id)
            #expect(id.namespacePrefix.count == 11)
        }
        #expect(LabID("abcdeg") == nil && LabID("abcde") == nil)
    }

    @Test func argumentsOutsideTheSafeAlphabetAreRefused() {
        for argument in ["a b", "$(reboot)", "x;y", "a\nb", "", "`id`", "a|b", "a'b", "a\"b", "~", "*"] {
            #expect(throws: LabError.self, "\(argument.debugDescription)") {
                try LabCommand.validate(argument: argument)
            }
        }
        for argument in ["-n", "v6r-a1b2c3-scanner", "2001:db8::1/128", "net.ipv6.icmp.ratemask=", "10%",
                         "TCP6-LISTEN:80,ipv6only=0,fork", "TCP6:[2001:db8::1]:80", "/dev/null"] {
            #expect(throws: Never.self) { try LabCommand.validate(argument: argument) }
        }
    }

    @Test func commandsRunOnlyInLabNamespaces() {
        // Refused before anything runs, so this holds on any machine.
        #expect(throws: LabError.self) { try LabCommand.run(inNamespace: "default", .ip, ["link"]) }
        #expect(throws: LabError.self) { try LabCommand.run(inNamespace: "../../proc/1/ns/net", .ip, ["link"]) }
    }

    @Test func commandFailuresCarryTheCommandLineAndStandardError() throws {
        try #require(LabTool.ip.locate() != nil, "needs iproute2")
        let result = try LabCommand.run(.ip, ["route", "show", "table", "no-such-table-name"])
        #expect(!result.succeeded)
        #expect(!result.standardError.isEmpty)
        do {
            try LabCommand.check(.ip, ["route", "show", "table", "no-such-table-name"])
            Issue.record("expected a failure")
        } catch let LabError.commandFailed(failure) {
            #expect(failure.commandLine.hasSuffix("/ip route show table no-such-table-name"))
            #expect(failure.status == result.status)
            #expect(failure.description.contains(result.standardError))
        }
    }

    @Test func staleLabsAreThoseWithoutALiveOwner() throws {
        let layout = try LabPlan(.showcase(), id: LabID("abcdef")!).layout
        let now = Date()
        let own = ProcessInfo.processInfo.processIdentifier
        func registration(pid: Int32, ticks: UInt64?, persistent: Bool = false) -> LabRegistration {
            LabRegistration(layout: layout, ownerPID: pid, ownerStartTicks: ticks, persistent: persistent,
                            createdAt: now.timeIntervalSince1970)
        }
        let ownTicks = ProcessClock.startTicks(of: own)
        #expect(ownTicks != nil)
        #expect(!Lab.isStale(registration: registration(pid: own, ticks: ownTicks), namespaceCreationDates: [],
                             processStart: now))
        // Same PID, different start time: the PID was reused, the owner is gone.
        #expect(Lab.isStale(registration: registration(pid: own, ticks: ownTicks.map { $0 + 1 }),
                            namespaceCreationDates: [], processStart: now))
        #expect(Lab.isStale(registration: registration(pid: Int32.max, ticks: 1), namespaceCreationDates: [],
                            processStart: now))
        #expect(!Lab.isStale(registration: registration(pid: Int32.max, ticks: 1, persistent: true),
                             namespaceCreationDates: [], processStart: now))
        // No registration: stale only if every namespace predates this process.
        #expect(Lab.isStale(registration: nil, namespaceCreationDates: [now - 60], processStart: now))
        #expect(!Lab.isStale(registration: nil, namespaceCreationDates: [now - 60, now + 1], processStart: now))
    }

    @Test func leftoverPrefixesOutsideTheLabPatternAreRefused() {
        for prefix in ["", "v6", "netns-", "V6R-", "v6r-../"] {
            #expect(throws: LabError.self, "\(prefix)") { try Lab.removeLeftovers(prefix: prefix) }
        }
    }

    @Test func namespaceChangesGetTheLongerLimitAndNothingElseDoes() {
        let short = Duration.seconds(5)
        #expect(LabCommand.timeLimit(for: "/usr/sbin/ip", ["netns", "add", "v6r-a1b2c3-h"], requested: short)
                == LabCommand.namespaceTimeout)
        #expect(LabCommand.timeLimit(for: "/usr/sbin/ip", ["netns", "del", "v6r-a1b2c3-h"], requested: short)
                == LabCommand.namespaceTimeout)
        #expect(LabCommand.timeLimit(for: "/usr/sbin/ip", ["netns", "pids", "v6r-a1b2c3-h"], requested: short) == short)
        #expect(LabCommand.timeLimit(for: "/usr/sbin/ip", ["-n", "x", "netns", "add"], requested: short) == short)
        #expect(LabCommand.timeLimit(for: "/usr/bin/kill", ["netns", "add"], requested: short) == short)
        #expect(LabCommand.timeLimit(for: "/usr/sbin/ip", ["netns", "add", "x"], requested: .seconds(300))
                == .seconds(300))
    }
}
