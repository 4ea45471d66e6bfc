import V6Core
import V6Lab

/// `v6ready lab up|down|list`: the test network of namespaces, for trying v6ready and for the benchmark.
struct LabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        ["lab"], abstract: "Build or remove the test network of network namespaces (needs root).",
        discussion: """
        The lab is a set of Linux network namespaces joined by veth pairs, on documentation addresses only, with no
        route out: nothing it does reaches a real network. Probe it from its scanner namespace with --netns.
        """,
        examples: ["sudo v6ready lab up", "sudo v6ready probe --netns v6r-1a2b3c-scanner --outside-scope 192.0.2.10 2001:db8:10::10",
                   "sudo v6ready lab down --all"],
        subcommands: [LabUpCommand.self, LabDownCommand.self, LabListCommand.self])

    static func requireSupport() throws(CLIError) {
        let support = Lab.isSupported()
        if !support.supported { throw .environment("the lab cannot be built here: \(support.reason)") }
    }
}
