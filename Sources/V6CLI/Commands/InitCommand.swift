import V6Core
import V6System

/// `v6ready init DIR`: a new inventory that validates, to be filled in.
enum InitCommand {
    static let spec = CommandSpec(
        ["init"], abstract: "Create a new, valid inventory skeleton in DIR.",
        discussion: """
        Writes DIR/inventory.json and DIR/agencies/ID.json for the top agency, with one site and one LAN segment.
        The skeleton uses documentation prefixes (192.0.2.0/24, 2001:db8::/48): replace them with your own
        address space in inventory.json (scope) and in the segment.
        """,
        options: [
            OptionSpec("--name", value: "NAME", "Display name of the inventory (default: the folder name)."),
            OptionSpec("--agency-id", value: "ID", "Id of the top agency (default: province)."),
            OptionSpec("--agency-name", value: "NAME", "Name of the top agency (default: the inventory name)."),
            .json,
        ],
        positionals: [PositionalSpec("DIR", "The folder to create, e.g. inventories/tinh-vidu.")],
        examples: ["v6ready init inventories/tinh-vidu --name \"Tỉnh Ví Dụ\" --agency-id ubnd-tinh --agency-name \"UBND tỉnh Ví Dụ\""],
        run: run)

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let given = args.positionals[0]
        let directory = console.resolve(given)
        if FileSystem.exists(directory + "/" + Inventory.manifestPath) {
            throw .invalid([Diagnostic(file: given + "/" + Inventory.manifestPath, message: "already exists; init never overwrites an inventory")])
        }
        let name = args.value("--name") ?? FileSystem.baseName(of: directory)
        let agencyID = args.value("--agency-id") ?? "province"
        if let why = IdentifierRules.problem(with: agencyID) { throw .usage("--agency-id: \(why)", args.command) }
        let lan4 = IPPrefix("192.0.2.0/24")!, lan6 = IPPrefix("2001:db8:0:1::/64")!
        let manifest = InventoryManifest(name: name, scope: Scope(ipv4: [lan4], ipv6: [IPPrefix("2001:db8::/48")!]),
                                         ipv6Allocation: IPPrefix("2001:db8::/48")!)
        let agency = AgencyFile(
            agency: Agency(id: agencyID, name: args.value("--agency-name") ?? name, kind: .province),
            sites: [Site(id: "\(agencyID)-hq", name: "Headquarters")],
            segments: [Segment(id: "\(agencyID)-lan", name: "Office LAN", site: "\(agencyID)-hq", kind: .lan, vlan: 10,
                               ipv4: [lan4], ipv6: [lan6])])
        let inventory = Inventory(manifest: manifest, agencyFiles: [agency])
        let problems = InventoryValidator.validate(inventory)
        guard problems.isEmpty else { throw .internalError("the skeleton does not validate: \(problems)") }
        do {
            try FileSystem.createDirectory(directory + "/" + Inventory.agenciesFolder, recursive: true)
        } catch {
            throw .environment("cannot create \(given): \(error)")
        }
        try InventoryStore(directory: directory, display: given + "/").write(inventory, replacing: nil)
        if args.flag("--json") {
            console.out(JSONWriter.compact(.object([("inventory", .string(given)), ("created", .array(InventoryLoader.serialize(inventory).map { .string(given + "/" + $0.path) }))])))
        } else {
            console.out("Created inventory \"\(name)\" in \(given)/")
            console.out("  \(given)/\(Inventory.manifestPath)")
            console.out("  \(given)/\(agency.relativePath)")
            console.out("Next: replace the documentation prefixes with your own, then add records:")
            console.out("  v6ready inventory add device --inventory \(given) --agency \(agencyID) --id router1 --name \"Core router\" --role router --vendor Cisco --model \"ISR 4331\" --segment \(agencyID)-lan --ipv4 192.0.2.1")
            console.out("  v6ready inventory validate --inventory \(given)")
        }
        return .success
    }
}
