import V6Core

/// `v6ready inventory rename OLD NEW`: a record's new id, and every reference to it rewritten.
struct RenameCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["inventory", "rename"], abstract: "Give a record a new id; every reference to it, in every file, is rewritten.",
        discussion: """
        Renaming an agency renames its file (agencies/OLD.json becomes agencies/NEW.json) and rewrites the parent of
        the agencies under it; a site's segments, a segment's devices and a device's services follow their record.
        The address plan's memory (addrplan.json) keeps the block under the new id. Checked as a whole before
        anything is written.
        """,
        examples: ["v6ready inventory rename so-tttt so-khcn", "v6ready inventory rename huyen-an-binh-lan an-binh-lan --dry-run"])

    @OptionGroup var options: ChangeOptions
    @Argument("OLD", help: "The id the record has.") var old: String
    @Argument("NEW", help: "The id it gets.") var new: String

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let change = try options.change(console)
        let code = try change.apply("rename \(old) to \(new)", console: console) { InventoryReorganisation.rename(old, to: new, in: $0) }
        let memory = AddressPlanStore(inventory: change.store)
        if !options.dryRun, let state = try memory.read() { try memory.write(state.renaming(old, to: new)) }
        return code
    }
}
