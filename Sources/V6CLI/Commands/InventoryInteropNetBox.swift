import V6Core
import V6System

/// `v6ready inventory netbox-import`: devices, addresses, prefixes and services from NetBox (API JSON or CSV).
enum NetBoxImportCommand {
    static let spec = CommandSpec(
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
        options: [.inventory,
                  OptionSpec("--agency", value: "ID", "The agency for records with no tenant (and no site of a known agency)."),
                  OptionSpec("--dry-run", "Check and report, but write nothing."), .json],
        positionals: [PositionalSpec("PATH", repeating: true, "NetBox files (.json or .csv) or folders of them.")],
        examples: ["v6ready inventory netbox-import devices.json ip-addresses.json prefixes.json services.json",
                   "v6ready inventory netbox-import netbox-export/ --dry-run",
                   "v6ready inventory netbox-import devices.csv --agency so-tttt"],
        run: run)

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        var data = NetBoxData()
        var problems: [Diagnostic] = []
        for (shown, bytes) in try readPaths(args.positionals, console: console) {
            switch NetBoxReader.read(bytes, name: shown) {
            case let .success(d): data.append(d)
            case let .failure(f): problems += f.diagnostics
            }
        }
        if !problems.isEmpty { throw .invalid(problems) }
        let store = try InventoryStore.locate(args.value("--inventory"), console: console)
        let agency = args.value("--agency")
        let dryRun = args.flag("--dry-run")
        let outcome: NetBoxImport.Outcome = try store.modify { inventory throws(CLIError) in
            if let agency, inventory.agencyFileIndex(agency) == nil {
                throw .usage("--agency \(quotedArgument(agency)) is not an agency of this inventory", args.command)
            }
            switch NetBoxImport.apply(data, to: inventory, defaultAgency: agency) {
            case let .success(o): return (dryRun ? inventory : o.inventory, o)
            case let .failure(f): throw .invalid(f.diagnostics.map { var d = $0; if d.file.hasPrefix("agencies/") || d.file == Inventory.manifestPath { d.file = store.display + d.file }; return d })
            }
        }
        let kinds = ["agencies", "sites", "segments", "devices", "services"]
        if args.flag("--json") {
            var o = JSONObjectBuilder()
            o.add("added", .object(kinds.map { ($0, .number(Double(outcome.added[$0] ?? 0))) }))
            o.add("updated", .object(kinds.map { ($0, .number(Double(outcome.updated[$0] ?? 0))) }))
            o.add("notes", strings: outcome.notes)
            o.add("dry_run", .bool(dryRun))
            console.out(JSONWriter.compact(o.value))
        } else {
            for note in outcome.notes { console.error(note) }
            let parts = kinds.compactMap { k -> String? in
                let a = outcome.added[k] ?? 0, u = outcome.updated[k] ?? 0
                return a + u == 0 ? nil : "\(k) \(a) added, \(u) updated"
            }
            console.out("\(dryRun ? "Would import" : "Imported") from NetBox: " + (parts.isEmpty ? "nothing new" : parts.joined(separator: "; "))
                        + (outcome.notes.isEmpty ? "" : " (\(outcome.notes.count) note\(outcome.notes.count == 1 ? "" : "s") on stderr)")
                        + (dryRun ? " — dry run: nothing written" : ""))
        }
        return .success
    }

    /// Files as given, and the .json/.csv files of folders (in name order), with the name messages use.
    static func readPaths(_ paths: [String], console: Console) throws(CLIError) -> [(String, [UInt8])] {
        var result: [(String, [UInt8])] = []
        var problems: [Diagnostic] = []
        for path in paths {
            let absolute = console.resolve(path)
            if FileSystem.isDirectory(absolute) {
                let names = ((try? FileSystem.listDirectory(absolute)) ?? []).filter {
                    !$0.hasPrefix(".") && ($0.lowercased().hasSuffix(".json") || $0.lowercased().hasSuffix(".csv"))
                }.sorted()
                if names.isEmpty { problems.append(Diagnostic(file: path, message: "holds no .json or .csv file")) }
                for name in names {
                    let shown = (path.hasSuffix("/") ? path : path + "/") + name
                    do { result.append((shown, try FileSystem.readFile(absolute + "/" + name))) } catch {
                        problems.append(Diagnostic(file: shown, message: "cannot read: \(error)"))
                    }
                }
            } else {
                do { result.append((path, try FileSystem.readFile(absolute))) } catch {
                    problems.append(Diagnostic(file: path, message: "cannot read: \(error)"))
                }
            }
        }
        if !problems.isEmpty { throw .invalid(problems) }
        return result
    }
}

/// `v6ready inventory netbox-export`: the inventory as the CSV files NetBox's bulk import takes.
enum NetBoxExportCommand {
    static let spec = CommandSpec(
        ["inventory", "netbox-export"], abstract: "Export the inventory as CSV files for NetBox's bulk import (its column names), in import order.",
        discussion: """
        Writes one CSV per NetBox object type into DIR, to import in NetBox in the order listed (each file refers to
        the ones before it by name): custom fields, tenants (agencies), sites, manufacturers, platforms, device roles,
        device types, IPAM roles, VLANs, prefixes (segments), devices, interfaces, IP addresses, services.
        What NetBox has no field for travels in custom fields (firmware_version, criticality, owner, segment;
        service_kind, audience, hostname, category). 'inventory netbox-import DIR' reads the folder back to the same
        devices and services.
        """,
        options: [.inventory,
                  OptionSpec("--output", short: "-o", value: "DIR", "Where to write the files (default: netbox-export)."), .json],
        examples: ["v6ready inventory netbox-export -o /tmp/netbox", "v6ready inventory netbox-import /tmp/netbox --dry-run"],
        run: run)

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let inventory = try InventoryStore.locate(args.value("--inventory"), console: console).load()
        let output = args.value("--output") ?? "netbox-export"
        let directory = console.resolve(output)
        let (files, notes) = NetBoxExport.export(inventory)
        do {
            try FileSystem.createDirectory(directory, recursive: true)
            try AtomicFile.writeAll(files.map { (directory + "/" + $0.name, $0.bytes) })
        } catch {
            throw .environment("cannot write to \(output): \(error)")
        }
        let shown = output.hasSuffix("/") ? output : output + "/"
        if args.flag("--json") {
            console.out(JSONWriter.compact(.object([
                ("output", .string(shown)),
                ("files", .array(files.enumerated().map { i, f in
                    .object([("order", .number(Double(i + 1))), ("file", .string(shown + f.name)), ("rows", .number(Double(f.rows))),
                             ("import_page", .string(f.importPage))])
                })),
                ("notes", .array(notes.map(JSONValue.string))),
            ])))
        } else {
            for note in notes { console.error(note) }
            var table = TextTable(["ORDER", "FILE", "ROWS", "IMPORT IN NETBOX AT"])
            for (i, f) in files.enumerated() { table.add([String(i + 1), shown + f.name, String(f.rows), f.importPage]) }
            console.outRaw(table.render())
        }
        return .success
    }
}
