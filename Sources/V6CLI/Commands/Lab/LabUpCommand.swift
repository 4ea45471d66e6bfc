import V6Core
import V6Lab

/// `v6ready lab up`: a lab that stays until `lab down`.
struct LabUpCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["lab", "up"], abstract: "Build a lab that stays up until 'lab down'.",
        discussion: """
        Without options: one host per failure case (healthy dual stack, IPv4-only, IPv6 blackholed, ICMPv6 filtered,
        closed vs filtered ports, admin-prohibited, lossy, PMTU black hole) on 192.0.2.10–17 and 2001:db8:10::10–17.
        With --answering/--silent: whole prefixes one hop away (every address of an answering prefix replies), for sweeps
        and benchmarks.
        """,
        examples: ["sudo v6ready lab up", "sudo v6ready lab up --answering 198.18.0.0/16 --answering 2001:db8:1::/112 --silent 2001:db8:2::/112"])

    @Option("--answering", value: "PREFIX", repeatableHelp: "A prefix whose every address answers (bulk targets).") var answering: [IPPrefix]
    @Option("--silent", value: "PREFIX", repeatableHelp: "A prefix routed to the lab and dropped silently.") var silent: [IPPrefix]
    @Option("--open-tcp", value: "PORTS", help: "TCP ports that answer on the bulk prefixes.") var openTCP: PortList?
    @Flag(.json) var json: Bool

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        try LabCommand.requireSupport()
        let spec = answering.isEmpty && silent.isEmpty ? LabSpec.showcase()
            : LabSpec(bulk: LabBulkTargets(answering: answering, silent: silent, openTCPPorts: openTCP?.ports ?? []))
        let lab: Lab
        do { lab = try Lab.create(spec, persistent: true) } catch { throw .environment("cannot build the lab: \(error)") }
        if json {
            var hosts: [(String, JSONValue)] = []
            for name in lab.hostNames { hosts.append((name, .array(lab.addresses(of: name).map { .string($0.description) }))) }
            console.out(JSONWriter.compact(.object([("id", .string(lab.id.description)), ("scanner_namespace", .string(lab.scannerNamespace)),
                                                    ("hosts", .object(hosts))])))
            return .success
        }
        console.out("Lab \(lab.id) is up. Probe from its scanner namespace:")
        console.out("  sudo v6ready probe --netns \(lab.scannerNamespace) --outside-scope ADDRESS...")
        var table = TextTable(["HOST", "ADDRESSES"])
        for name in lab.hostNames { table.add([name, lab.addresses(of: name).map(\.description).joined(separator: " ")]) }
        if !lab.hostNames.isEmpty { console.outRaw(table.render()) }
        for p in answering { console.out("  answering: \(p)") }
        for p in silent { console.out("  silent:    \(p)") }
        console.out("Remove it with: sudo v6ready lab down \(lab.id)")
        return .success
    }
}

extension LabUpCommand: RootThroughoutCommand {}
