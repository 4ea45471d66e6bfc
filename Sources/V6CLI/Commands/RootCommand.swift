/// The command tree. Each command's spec lives beside its implementation.
enum RootCommand {
    static let spec = CommandSpec(
        [], abstract: "Inventory, dual-stack probing, readiness and migration planning for moving a government network to IPv6.",
        discussion: """
        v6ready keeps the agencies' devices and services in plain JSON files under inventories/, probes them over
        IPv4 and IPv6, and turns what it finds into a phased 2022–2025 migration plan and compliance checks.

        Exit codes: 0 success or compliant, 1 findings, 2 bad input or usage, 3 permission or environment,
        4 internal error.
        """,
        options: [OptionSpec("--version", "Print the version.")],
        examples: [
            "sudo v6ready demo",
            "v6ready init inventories/tinh-vidu",
            "v6ready inventory validate --inventory inventories/example",
            "v6ready inventory list devices --agency so-tttt",
        ],
        subcommands: [InitCommand.spec, InventoryCommand.spec, ProbeCommand.spec, ScanCommand.spec, DiscoverCommand.spec, LabCommand.spec, DemoCommand.spec, AssessCommand.spec, PlanCommand.spec, AddrplanCommand.spec,
                      CheckCommand.spec, DriftCommand.spec, CompletionCommand.spec, ManPageCommand.spec])
}

enum InventoryCommand {
    static let spec = CommandSpec(
        ["inventory"], abstract: "Keep the inventory: validate, list, show, add, remove, import and export CSV.",
        discussion: """
        An inventory is a folder: inventory.json plus one agencies/ID.json per agency (format: docs/inventory-format.md).
        Edits are checked as a whole before anything is written; writes are atomic and locked.
        """,
        examples: [
            "v6ready inventory validate",
            "v6ready inventory export --kind devices --bom --output devices.csv",
            "v6ready inventory import devices.csv",
        ],
        subcommands: [ValidateCommand.spec, ListCommand.spec, ShowCommand.spec, AddCommand.spec, RemoveCommand.spec,
                      ImportCommand.spec, ExportCommand.spec, NetBoxImportCommand.spec, NetBoxExportCommand.spec, NmapImportCommand.spec])
}
