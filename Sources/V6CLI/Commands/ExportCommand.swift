import V6Core
import V6System

/// `v6ready inventory export --kind devices|services`: CSV that Excel opens with Vietnamese intact.
enum ExportCommand {
    static let spec = CommandSpec(
        ["inventory", "export"], abstract: "Export devices or services as CSV (UTF-8; --bom for Excel).",
        discussion: "Importing the exported file back changes nothing: export and import are exact inverses.",
        options: [.inventory,
                  OptionSpec("--kind", value: "KIND", "devices (default) or services."),
                  OptionSpec("--output", short: "-o", value: "FILE", "Write to FILE (atomically) instead of standard output."),
                  OptionSpec("--bom", "Start with a UTF-8 byte order mark so Excel reads Vietnamese correctly.")],
        examples: ["v6ready inventory export --kind devices --bom -o devices.csv", "v6ready inventory export --kind services > services.csv"],
        run: run)

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let kind = try args.word("--kind", InventoryCSV.Kind.self) ?? .devices
        let inventory = try InventoryStore.locate(args.value("--inventory"), console: console).load()
        let bytes = InventoryCSV.export(inventory, kind: kind, byteOrderMark: args.flag("--bom"))
        if let output = args.value("--output") {
            do { try AtomicFile.write(bytes, to: console.resolve(output)) } catch {
                throw .environment("cannot write \(output): \(error)")
            }
            let count = kind == .devices ? inventory.devices.count : inventory.services.count
            console.error("Wrote \(count) \(kind.rawValue) to \(output)")
        } else {
            console.outRaw(String(decoding: bytes, as: UTF8.self))
        }
        return .success
    }
}
