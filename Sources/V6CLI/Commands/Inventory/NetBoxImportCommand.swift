import V6Core
import V6System

/// `v6ready inventory netbox-import`: devices, addresses, prefixes and services from NetBox (API JSON or CSV).
struct NetBoxImportCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["inventory", "netbox-import"], abstract: "Import from NetBox: REST API JSON responses or CSV files (devices, IP addresses, prefixes, services, sites, tenants, VLANs).",
        discussion: """
        Takes what NetBox gives: list responses of its REST API, saved with e.g.
          curl -H "Authorization: Token $TOKEN" "https://netbox.example/api/dcim/devices/?limit=0" > devices.json
        (also /api/ipam/ip-addresses/, /api/ipam/prefixes/, /api/ipam/services/, /api/dcim/sites/,
        /api/tenancy/tenants/, /api/ipam/vlans/), its CSV import files, its table exports, or a folder of them
        (such as one written by 'inventory netbox-export'). v6ready never connects to NetBox itself.
        Tenant → agency, site → site, prefix → segment (a device goes to the segment that contains its primary
        address), device role → role by a mapping table (core-switch → l3-switch, ap → access-point, ...),
        primary_ip4/primary_ip6 and assigned addresses → addresses. Records already in the inventory are updated and
        keep what NetBox does not carry. Whatever cannot be mapped exactly is said on one line per record; a wrong
        value is an error naming its record, and then nothing is written.
        """,
        examples: ["v6ready inventory netbox-import devices.json ip-addresses.json prefixes.json services.json",
                   "v6ready inventory netbox-import netbox-export/ --dry-run",
                   "v6ready inventory netbox-import devices.csv --agency so-tttt"])

    @OptionGroup var inventory: InventoryOptions
    @Option("--agency", value: "ID", help: "The agency for records with no tenant (and no site of a known agency).") var agency: String?
    @Flag("--dry-run", help: "Check and report, but write nothing.") var dryRun: Bool
    @Flag(.json) var json: Bool
    @Argument("PATH", help: "NetBox files (.json or .csv) or folders of them.") var paths: [String]

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        var data = NetBoxData()
        var problems: [Diagnostic] = []
        for (shown, bytes) in try InputFiles.read(paths, extensions: [".json", ".csv"], console: console) {
            switch NetBoxReader.read(bytes, name: shown) {
            case let .success(d): data.append(d)
            case let .failure(f): problems += f.diagnostics
            }
        }
        if !problems.isEmpty { throw .invalid(problems) }
        let store = try inventory.store(console)
        let outcome: NetBoxImport.Outcome = try store.modify { inventory throws(CLIError) in
            if let agency, inventory.agencyFileIndex(agency) == nil {
                throw .argument("--agency \(quotedArgument(agency)) is not an agency of this inventory")
            }
            switch NetBoxImport.apply(data, to: inventory, defaultAgency: agency) {
            case let .success(o): return (dryRun ? inventory : o.inventory, o)
            case let .failure(f): throw .invalid(store.shown(f.diagnostics))
            }
        }
        let kinds = ["agencies", "sites", "segments", "devices", "services"]
        if json {
            var o = JSONObjectBuilder()
            o.add("added", .object(kinds.map { ($0, .number(Double(outcome.added[$0] ?? 0))) }))
            o.add("updated", .object(kinds.map { ($0, .number(Double(outcome.updated[$0] ?? 0))) }))
            o.add("notes", strings: outcome.notes)
            o.add("dry_run", .bool(dryRun))
            console.out(JSONWriter.compact(o.value))
            return .success
        }
        for note in outcome.notes { console.error(note) }
        let parts = kinds.compactMap { k -> String? in
            let a = outcome.added[k] ?? 0, u = outcome.updated[k] ?? 0
            return a + u == 0 ? nil : "\(k) \(a) added, \(u) updated"
        }
        console.out("\(dryRun ? "Would import" : "Imported") from NetBox: " + (parts.isEmpty ? "nothing new" : parts.joined(separator: "; "))
                    + (outcome.notes.isEmpty ? "" : " (\(outcome.notes.count) note\(outcome.notes.count == 1 ? "" : "s") on stderr)")
                    + (dryRun ? " — dry run: nothing written" : ""))
        return .success
    }
}
