import V6Core

/// `v6ready addrplan`: the IPv6 address plan — nibble-aligned blocks per agency and site, a /64 per segment.
struct AddrplanCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["addrplan"], abstract: "Allocate the IPv6 address plan: a block per agency and site, a /64 per segment; find overlaps.",
        discussion: """
        Prefixes already in the inventory are kept as they are; blocks from earlier runs are kept (they are
        recorded in the inventory folder's addrplan.json); new blocks are appended after the highest allocation
        of their parent. Errors (exit 1): segments that overlap, prefixes outside the plan's prefix or outside
        their agency's block. --write puts the planned /64s into the inventory's segments (locked, validated,
        atomic); without it the inventory is not changed.
        """,
        examples: ["v6ready addrplan --inventory inventories/example",
                   "v6ready addrplan --prefix 2001:db8:a00::/40 --csv addrplan.csv",
                   "v6ready addrplan --write"])

    @OptionGroup var inventory: InventoryOptions
    @Option("--prefix", value: "PREFIX", help: "The block to divide (default: ipv6_allocation in inventory.json).") var prefix: IPPrefix?
    @Flag("--write", help: "Write the planned prefixes into the segments of the inventory.") var write: Bool
    @Option("--csv", value: "FILE", help: "Also export the plan as CSV (UTF-8 with BOM, for Excel).") var csv: String?
    @Flag("--dry-run", help: "Do not record new allocations in addrplan.json.") var dryRun: Bool
    @OptionGroup var language: LanguageOptions
    @Flag(.json) var json: Bool

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let store = try inventory.store(console)
        let inventory = try store.load()
        guard let root = prefix ?? inventory.manifest.ipv6Allocation else {
            throw .argument("no prefix to divide: pass --prefix PREFIX, or set ipv6_allocation in \(store.display)\(Inventory.manifestPath)")
        }
        let memory = AddressPlanStore(inventory: store)
        let previous = try memory.read()
        let result: AddressPlanner.Result
        do { result = try AddressPlanner.plan(inventory, root: root, state: previous) } catch {
            throw .invalid([Diagnostic(file: previous == nil ? "--prefix" : memory.shown, message: error.message)])
        }
        if !dryRun { try memory.write(result.state) }
        if let csv { try ReportWriter.writeFile(result.csv, to: csv, console: console) }
        var written = 0
        if write {
            guard !result.hasErrors else {
                for f in result.findings { console.error(f.description) }
                console.error(ReportText(language.language).t("Nothing written: fix the errors above first.", "Chưa ghi gì: cần sửa các lỗi trên trước."))
                return .findings
            }
            written = try store.modify { inventory throws(CLIError) in
                let (updated, count) = result.applied(to: inventory)
                let problems = InventoryValidator.validate(updated)
                if !problems.isEmpty { throw .invalid(problems.map { var d = $0; d.file = store.display + d.file; return d }) }
                return (updated, count)
            }
        }
        if json {
            console.out(JSONWriter.compact(result.json(root: root, written: written)))
        } else {
            console.outRaw(result.text(root: root, written: written, language: language.language))
        }
        return result.hasErrors ? .findings : .success
    }
}
