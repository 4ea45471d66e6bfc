import V6Core

/// `v6ready inventory remove ID`: refuses while anything still refers to the record.
enum RemoveCommand {
    static let spec = CommandSpec(
        ["inventory", "remove"], abstract: "Remove a record by id (refused while other records refer to it).",
        discussion: "Removing an agency removes its file with everything in it, provided nothing outside the file refers to its records.",
        options: [.inventory, .json],
        positionals: [PositionalSpec("ID", "The id of the record to remove.")],
        examples: ["v6ready inventory remove so-tttt-pc17"],
        run: run)

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let id = args.positionals[0]
        let store = try InventoryStore.locate(args.value("--inventory"), console: console)
        let removed: InventoryRecord = try store.modify { inventory throws(CLIError) in
            switch InventoryEditor.remove(id, from: inventory) {
            case let .success((updated, record)): return (updated, record)
            case let .failure(f): throw .invalid(f.diagnostics.map { var d = $0; if d.file.hasPrefix("agencies/") { d.file = store.display + d.file }; return d })
            }
        }
        if args.flag("--json") {
            console.out(JSONWriter.compact(.object([("removed", .string(id)), ("type", .string(removed.kindName))])))
        } else {
            console.out("Removed \(removed.kindName) \(id)")
        }
        return .success
    }
}
