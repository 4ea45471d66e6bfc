import Foundation
import Testing
@testable import V6System

@Suite struct CapabilitySetTests {
    @Test func parsesCapEffFromAStatusText() {
        let status = "Name:\tv6ready\nCapInh:\t0000000000000000\nCapPrm:\t0000000000003000\n"
            + "CapEff:\t0000000000002000\nCapBnd:\t000001ffffffffff\n"
        #expect(CapabilitySet.effective(fromStatus: status) == .netRaw)
        #expect(CapabilitySet.effective(fromStatus: "CapEff:\t0000000000000000\n") == [])
        #expect(CapabilitySet.effective(fromStatus: "Name: x\n") == nil)
        #expect(CapabilitySet.effective(fromStatus: "CapEff:\tzz\n") == nil)
        #expect(CapabilitySet([.netRaw, .netAdmin]).description == "3000")
    }

    @Test func readsThisProcessStatus() throws {
        let effective = try CapabilitySet.effective()
        // Root normally holds CAP_NET_RAW; a non-root test run normally holds nothing.
        #expect(currentUserIsRoot || effective.isEmpty || !effective.contains(.sysAdmin))
        #expect(try CapabilitySet.effective(statusFile: "/proc/thread-self/status") == effective
                || !currentUserIsRoot)
    }

    @Test func sudoIdentityComesFromSudoUidAndGid() throws {
        #expect(try Privileges.sudoIdentity(in: [:]) == nil)
        #expect(try Privileges.sudoIdentity(in: ["SUDO_UID": "0", "SUDO_GID": "0"]) == nil)
        let identity = try #require(try Privileges.sudoIdentity(in: ["SUDO_UID": "1000", "SUDO_GID": "1001"]))
        #expect(identity.userID == 1000 && identity.groupID == 1001)
        #expect(throws: PrivilegeDropError.invalidSudoIdentity(variable: "SUDO_UID", value: "bob")) {
            try Privileges.sudoIdentity(in: ["SUDO_UID": "bob", "SUDO_GID": "1"])
        }
    }
}

@Suite struct IntendedUserTests {
    @Test("--user names a user of the system or is refused; sudo's ids are used only by root")
    func intendedUser() throws {
        #expect(throws: PrivilegeDropError.unknownUser("no-such-user-v6t")) {
            try Privileges.intendedUser(environment: [:], requested: "no-such-user-v6t")
        }
        let nobody = try #require(UserIdentity.named("nobody"), "this system has no user nobody")
        #expect(nobody.groups.contains(nobody.groupID))
        if currentUserIsRoot {
            #expect(try Privileges.intendedUser(environment: [:], requested: "nobody") == nobody)
            let fromSudo = try #require(try Privileges.intendedUser(environment: ["SUDO_UID": "\(nobody.userID)", "SUDO_GID": "\(nobody.groupID)"]))
            #expect(fromSudo.userID == nobody.userID && fromSudo.name == "nobody")
            #expect(try Privileges.intendedUser(environment: [:]) == nil)
        } else {
            #expect(throws: PrivilegeDropError.userSwitchNeedsRoot("nobody")) {
                try Privileges.intendedUser(environment: [:], requested: "nobody")
            }
        }
    }
}

/// Drops privileges in a child process (v6ready-testwriter drop-privileges), never in the test process.
@Suite(.enabled(if: Privilege.userSwitch, "dropping privileges needs root with CAP_NET_RAW, CAP_SETUID, CAP_SETGID; skipped"))
struct PrivilegeDropTests {
    static func runDrop(extraEnvironment: [String: String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SUDO_") }
        environment.merge(extraEnvironment) { $1 }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try testWriterPath())
        process.arguments = ["drop-privileges"]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let line = readLine(from: output)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return line
    }

    @Test func startedThroughSudoBecomesTheInvokingUserWithNoCapabilities() throws {
        let line = try Self.runDrop(extraEnvironment: ["SUDO_UID": "65534", "SUDO_GID": "65534"])
        #expect(line == "uid=65534 gid=65534 sudo=true capeff=0 new-raw=EPERM kept-raw=ok")
    }

    @Test func startedAsRootKeepsUidZeroButNoCapabilities() throws {
        let line = try Self.runDrop(extraEnvironment: [:])
        #expect(line == "uid=0 gid=0 sudo=false capeff=0 new-raw=EPERM kept-raw=ok")
    }
}
