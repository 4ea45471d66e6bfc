import Foundation
import V6System

/// A command that may open raw sockets or enter a namespace, and so needs its privileges until then.
protocol ProbingCommand {
    /// Whether this run opens sockets (`check` only with `--scan-now`).
    var opensSockets: Bool { get }
    /// `--user NAME`, when given.
    var requestedUser: String? { get }
}

/// A command that needs root for its whole run (the lab creates and removes namespaces and servers); the
/// privilege model leaves it alone.
protocol RootThroughoutCommand {}

/// The one privilege model of the executable (README "Privilege model"):
///
/// - a command that does not probe becomes sudo's invoking user (or drops its file capabilities) before it
///   touches any path the user named;
/// - a probing command reads and writes files as that user (`--user NAME` for plain root) from the start, opens
///   its sockets and namespace with the privileges it still has, then drops all of them for good
///   (`ProbeSession.dropPrivileges`).
///
/// Only the real executable enforces it (`CommandLineTool.run(arguments:)`): tests that run commands inside the
/// test process must not change the test process's identity.
enum PrivilegeModel {
    /// Set once by the executable's entry, before any command runs and before any other thread exists.
    nonisolated(unsafe) private(set) static var isEnforced = false
    /// The user the running probing command drops to once its sockets are open.
    nonisolated(unsafe) private static var pendingUser: UserIdentity?

    static func enforce() { isEnforced = true }

    /// Applies the model before `command` runs.
    static func prepare(for command: any ParsableCommand) throws(CLIError) {
        guard isEnforced, !(command is any RootThroughoutCommand) else { return }
        let environment = ProcessInfo.processInfo.environment
        let probing = command as? any ProbingCommand
        do {
            let user = try Privileges.intendedUser(environment: environment, requested: probing?.requestedUser)
            if let probing, probing.opensSockets {
                pendingUser = user
                if let user { try Privileges.accessFiles(as: user) }
            } else if user != nil || (Privileges.holdsCapabilities && !currentUserIsRoot) {
                // Plain root without sudo or --user stays root: it chose to run this as root.
                try Privileges.dropAll(becoming: user)
            }
        } catch let error as PrivilegeDropError {
            if case .unknownUser = error { throw .argument(error.description) }
            if case .userSwitchNeedsRoot = error { throw .argument(error.description) }
            throw .environment(error.description)
        } catch {
            throw .environment("cannot drop privileges: \(error)")
        }
    }

    /// A root-throughout command whose root part is over (the demo, once its lab is removed) becomes sudo's invoking
    /// user before it writes the reports the user asked for, so `sudo v6ready demo -o DIR` writes nothing as root.
    /// Plain root without sudo stays root, as for every other command.
    static func leaveRoot() throws(CLIError) {
        guard isEnforced else { return }
        do {
            guard let user = try Privileges.intendedUser(environment: ProcessInfo.processInfo.environment) else { return }
            _ = try Privileges.dropAll(becoming: user)
        } catch {
            throw .environment("cannot become the invoking user after the lab: \(error)")
        }
    }

    /// Drops every privilege once the sockets are open: becomes the pending user, or (plain root with no user
    /// to become, a setcap binary) keeps its uid with no capability left. Says so when root stays uid 0.
    static func dropAfterOpeningSockets(console: Console) throws(CLIError) {
        guard Privileges.holdsCapabilities || pendingUser != nil else { return }
        do {
            let user = isEnforced ? pendingUser : try Privileges.intendedUser(environment: ProcessInfo.processInfo.environment)
            let outcome = try Privileges.dropAll(becoming: user)
            if isEnforced, user == nil, outcome.userID == 0 {
                console.error("v6ready: running as root with no user to become (no sudo, no --user): every capability is dropped, but files are written as root; pass --user NAME")
            }
        } catch {
            throw .environment("cannot drop privileges after opening sockets: \(error)")
        }
    }
}
