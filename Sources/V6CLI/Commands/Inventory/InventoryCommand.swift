/// `v6ready inventory …`: the group of commands that keep the inventory.
struct InventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        subcommands: [ValidateCommand.self, ListCommand.self, ShowCommand.self, AddCommand.self, RemoveCommand.self,
                      ImportCommand.self, ExportCommand.self, NetBoxImportCommand.self, NetBoxExportCommand.self, NmapImportCommand.self,
                      MergeCommand.self, MoveCommand.self, RenameCommand.self, DissolveCommand.self])
}
