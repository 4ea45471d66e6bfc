import V6Core
import V6System

/// `v6ready init DIR`: a new inventory that validates, to be filled in.
struct InitCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["init"], abstract: "Create a new, valid inventory skeleton in DIR.",
        discussion: """
        Writes DIR/inventory.json and DIR/agencies/ID.json for the top agency, with one site and one LAN segment.
        The skeleton uses documentation prefixes (192.0.2.0/24, 2001:db8::/48): replace them with your own
        address space in inventory.json (scope) and in the segment.
        """,
        examples: ["v6ready init inventories/tinh-vidu --name \"Tỉnh Ví Dụ\" --agency-id ubnd-tinh --agency-name \"UBND tỉnh Ví Dụ\""])

    @Option("--name", value: "NAME", help: "Display name of the inventory (default: the folder name).") var name: String?
    @Option("--agency-id", value: "ID", help: "Id of the top agency (default: province).") var agencyID: String = "province"
    @Option("--agency-name", value: "NAME", help: "Name of the top agency (default: the inventory name).") var agencyName: String?
    @Flag(.json) var json: Bool
    @Argument("DIR", help: "The folder to create, e.g. inventories/tinh-vidu.") var folder: String

    func validate() throws(CLIError) {
        if let why = IdentifierRules.problem(with: agencyID) ?? InventoryValidator.idShapeProblem(agencyID) { throw .argument("--agency-id: \(why)") }
    }

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let directory = console.resolve(folder)
        if FileSystem.exists(directory + "/" + Inventory.manifestPath) {
            throw .invalid([Diagnostic(file: folder + "/" + Inventory.manifestPath, message: "already exists; init never overwrites an inventory")])
        }
        if FileSystem.isDirectory(directory), let first = (try? FileSystem.listDirectory(directory))?.first {
            throw .invalid([Diagnostic(file: folder, message: "is not empty (it holds \(first)); init writes only into a new or empty folder, so nothing there is overwritten")])
        }
        let title = name ?? FileSystem.baseName(of: directory)
        let inventory = InventorySkeleton.make(name: title, agencyID: agencyID, agencyName: agencyName ?? title)
        let problems = InventoryValidator.validate(inventory)
        guard problems.isEmpty else { throw .internalError("the skeleton does not validate: \(problems)") }
        do { try FileSystem.createDirectory(directory + "/" + Inventory.agenciesFolder, recursive: true) } catch {
            throw .environment("cannot create \(folder): \(error)")
        }
        try InventoryStore(directory: directory, display: folder + "/").write(inventory, replacing: nil)
        let created = InventoryLoader.serialize(inventory).map { folder + "/" + $0.path }
        if json {
            console.out(JSONWriter.compact(.object([("inventory", .string(folder)), ("created", .array(created.map(JSONValue.string)))])))
            return .success
        }
        console.out("Created inventory \"\(title)\" in \(folder)/")
        for path in created { console.out("  \(path)") }
        console.out("Next: replace the documentation prefixes with your own, then add records:")
        console.out("  v6ready inventory add device --inventory \(folder) --agency \(agencyID) --id router1 --name \"Core router\" --role router --vendor Cisco --model \"ISR 4331\" --segment \(agencyID)-lan --ipv4 192.0.2.1")
        console.out("  v6ready inventory validate --inventory \(folder)")
        return .success
    }
}
