import V6Core

/// `v6ready inventory list [KIND]`: a table (or JSON) of one kind of record, filtered.
struct ListCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["inventory", "list"], abstract: "List agencies, sites, segments, devices or services.",
        examples: ["v6ready inventory list", "v6ready inventory list services --kind public-service-portal",
                   "v6ready inventory list devices --agency huyen-an-binh --tree --no-ipv6 --json"])

    @OptionGroup var inventory: InventoryOptions
    @Option("--agency", value: "ID", help: "Only records of this agency (and, with --tree, of the agencies under it).") var agency: String?
    @Flag("--tree", help: "With --agency: include the agencies below it (districts, communes).") var tree: Bool
    @Option("--role", value: "ROLE", help: "Devices: only this role (router, l3-switch, switch, firewall, server, ...).") var role: DeviceRole?
    @Option("--kind", value: "KIND", help: "Segments or services: only this kind.") var kindFilter: String?
    @Flag("--no-ipv6", help: "Only devices, services and segments without any IPv6 address or prefix yet.") var withoutIPv6: Bool
    @Flag(.json) var json: Bool
    @Argument("KIND", help: "agencies, sites, segments, devices (default) or services.") var kindWord: String?

    func validate() throws(CLIError) {
        let kind = try recordKind()
        if let kindFilter {
            let valid = InventoryListing.kindWords(for: kind)
            guard valid.contains(kindFilter) else {
                throw .argument(valid.isEmpty ? "--kind applies to agencies, segments and services" : "--kind for \(kind.rawValue) is one of \(valid.joined(separator: ", "))")
            }
        }
    }

    private func recordKind() throws(CLIError) -> InventoryListing.Kind {
        let word = kindWord ?? "devices"
        guard let kind = InventoryListing.Kind(rawValue: word) else {
            throw .argument("KIND must be one of \(InventoryListing.Kind.allCases.map(\.rawValue).joined(separator: ", ")), not \(quotedArgument(word))")
        }
        return kind
    }

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let kind = try recordKind()
        let inventory = try inventory.store(console).load()
        var filter = InventoryListing.Filter()
        if let agency {
            guard inventory.agencyFileIndex(agency) != nil else { throw .argument("--agency \(quotedArgument(agency)) is not an agency of this inventory") }
            filter.agencies = tree ? inventory.agencySubtree(of: agency) : [agency]
        }
        filter.role = role
        filter.kind = kindFilter
        filter.withoutIPv6 = withoutIPv6
        let listing = InventoryListing(kind, of: inventory, filter: filter, catalog: CapabilityCatalog.shipped.merged(with: inventory.manifest.catalog))
        if json {
            console.out(JSONWriter.compact(.array(listing.json)))
        } else {
            var table = TextTable(listing.header)
            for row in listing.rows { table.add(row) }
            console.outRaw(table.render())
            console.error("\(listing.json.count) \(kind.rawValue)")
        }
        return .success
    }
}
