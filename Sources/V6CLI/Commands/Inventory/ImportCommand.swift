import Foundation
import V6Core
import V6System

/// `v6ready inventory import FILE.csv`: devices or services from a spreadsheet, all rows or none.
struct ImportCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["inventory", "import"], abstract: "Import devices or services from CSV (Excel-friendly UTF-8); all rows or none.",
        discussion: """
        The first row names the columns (see 'v6ready inventory export'); a row whose id exists replaces that record,
        a new id is added to the file of its agency. Lists (addresses, ports) are separated by spaces, commas or
        semicolons inside one cell. Every problem is reported with its line; if any row is wrong, nothing is written.
        """,
        examples: ["v6ready inventory import devices.csv", "v6ready inventory import services.csv --dry-run"])

    @OptionGroup var inventory: InventoryOptions
    @Option("--kind", value: "KIND", help: "devices or services (default: guessed from the header).") var kind: InventoryCSV.Kind?
    @Flag("--dry-run", help: "Check and report, but write nothing.") var dryRun: Bool
    @Flag(.json) var json: Bool
    @Argument("FILE", help: "The CSV file to read ('-' for standard input).") var file: String

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let bytes: [UInt8]
        do {
            bytes = file == "-" ? Array(FileHandle.standardInput.readDataToEndOfFile()) : try BoundedFileReader.read(console.resolve(file))
        } catch {
            throw .invalid([Diagnostic(file: file, message: "cannot read: \(error)")])
        }
        let imported: InventoryCSV.Imported
        switch InventoryCSV.read(bytes, kind: kind, file: file) {
        case let .success(i): imported = i
        case let .failure(f): throw .invalid(f.diagnostics)
        }
        let store = try inventory.store(console)
        let (added, replaced): (Int, Int) = try store.modify { inventory throws(CLIError) in
            switch InventoryEditor.merge(imported, into: inventory, csvFile: file) {
            case let .success(r): return (dryRun ? inventory : r.inventory, (r.added, r.replaced))
            case let .failure(f): throw .invalid(store.shown(f.diagnostics))
            }
        }
        let what = imported.kind.rawValue
        if json {
            console.out(JSONWriter.compact(.object([("kind", .string(what)), ("added", .number(Double(added))),
                                                    ("replaced", .number(Double(replaced))), ("dry_run", .bool(dryRun))])))
        } else {
            console.out("\(dryRun ? "Would import" : "Imported") \(added + replaced) \(what) from \(file): \(added) added, \(replaced) replaced\(dryRun ? " (dry run: nothing written)" : "")")
        }
        return .success
    }
}
