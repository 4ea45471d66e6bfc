import V6Core

/// `v6ready inventory add KIND --field VALUE...`: one new record, checked with the whole inventory before it is written.
struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        ["inventory", "add"], abstract: "Add an agency, site, segment, device or service.",
        discussion: "Each kind has its own options: see 'v6ready inventory add KIND --help'. Lists (addresses, ports) take the option once per item.",
        examples: ["v6ready inventory add device --agency so-tttt --id so-tttt-sw9 --name \"Switch tầng 3\" --role switch --vendor Cisco --model \"Catalyst 2960X-48TS-L\" --version 15.2.7 --segment so-tttt-lan --ipv4 198.18.1.40"],
        subcommands: [AddAgencyCommand.self, AddSiteCommand.self, AddSegmentCommand.self, AddDeviceCommand.self, AddServiceCommand.self])
}

/// The options every `inventory add KIND` shares: the inventory, the new record's id and name, JSON output.
struct NewRecordOptions: ParsableArguments {
    @OptionGroup var inventory: InventoryOptions
    @Option("--id", value: "ID", help: "Identifier (lower-case a–z, 0–9, '-', '_', '.').") var id: String?
    @Option("--name", value: "NAME", help: "Display name.") var name: String?

    mutating func validate() throws(CLIError) {
        if let id, let why = IdentifierRules.problem(with: id) ?? InventoryValidator.idShapeProblem(id) { throw .argument("--id: \(why)") }
    }

    func requiredID() throws(CLIError) -> String { try required(id, "--id") }
    func requiredName() throws(CLIError) -> String { try required(name, "--name") }
}

/// `--x is required`, the way every add command says it.
func required(_ value: String?, _ option: String) throws(CLIError) -> String {
    guard let value, !value.isEmpty else { throw .argument("\(option) is required") }
    return value
}

struct AddAgencyCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["inventory", "add", "agency"], abstract: "Add an agency (writes a new agencies/ID.json).",
        examples: ["v6ready inventory add agency --id xa-tan-an --name \"UBND xã Tân An\" --kind commune --parent huyen-an-binh"])

    @OptionGroup var record: NewRecordOptions
    @Option("--kind", value: "KIND", help: "province, department, district, commune, center or other.") var kind: AgencyKind?
    @Option("--parent", value: "ID", help: "The parent agency.") var parent: String?
    @Option("--contact", value: "TEXT", help: "Who to call.") var contact: String?
    @Flag(.json) var json: Bool

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        guard let kind else { throw .argument("--kind is required (one of \(AgencyKind.allCases.map(\.rawValue).joined(separator: ", ")))") }
        let agency = Agency(id: try record.requiredID(), name: try record.requiredName(), kind: kind, parent: parent, contact: contact)
        return try InventoryAddition(store: try record.inventory.store(console), json: json).add(.agency(agency), agency: nil, console: console)
    }
}

struct AddSiteCommand: RunnableCommand {
    static let configuration = CommandConfiguration(["inventory", "add", "site"], abstract: "Add a site (building) to an agency.")

    @OptionGroup var record: NewRecordOptions
    @Option("--agency", value: "ID", help: "The agency.") var agency: String?
    @Option("--address", value: "TEXT", help: "Street address.") var address: String?
    @Flag(.json) var json: Bool

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let site = Site(id: try record.requiredID(), name: try record.requiredName(), address: address)
        return try InventoryAddition(store: try record.inventory.store(console), json: json)
            .add(.site(site), agency: try required(agency, "--agency"), console: console)
    }
}

struct AddSegmentCommand: RunnableCommand {
    static let configuration = CommandConfiguration(["inventory", "add", "segment"], abstract: "Add a network segment to an agency's site.")

    @OptionGroup var record: NewRecordOptions
    @Option("--agency", value: "ID", help: "The agency.") var agency: String?
    @Option("--site", value: "ID", help: "The site it belongs to.") var site: String?
    @Option("--kind", value: "KIND", help: "internet-edge, lan, wan, datacenter or dmz.") var kind: SegmentKind?
    @Option("--vlan", value: "N", range: 1...4094, help: "VLAN id (1–4094).") var vlan: Int?
    @Option("--ipv4", value: "PREFIX", repeatableHelp: "An IPv4 prefix.") var ipv4: [IPPrefix]
    @Option("--ipv6", value: "PREFIX", repeatableHelp: "An IPv6 prefix.") var ipv6: [IPPrefix]
    @Flag(.json) var json: Bool

    func validate() throws(CLIError) {
        for (option, prefixes, family) in [("--ipv4", ipv4, AddressFamily.v4), ("--ipv6", ipv6, .v6)] {
            if let wrong = prefixes.first(where: { $0.family != family }) { throw .argument("\(option): \(quoted(wrong.description)) is not an \(family) prefix") }
        }
    }

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        guard let kind else { throw .argument("--kind is required (one of \(SegmentKind.allCases.map(\.rawValue).joined(separator: ", ")))") }
        let segment = Segment(id: try record.requiredID(), name: try record.requiredName(), site: try required(site, "--site"),
                              kind: kind, vlan: vlan, ipv4: ipv4, ipv6: ipv6)
        return try InventoryAddition(store: try record.inventory.store(console), json: json)
            .add(.segment(segment), agency: try required(agency, "--agency"), console: console)
    }
}
