import V6Core

/// `v6ready inventory validate`: every problem in the inventory, with file, line and JSON path.
struct ValidateCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["inventory", "validate"], abstract: "Check every file of the inventory and print counts per kind.",
        discussion: """
        Reports every problem at once, each as FILE:LINE: PATH: MESSAGE — unknown fields, bad addresses,
        duplicate ids and addresses, addresses outside their segment, dangling references, unsupported schema.
        Exits 0 when the inventory is valid, 2 when anything is wrong.
        """,
        examples: ["v6ready inventory validate --inventory inventories/example",
                   "v6ready inventory validate --json | jq .problems"])

    @OptionGroup var inventory: InventoryOptions
    @Flag(.json) var json: Bool

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let store = try inventory.store(console)
        switch InventoryLoader.load(try store.readSources(), displayPrefix: store.display) {
        case let .success(inventory):
            if json {
                let counts = JSONValue.object(inventory.counts.map { ($0.kind, .number(Double($0.count))) })
                console.out(JSONWriter.compact(.object([("inventory", .string(store.display)), ("valid", .bool(true)),
                                                        ("counts", counts), ("problems", .array([]))])))
            } else {
                console.out("\(store.display): valid — \(inventory.manifest.name)")
                var table = TextTable(["KIND", "COUNT"])
                for (kind, count) in inventory.counts { table.add([kind, String(count)]) }
                console.outRaw(table.render())
            }
            return .success
        case let .failure(failure):
            if json {
                console.out(JSONWriter.compact(.object([("inventory", .string(store.display)), ("valid", .bool(false)),
                                                        ("problems", .array(failure.diagnostics.map(\.json)))])))
            }
            for d in failure.diagnostics { console.error(d.description) }
            console.error("\(store.display): \(failure.diagnostics.count) problem\(failure.diagnostics.count == 1 ? "" : "s")")
            return .usage
        }
    }
}
