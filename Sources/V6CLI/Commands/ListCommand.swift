import V6Core

/// `v6ready inventory list [KIND]`: a table (or JSON) of one kind of record, filtered.
enum ListCommand {
    enum Kind: String, CaseIterable { case agencies, sites, segments, devices, services }

    static let spec = CommandSpec(
        ["inventory", "list"], abstract: "List agencies, sites, segments, devices or services.",
        options: [
            .inventory,
            OptionSpec("--agency", value: "ID", "Only records of this agency (and, with --tree, of the agencies under it)."),
            OptionSpec("--tree", "With --agency: include the agencies below it (districts, communes)."),
            OptionSpec("--role", value: "ROLE", "Devices: only this role (router, l3-switch, switch, firewall, server, ...)."),
            OptionSpec("--kind", value: "KIND", "Segments or services: only this kind."),
            OptionSpec("--no-ipv6", "Only devices, services and segments without any IPv6 address or prefix yet."),
            .json,
        ],
        positionals: [PositionalSpec("KIND", optional: true, "agencies, sites, segments, devices (default) or services.")],
        examples: ["v6ready inventory list", "v6ready inventory list services --kind public-service-portal",
                   "v6ready inventory list devices --agency huyen-an-binh --tree --no-ipv6 --json"],
        run: run)

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let kindText = args.positionals.first ?? "devices"
        guard let kind = Kind(rawValue: kindText) else {
            throw .usage("KIND must be one of \(Kind.allCases.map(\.rawValue).joined(separator: ", ")), not \(quotedArgument(kindText))", args.command)
        }
        let inventory = try InventoryStore.locate(args.value("--inventory"), console: console).load()
        var files = inventory.agencyFiles
        if let agency = args.value("--agency") {
            guard inventory.agencyFileIndex(agency) != nil else {
                throw .usage("--agency \(quotedArgument(agency)) is not an agency of this inventory", args.command)
            }
            let wanted = args.flag("--tree") ? descendants(of: agency, in: inventory) : [agency]
            files = files.filter { wanted.contains($0.agency.id) }
        }
        let role = try args.word("--role", DeviceRole.self)
        let noIPv6 = args.flag("--no-ipv6")
        let kindFilter = args.value("--kind")
        if let kindFilter {
            let valid: [String] = kind == .segments ? SegmentKind.allCases.map(\.rawValue) : kind == .services ? ServiceKind.allCases.map(\.rawValue) : kind == .agencies ? AgencyKind.allCases.map(\.rawValue) : []
            guard valid.contains(kindFilter) else {
                throw .usage(valid.isEmpty ? "--kind applies to agencies, segments and services" : "--kind for \(kind.rawValue) is one of \(valid.joined(separator: ", "))", args.command)
            }
        }
        let catalog = CapabilityCatalog.shipped.merged(with: inventory.manifest.catalog)
        var json: [JSONValue] = []
        var table: TextTable
        switch kind {
        case .agencies:
            table = TextTable(["ID", "KIND", "PARENT", "DEVICES", "SERVICES", "NAME"])
            for f in files where kindFilter == nil || f.agency.kind.rawValue == kindFilter {
                table.add([f.agency.id, f.agency.kind.rawValue, f.agency.parent ?? "-", String(f.devices.count), String(f.services.count), f.agency.name])
                json.append(InventoryCodec.encode(f.agency))
            }
        case .sites:
            table = TextTable(["ID", "AGENCY", "NAME"])
            for f in files { for s in f.sites { table.add([s.id, f.agency.id, s.name]); json.append(withAgency(InventoryCodec.encode(s), f.agency.id)) } }
        case .segments:
            table = TextTable(["ID", "AGENCY", "KIND", "VLAN", "IPV4", "IPV6", "NAME"])
            for f in files {
                for s in f.segments where (kindFilter == nil || s.kind.rawValue == kindFilter) && (!noIPv6 || s.ipv6.isEmpty) {
                    table.add([s.id, f.agency.id, s.kind.rawValue, s.vlan.map(String.init) ?? "-", joined(s.ipv4), joined(s.ipv6), s.name])
                    json.append(withAgency(InventoryCodec.encode(s), f.agency.id))
                }
            }
        case .devices:
            table = TextTable(["ID", "AGENCY", "ROLE", "VENDOR/MODEL", "VERSION", "IPV4", "IPV6", "CATALOG"])
            for f in files {
                for d in f.devices where (role == nil || d.role == role) && (!noIPv6 || d.ipv6.isEmpty) {
                    let verdict = catalog.verdict(for: d)
                    table.add([d.id, f.agency.id, d.role.rawValue, "\(d.vendor) \(d.model)", d.version ?? "-", joined(d.ipv4), joined(d.ipv6), verdict.label])
                    var record = withAgency(InventoryCodec.encode(d), f.agency.id)
                    if case var .object(members) = record { members.append(("catalog", .string(verdict.label))); record = .object(members) }
                    json.append(record)
                }
            }
        case .services:
            table = TextTable(["ID", "AGENCY", "KIND", "AUDIENCE", "HOSTNAME", "IPV4", "IPV6", "NAME"])
            for f in files {
                for s in f.services where (kindFilter == nil || s.kind.rawValue == kindFilter) && (!noIPv6 || s.ipv6.isEmpty) {
                    table.add([s.id, f.agency.id, s.kind.rawValue, s.audience.rawValue, s.hostname ?? "-", joined(s.ipv4), joined(s.ipv6), s.name])
                    json.append(withAgency(InventoryCodec.encode(s), f.agency.id))
                }
            }
        }
        if args.flag("--json") {
            console.out(JSONWriter.compact(.array(json)))
        } else {
            console.outRaw(table.render())
            console.error("\(json.count) \(kind.rawValue)")
        }
        return .success
    }

    static func joined<T: CustomStringConvertible>(_ items: [T]) -> String {
        items.isEmpty ? "-" : items.map(\.description).joined(separator: " ")
    }

    /// The record with an `agency` member after its id, so JSON consumers know whose it is.
    static func withAgency(_ value: JSONValue, _ agency: String) -> JSONValue {
        guard case var .object(members) = value else { return value }
        members.insert(("agency", .string(agency)), at: 1)
        return .object(members)
    }

    /// An agency and every agency below it.
    static func descendants(of root: String, in inventory: Inventory) -> Set<String> {
        var result: Set<String> = [root]
        var grew = true
        while grew {
            grew = false
            for a in inventory.agencies where !result.contains(a.id) {
                if let p = a.parent, result.contains(p) { result.insert(a.id); grew = true }
            }
        }
        return result
    }
}
