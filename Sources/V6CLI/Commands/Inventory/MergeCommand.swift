import V6Core

/// `v6ready inventory merge DIR`: another province's inventory taken into this one (63 provinces became 34).
struct MergeCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["inventory", "merge"], abstract: "Take another inventory (a province merged into this one) into this inventory.",
        discussion: """
        Every agency file of DIR is added; its top agencies go under --parent; its scope and IPv6 allocation join
        this inventory's scope; catalog entries this inventory lacks are added. An id used on both sides, or a
        segment prefix overlapping one of this inventory's, is an error and nothing is written; --id-prefix P renames
        every incoming id (P + id, references included) to make room. DIR itself is not changed.
        """,
        examples: ["v6ready inventory merge inventories/binh-phuoc --id-prefix bp- --parent ubnd-tinh --dry-run",
                   "v6ready inventory merge inventories/binh-phuoc --id-prefix bp- --parent ubnd-tinh"])

    @OptionGroup var options: ChangeOptions
    @Option("--id-prefix", value: "P", help: "Put P before every incoming id (e.g. bp-), to resolve id collisions.") var idPrefix: String?
    @Option("--parent", value: "ID", help: "The agency of this inventory the incoming top agencies go under.") var parent: String?
    @Argument("DIR", help: "The inventory to take in.") var other: String

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let incoming = try InventoryStore.locate(other, console: console)
        let loaded = try incoming.load()
        return try options.change(console).apply("merge \(incoming.display) into this inventory", console: console) { inventory in
            InventoryReorganisation.merge(loaded, into: inventory, idPrefix: idPrefix, parent: parent, otherDisplay: incoming.display)
                .map { ($0.0, $0.1.changes + ($0.1.renamed > 0 ? ["\($0.1.renamed) incoming ids renamed with \(idPrefix ?? "")"] : [])) }
        }
    }
}
