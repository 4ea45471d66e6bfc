import V6Core
import V6System
import Foundation

/// `v6ready inventory import FILE.csv`: devices or services from a spreadsheet, all rows or none.
enum ImportCommand {
    static let spec = CommandSpec(
        ["inventory", "import"], abstract: "Import devices or services from CSV (Excel-friendly UTF-8); all rows or none.",
        discussion: """
        The first row names the columns (see 'v6ready inventory export'); a row whose id exists replaces that record,
        a new id is added to the file of its agency. Lists (addresses, ports) are separated by spaces, commas or
        semicolons inside one cell. Every problem is reported with its line; if any row is wrong, nothing is written.
        """,
        options: [.inventory,
                  OptionSpec("--kind", value: "KIND", "devices or services (default: guessed from the header)."),
                  OptionSpec("--dry-run", "Check and report, but write nothing."), .json],
        positionals: [PositionalSpec("FILE", "The CSV file to read ('-' for standard input).")],
        examples: ["v6ready inventory import devices.csv", "v6ready inventory import services.csv --dry-run"],
        run: run)

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let path = args.positionals[0]
        let kind = try args.word("--kind", InventoryCSV.Kind.self)
        let bytes: [UInt8]
        do {
            bytes = path == "-" ? Array(FileHandle.standardInput.readDataToEndOfFile()) : try FileSystem.readFile(console.resolve(path))
        } catch {
            throw .invalid([Diagnostic(file: path, message: "cannot read: \(error)")])
        }
        let imported: InventoryCSV.Imported
        switch InventoryCSV.read(bytes, kind: kind, file: path) {
        case let .success(i): imported = i
        case let .failure(f): throw .invalid(f.diagnostics)
        }
        let store = try InventoryStore.locate(args.value("--inventory"), console: console)
        let dryRun = args.flag("--dry-run")
        let (added, replaced): (Int, Int) = try store.modify { inventory throws(CLIError) in
            switch InventoryEditor.merge(imported, into: inventory, csvFile: path) {
            case let .success(r): return (dryRun ? inventory : r.inventory, (r.added, r.replaced))
            case let .failure(f): throw .invalid(f.diagnostics.map { var d = $0; if d.file.hasPrefix("agencies/") { d.file = store.display + d.file }; return d })
            }
        }
        let what = imported.kind.rawValue
        if args.flag("--json") {
            console.out(JSONWriter.compact(.object([("kind", .string(what)), ("added", .number(Double(added))),
                                                    ("replaced", .number(Double(replaced))), ("dry_run", .bool(dryRun))])))
        } else {
            console.out("\(dryRun ? "Would import" : "Imported") \(added + replaced) \(what) from \(path): \(added) added, \(replaced) replaced\(dryRun ? " (dry run: nothing written)" : "")")
        }
        return .success
    }
}
