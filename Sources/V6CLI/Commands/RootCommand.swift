/// The command tree. Each command's declarations live beside its implementation.
struct RootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        [], abstract: "Inventory, dual-stack probing, readiness and migration planning for moving a government network to IPv6.",
        discussion: """
        v6ready keeps the agencies' devices and services in plain JSON files under inventories/, probes them over
        IPv4 and IPv6, and turns what it finds into a phased 2022–2025 migration plan and compliance checks.

        Exit codes: 0 success or compliant, 1 findings, 2 bad input or usage, 3 permission or environment,
        4 internal error.
        """,
        examples: [
            "sudo v6ready demo",
            "v6ready init inventories/tinh-vidu",
            "v6ready inventory validate --inventory inventories/example",
            "v6ready inventory list devices --agency so-tttt",
        ],
        subcommands: [InitCommand.self, InventoryCommand.self, ProbeCommand.self, ScanCommand.self, DiscoverCommand.self, LANCommand.self,
                      LabCommand.self, DemoCommand.self, AssessCommand.self, PlanCommand.self, AddrplanCommand.self, ProgramsCommand.self,
                      CheckCommand.self, DriftCommand.self, CompletionCommand.self, ManPageCommand.self])

    /// Handled before parsing (`v6ready --version`); declared so that the help lists it.
    @Flag("--version", help: "Print the version.") var version: Bool
}
