import V6Core

/// `v6ready inventory export --kind devices|services`: CSV that Excel opens with Vietnamese intact.
struct ExportCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["inventory", "export"], abstract: "Export devices or services as CSV (UTF-8; --bom for Excel).",
        discussion: "Importing the exported file back changes nothing: export and import are exact inverses.",
        examples: ["v6ready inventory export --kind devices --bom -o devices.csv", "v6ready inventory export --kind services > services.csv"])

    @OptionGroup var inventory: InventoryOptions
    @Option("--kind", value: "KIND", help: "devices (default) or services.") var kind: InventoryCSV.Kind = .devices
    @Option("--output", short: "-o", value: "FILE", help: "Write to FILE (atomically) instead of standard output.") var output: String?
    @Flag("--bom", help: "Start with a UTF-8 byte order mark so Excel reads Vietnamese correctly.") var byteOrderMark: Bool

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let inventory = try inventory.store(console).load()
        let bytes = InventoryCSV.export(inventory, kind: kind, byteOrderMark: byteOrderMark)
        guard let output else {
            console.outRaw(String(decoding: bytes, as: UTF8.self))
            return .success
        }
        try ReportWriter.writeFile(bytes, to: output, console: console)
        let count = kind == .devices ? inventory.devices.count : inventory.services.count
        console.error("Wrote \(count) \(kind.rawValue) to \(output)")
        return .success
    }
}
