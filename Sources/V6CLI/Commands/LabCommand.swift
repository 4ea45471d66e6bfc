import Foundation
import V6Core
import V6Lab

/// `v6ready lab up|down|list`: the test network of namespaces, for trying v6ready and for the benchmark.
enum LabCommand {
    static let spec = CommandSpec(
        ["lab"], abstract: "Build or remove the test network of network namespaces (needs root).",
        discussion: """
        The lab is a set of Linux network namespaces joined by veth pairs, on documentation addresses only, with no
        route out: nothing it does reaches a real network. Probe it from its scanner namespace with --netns.
        """,
        examples: ["sudo v6ready lab up", "sudo v6ready probe --netns v6r-1a2b3c-scanner --outside-scope 192.0.2.10 2001:db8:10::10",
                   "sudo v6ready lab down --all"],
        subcommands: [up, down, list])

    static let up = CommandSpec(
        ["lab", "up"], abstract: "Build a lab that stays up until 'lab down'.",
        discussion: """
        Without options: one host per failure case (healthy dual stack, IPv4-only, IPv6 blackholed, ICMPv6 filtered,
        closed vs filtered ports, admin-prohibited, lossy, PMTU black hole) on 192.0.2.10–17 and 2001:db8:10::10–17.
        With --answering/--silent: whole prefixes one hop away (every address of an answering prefix replies), for sweeps
        and benchmarks.
        """,
        options: [
            OptionSpec("--answering", value: "PREFIX", repeatable: true, "A prefix whose every address answers (bulk targets)."),
            OptionSpec("--silent", value: "PREFIX", repeatable: true, "A prefix routed to the lab and dropped silently."),
            OptionSpec("--open-tcp", value: "PORTS", "TCP ports that answer on the bulk prefixes."),
            .json,
        ],
        examples: ["sudo v6ready lab up", "sudo v6ready lab up --answering 198.18.0.0/16 --answering 2001:db8:1::/112 --silent 2001:db8:2::/112"],
        run: runUp)

    static let down = CommandSpec(
        ["lab", "down"], abstract: "Remove a lab (by id), or every lab and leftover with --all.",
        options: [OptionSpec("--all", "Remove every lab built by 'lab up' and any leftovers of crashed runs (labs of running processes are left alone).")],
        positionals: [PositionalSpec("ID", optional: true, "The six-hex-digit lab id that 'lab up' printed.")],
        run: runDown)

    static let list = CommandSpec(["lab", "list"], abstract: "List the labs on this machine.", options: [.json], run: runList)

    private static func requireSupport() throws(CLIError) {
        let support = Lab.isSupported()
        if !support.supported { throw .environment("the lab cannot be built here: \(support.reason)") }
    }

    static func runUp(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        try requireSupport()
        func prefixes(_ option: String) throws(CLIError) -> [IPPrefix] {
            var result: [IPPrefix] = []
            for text in args.all(option) {
                do { result.append(try IPPrefix(parsing: text)) } catch { throw .usage("\(option): \(error.message)", args.command) }
            }
            return result
        }
        let answering = try prefixes("--answering"), silent = try prefixes("--silent")
        let ports = try args.value("--open-tcp").map { text throws(CLIError) in try ProbeRunner.parsePorts(text, args.command) } ?? []
        let spec = answering.isEmpty && silent.isEmpty ? LabSpec.showcase()
            : LabSpec(bulk: LabBulkTargets(answering: answering, silent: silent, openTCPPorts: ports))
        let lab: Lab
        do { lab = try Lab.create(spec, persistent: true) } catch { throw .environment("cannot build the lab: \(error)") }
        if args.flag("--json") {
            var hosts: [(String, JSONValue)] = []
            for name in lab.hostNames { hosts.append((name, .array(lab.addresses(of: name).map { .string($0.description) }))) }
            console.out(JSONWriter.compact(.object([("id", .string(lab.id.description)), ("scanner_namespace", .string(lab.scannerNamespace)),
                                                    ("hosts", .object(hosts))])))
        } else {
            console.out("Lab \(lab.id) is up. Probe from its scanner namespace:")
            console.out("  sudo v6ready probe --netns \(lab.scannerNamespace) --outside-scope ADDRESS...")
            var table = TextTable(["HOST", "ADDRESSES"])
            for name in lab.hostNames { table.add([name, lab.addresses(of: name).map(\.description).joined(separator: " ")]) }
            if !lab.hostNames.isEmpty { console.outRaw(table.render()) }
            for p in answering { console.out("  answering: \(p)") }
            for p in silent { console.out("  silent:    \(p)") }
            console.out("Remove it with: sudo v6ready lab down \(lab.id)")
        }
        return .success
    }

    static func runDown(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        if args.flag("--all") {
            var removed = 0
            // Labs of processes still running (a test, another demo) are theirs to remove.
            for registration in Lab.registered() where registration.persistent {
                guard let id = LabID(registration.layout.id) else { continue }
                do { try Lab.tearDown(id: id); removed += 1 } catch { console.error("v6ready: lab \(id): \(error)") }
            }
            let leftovers = (try? Lab.removeLeftovers()) ?? []
            console.out("Removed \(removed) lab\(removed == 1 ? "" : "s")\(leftovers.isEmpty ? "" : " and \(leftovers.count) leftover namespaces")")
            return .success
        }
        guard let text = args.positionals.first else { throw .usage("give the lab ID, or --all", args.command) }
        guard let id = LabID(text) else { throw .usage("\(quotedArgument(text)) is not a lab id (six hex digits, see 'v6ready lab list')", args.command) }
        do { try Lab.tearDown(id: id) } catch { throw .environment("cannot remove lab \(id): \(error)") }
        console.out("Removed lab \(id)")
        return .success
    }

    static func runList(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let labs = Lab.registered()
        if args.flag("--json") {
            console.out(JSONWriter.compact(.array(labs.map { .object([("id", .string($0.layout.id)), ("scanner_namespace", .string($0.layout.scannerNamespace)),
                                                                      ("persistent", .bool($0.persistent)), ("owner_alive", .bool($0.ownerIsAlive))]) })))
        } else {
            var table = TextTable(["ID", "SCANNER NAMESPACE", "HOSTS", "KIND"])
            for lab in labs {
                table.add([lab.layout.id, lab.layout.scannerNamespace, String(lab.layout.hosts.count),
                           lab.persistent ? "lab up" : (lab.ownerIsAlive ? "test (running)" : "leftover")])
            }
            console.outRaw(table.render())
        }
        return .success
    }
}
