import V6Core

/// `v6ready inventory add KIND --field VALUE...`: one new record, checked with the whole inventory before it is written.
enum AddCommand {
    static let spec = CommandSpec(
        ["inventory", "add"], abstract: "Add an agency, site, segment, device or service.",
        discussion: "Each kind has its own options: see 'v6ready inventory add KIND --help'. Lists (addresses, ports) take the option once per item.",
        examples: ["v6ready inventory add device --agency so-tttt --id so-tttt-sw9 --name \"Switch tầng 3\" --role switch --vendor Cisco --model \"Catalyst 2960X-48TS-L\" --version 15.2.7 --segment so-tttt-lan --ipv4 198.18.1.40"],
        subcommands: [agency, site, segment, device, service])

    private static func field(_ name: String, _ value: String, _ help: String, repeatable: Bool = false) -> OptionSpec {
        OptionSpec("--" + name, value: value, repeatable: repeatable, help)
    }

    static let agency = CommandSpec(
        ["inventory", "add", "agency"], abstract: "Add an agency (writes a new agencies/ID.json).",
        options: [.inventory, field("id", "ID", "Identifier (lower-case a–z, 0–9, '-', '_', '.')."), field("name", "NAME", "Display name."),
                  field("kind", "KIND", "province, department, district, commune, center or other."),
                  field("parent", "ID", "The parent agency."), field("contact", "TEXT", "Who to call."), .json],
        examples: ["v6ready inventory add agency --id xa-tan-an --name \"UBND xã Tân An\" --kind commune --parent huyen-an-binh"],
        run: { args, console throws(CLIError) in
            let a = Agency(id: try id(args), name: try required(args, "--name"),
                           kind: try requiredWord(args, "--kind", AgencyKind.self),
                           parent: args.value("--parent"), contact: args.value("--contact"))
            return try add(.agency(a), agency: nil, args, &console)
        })

    static let site = CommandSpec(
        ["inventory", "add", "site"], abstract: "Add a site (building) to an agency.",
        options: [.inventory, field("agency", "ID", "The agency."), field("id", "ID", "Identifier."), field("name", "NAME", "Display name."),
                  field("address", "TEXT", "Street address."), .json],
        run: { args, console throws(CLIError) in
            let s = Site(id: try id(args), name: try required(args, "--name"), address: args.value("--address"))
            return try add(.site(s), agency: try required(args, "--agency"), args, &console)
        })

    static let segment = CommandSpec(
        ["inventory", "add", "segment"], abstract: "Add a network segment to an agency's site.",
        options: [.inventory, field("agency", "ID", "The agency."), field("id", "ID", "Identifier."), field("name", "NAME", "Display name."),
                  field("site", "ID", "The site it belongs to."),
                  field("kind", "KIND", "internet-edge, lan, wan, datacenter or dmz."), field("vlan", "N", "VLAN id (1–4094)."),
                  field("ipv4", "PREFIX", "An IPv4 prefix.", repeatable: true), field("ipv6", "PREFIX", "An IPv6 prefix.", repeatable: true), .json],
        run: { args, console throws(CLIError) in
            let s = Segment(id: try id(args), name: try required(args, "--name"), site: try required(args, "--site"),
                            kind: try requiredWord(args, "--kind", SegmentKind.self),
                            vlan: try args.integer("--vlan", in: 1...4094),
                            ipv4: try prefixes(args, "--ipv4", .v4), ipv6: try prefixes(args, "--ipv6", .v6))
            return try add(.segment(s), agency: try required(args, "--agency"), args, &console)
        })

    /// Devices and services reuse the CSV columns: the options are the columns, read by the same code as an import.
    static let device = csvBacked(.devices, abstract: "Add a device.", help: [
        "agency": "The agency that owns it.", "id": "Identifier.", "name": "Display name.",
        "role": "router, l3-switch, switch, firewall, server, workstation, printer, camera, access-point, vpn, load-balancer or other.",
        "vendor": "Vendor, as in the capability catalog.", "model": "Model, as in the capability catalog.",
        "os": "Operating system or firmware family.", "version": "Firmware/OS version.", "segment": "The segment it sits in.",
        "ipv4": "An IPv4 address.", "ipv6": "An IPv6 address.", "owner": "Responsible person or office.",
        "criticality": "low, medium (default), high or critical.", "notes": "Free text."])

    static let service = csvBacked(.services, abstract: "Add a service.", help: [
        "agency": "The agency that owns it.", "id": "Identifier.", "name": "Display name.",
        "kind": "web, public-service-portal, dns, mail, app, integration, vpn or other.", "category": "A finer label (e-portal, one-stop-shop, ...).",
        "hostname": "Its DNS name.", "ports": "A TCP port.", "ipv4": "An IPv4 address it is published on.",
        "ipv6": "An IPv6 address it is published on.", "audience": "public or internal.", "device": "The device that hosts it.", "notes": "Free text."])

    private static func csvBacked(_ kind: InventoryCSV.Kind, abstract: String, help: [String: String]) -> CommandSpec {
        let singular = kind == .devices ? "device" : "service"
        let repeatable: Set<String> = ["ipv4", "ipv6", "ports"]
        let options = kind.columns.map { column in
            field(column, column == "ports" ? "PORT" : column.hasPrefix("ipv") ? "ADDRESS" : column.uppercased(), help[column] ?? "", repeatable: repeatable.contains(column))
        }
        return CommandSpec(["inventory", "add", singular], abstract: abstract, options: [.inventory] + options + [.json],
                           run: { args, console throws(CLIError) in
            let header = kind.columns
            let row = header.map { column in args.all("--" + column).joined(separator: " ") }
            let bytes = CSV.format(header: header, rows: [row], byteOrderMark: false)
            let imported: InventoryCSV.Imported
            switch InventoryCSV.read(bytes, kind: kind, file: "(command line)") {
            case let .success(i): imported = i
            case let .failure(f):
                // "(command line):2: role: ..." reads better as "--role: ...".
                let first = f.diagnostics.map { d -> String in
                    let text = d.message
                    if let colon = text.firstIndex(of: ":"), header.contains(String(text[..<colon])) { return "--" + text }
                    return text
                }
                throw .usage(first.joined(separator: "; "), args.command)
            }
            let record: InventoryRecord = kind == .devices ? .device(imported.devices[0].device) : .service(imported.services[0].service)
            return try add(record, agency: kind == .devices ? imported.devices[0].agency : imported.services[0].agency, args, &console)
        })
    }

    private static func id(_ args: ParsedArguments) throws(CLIError) -> String {
        let id = try required(args, "--id")
        if let why = IdentifierRules.problem(with: id) { throw .usage("--id: \(why)", args.command) }
        return id
    }

    private static func requiredWord<W: RawRepresentable & CaseIterable>(_ args: ParsedArguments, _ option: String, _ type: W.Type) throws(CLIError) -> W
    where W.RawValue == String {
        guard let word = try args.word(option, type) else {
            throw .usage("\(option) is required (one of \(W.allCases.map(\.rawValue).joined(separator: ", ")))", args.command)
        }
        return word
    }

    private static func prefixes(_ args: ParsedArguments, _ option: String, _ family: AddressFamily) throws(CLIError) -> [IPPrefix] {
        var result: [IPPrefix] = []
        for text in args.all(option) {
            let prefix: IPPrefix
            do { prefix = try IPPrefix(parsing: text) } catch {
                throw .usage("\(option): \(error.message)", args.command)
            }
            guard prefix.family == family else { throw .usage("\(option): \(quoted(text)) is not an \(family) prefix", args.command) }
            result.append(prefix)
        }
        return result
    }

    private static func required(_ args: ParsedArguments, _ option: String) throws(CLIError) -> String {
        guard let value = args.value(option), !value.isEmpty else { throw .usage("\(option) is required", args.command) }
        return value
    }

    private static func add(_ record: InventoryRecord, agency: String?, _ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let store = try InventoryStore.locate(args.value("--inventory"), console: console)
        let id: String = try store.modify { inventory throws(CLIError) in
            if let existing = inventory.locate(recordID(record)) {
                throw .invalid([Diagnostic(file: "(command line)", message: "--id \(quoted(recordID(record))) is already used by the \(existing.record.kindName) in \(store.display)\(Inventory.agencyPath(existing.agency.id))")])
            }
            switch InventoryEditor.add(record, agency: agency, to: inventory) {
            case let .success(updated): return (updated, recordID(record))
            case let .failure(f): throw .invalid(f.diagnostics.map { optionDiagnostic($0, record: record, agency: agency, before: inventory, store: store) })
            }
        }
        let file = store.display + Inventory.agencyPath(agency ?? id)
        if args.flag("--json") {
            console.out(JSONWriter.compact(.object([("added", .string(id)), ("type", .string(record.kindName)), ("file", .string(file))])))
        } else {
            console.out("Added \(record.kindName) \(id) to \(file)")
        }
        return .success
    }

    /// A problem in the record being added is the user's option, not a place in a file: `--segment: ...`.
    private static func optionDiagnostic(_ d: Diagnostic, record: InventoryRecord, agency: String?, before: Inventory,
                                         store: InventoryStore) -> Diagnostic {
        let file = agency.flatMap { before.agencyFileIndex($0) }.map { before.agencyFiles[$0] }
        let newPath: String
        switch record {
        case .agency: newPath = "agency"
        case .site: newPath = "sites[\(file?.sites.count ?? 0)]"
        case .segment: newPath = "segments[\(file?.segments.count ?? 0)]"
        case .device: newPath = "devices[\(file?.devices.count ?? 0)]"
        case .service: newPath = "services[\(file?.services.count ?? 0)]"
        }
        guard d.file == Inventory.agencyPath(agency ?? recordID(record)), let path = d.path?.text, path.hasPrefix(newPath) else {
            var d = d
            d.file = store.display + d.file
            return d
        }
        let member = path.dropFirst(newPath.count).drop { $0 == "." }.split(separator: "[").first.map { "--" + $0 + ": " } ?? ""
        return Diagnostic(file: "(command line)", message: member + d.message)
    }

    static func recordID(_ record: InventoryRecord) -> String {
        switch record {
        case let .agency(x): return x.id
        case let .site(x): return x.id
        case let .segment(x): return x.id
        case let .device(x): return x.id
        case let .service(x): return x.id
        }
    }
}
