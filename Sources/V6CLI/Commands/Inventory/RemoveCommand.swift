import V6Core

/// `v6ready inventory remove ID`: refuses while anything still refers to the record.
struct RemoveCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["inventory", "remove"], abstract: "Remove a record by id (refused while other records refer to it).",
        discussion: "Removing an agency removes its file with everything in it, provided nothing outside the file refers to its records.",
        examples: ["v6ready inventory remove so-tttt-pc17"])

    @OptionGroup var inventory: InventoryOptions
    @Flag(.json) var json: Bool
    @Argument("ID", help: "The id of the record to remove.") var id: String

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let store = try inventory.store(console)
        let removed: InventoryRecord = try store.modify { inventory throws(CLIError) in
            switch InventoryEditor.remove(id, from: inventory) {
            case let .success((updated, record)): return (updated, record)
            case let .failure(f): throw .invalid(store.shown(f.diagnostics))
            }
        }
        if json {
            console.out(JSONWriter.compact(.object([("removed", .string(id)), ("type", .string(removed.kindName))])))
        } else {
            console.out("Removed \(removed.kindName) \(id)")
        }
        return .success
    }
}
