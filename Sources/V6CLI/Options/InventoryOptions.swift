/// `--inventory DIR`: which inventory a command reads or edits.
public struct InventoryOptions: ParsableArguments {
    @Option("--inventory", value: "DIR", help: "The inventory folder (default: ./inventories, or its only subfolder).")
    public var path: String?

    public init() {}

    /// The inventory folder named (or the default one).
    func store(_ console: Console) throws(CLIError) -> InventoryStore {
        try InventoryStore.locate(path, console: console)
    }
}
