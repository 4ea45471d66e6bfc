import V6Core

/// An inventory operation as the reorganisation commands run it: under the inventory's lock, validated as a whole
/// before anything is written, all files or none, with `--dry-run` showing the same changes without writing.
struct InventoryChange {
    let store: InventoryStore
    let dryRun: Bool
    let json: Bool

    /// Runs `operation` on the current inventory; prints what changed (one line each, or JSON).
    func apply(_ title: String, console: Console,
               _ operation: (Inventory) -> Result<(Inventory, [String]), ValidationFailure>) throws(CLIError) -> ExitCode {
        let changes: [String] = try store.modify { inventory throws(CLIError) in
            switch operation(inventory) {
            case let .success((updated, changes)): return (dryRun ? inventory : updated, changes)
            case let .failure(failure): throw .invalid(store.shown(failure.diagnostics))
            }
        }
        if json {
            console.out(JSONWriter.compact(.object([("operation", .string(title)), ("changes", .array(changes.map(JSONValue.string))),
                                                    ("dry_run", .bool(dryRun))])))
        } else {
            console.out((dryRun ? "Would " : "") + title + (dryRun ? " (dry run: nothing written):" : ":"))
            for change in changes { console.out("  " + change) }
        }
        return .success
    }
}

/// `--dry-run` and `--json`, as every reorganisation command takes them.
struct ChangeOptions: ParsableArguments {
    @OptionGroup var inventory: InventoryOptions
    @Flag("--dry-run", help: "Check and show the changes, but write nothing.") var dryRun: Bool
    @Flag(.json) var json: Bool

    func change(_ console: Console) throws(CLIError) -> InventoryChange {
        InventoryChange(store: try inventory.store(console), dryRun: dryRun, json: json)
    }
}
