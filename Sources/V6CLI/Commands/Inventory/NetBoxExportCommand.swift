import V6Core

/// `v6ready inventory netbox-export`: the inventory as the CSV files NetBox's bulk import takes.
struct NetBoxExportCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["inventory", "netbox-export"], abstract: "Export the inventory as CSV files for NetBox's bulk import (its column names), in import order.",
        discussion: """
        Writes one CSV per NetBox object type into DIR, to import in NetBox in the order listed (each file refers to
        the ones before it by name): custom fields, tenants (agencies), sites, manufacturers, platforms, device roles,
        device types, IPAM roles, VLANs, prefixes (segments), devices, interfaces, IP addresses, services.
        What NetBox has no field for travels in custom fields (firmware_version, criticality, owner, segment;
        service_kind, audience, hostname, category). 'inventory netbox-import DIR' reads the folder back to the same
        devices and services.
        """,
        examples: ["v6ready inventory netbox-export -o /tmp/netbox", "v6ready inventory netbox-import /tmp/netbox --dry-run"])

    @OptionGroup var inventory: InventoryOptions
    @Option("--output", short: "-o", value: "DIR", help: "Where to write the files (default: netbox-export).") var output: String = "netbox-export"
    @Flag(.json) var json: Bool

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let inventory = try inventory.store(console).load()
        let writer = ReportWriter(directory: output, console: console)
        let (files, notes) = NetBoxExport.export(inventory)
        try writer.write(files.map { ($0.name, $0.bytes) })
        if json {
            console.out(JSONWriter.compact(.object([
                ("output", .string(writer.shown)),
                ("files", .array(files.enumerated().map { i, f in
                    .object([("order", .number(Double(i + 1))), ("file", .string(writer.shownPath(f.name))), ("rows", .number(Double(f.rows))),
                             ("import_page", .string(f.importPage))])
                })),
                ("notes", .array(notes.map(JSONValue.string))),
            ])))
            return .success
        }
        for note in notes { console.error(note) }
        var table = TextTable(["ORDER", "FILE", "ROWS", "IMPORT IN NETBOX AT"])
        for (i, f) in files.enumerated() { table.add([String(i + 1), writer.shownPath(f.name), String(f.rows), f.importPage]) }
        console.outRaw(table.render())
        return .success
    }
}
