import V6Core
import V6Probe
import V6System

/// `v6ready discover PREFIX | --link IFACE`: hosts that answer but are not in the inventory.
struct DiscoverCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["discover"], abstract: "Find hosts that answer but are not in the inventory (prefix sweep, or a link).",
        discussion: """
        With PREFIX, every address of the prefix gets an echo probe (at most --max-targets). With --link IFACE,
        one ICMPv6 echo goes to all nodes (ff02::1) on that interface and the kernel's neighbour tables are read:
        IPv6 hosts announce themselves even when nobody knows their addresses. Responders that no inventory record
        lists are printed; --output writes them as scan-format JSON Lines without a record, so `drift` shows them.
        """,
        examples: [
            "sudo v6ready discover 198.18.72.0/24 --rate 2000",
            "sudo v6ready discover --link eth0",
            "sudo v6ready discover --link veth0 --netns lab-scan --json",
        ])

    @OptionGroup var inventory: InventoryOptions
    @OptionGroup var probe: ProbeOptionGroup
    @Option("--link", value: "IFACE", help: "Discover on this interface's link (ff02::1 echo and neighbour tables).") var link: String?
    @Option("--wait", value: "MS", range: 10...60_000, help: "With --link: how long to collect answers (default 2000).") var wait: Int = 2000
    @Option("--max-targets", value: "N", range: 1...100_000_000, help: "Largest prefix sweep allowed (default 65536).") var maxTargets: Int = 65_536
    @Flag("--all", help: "List every responder, inventoried or not.") var all: Bool
    @Flag("--outside-scope", help: "Allow a prefix outside the inventory's scope.") var outsideScope: Bool
    @Option("--output", short: "-o", value: "FILE", help: "Also write the new hosts as JSON Lines to FILE.") var output: String?
    @Flag(.json) var json: Bool
    @Argument("PREFIX", optional: true, help: "Prefixes to sweep, e.g. 198.18.72.0/24 2001:db8:a00:4201::/120.") var prefixes: [String]

    func validate() throws(CLIError) {
        guard link != nil || !prefixes.isEmpty else { throw .argument("give a PREFIX to sweep or --link IFACE") }
        if let link, !NeighbourTable.isValidInterfaceName(link) { throw .argument("--link: \(quotedArgument(link)) is not an interface name") }
        try probe.requireSomethingToProbe()
    }

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let inventory = try (try? self.inventory.store(console))?.load()
        var sources: [TargetStream.Source] = []
        for text in prefixes {
            do { sources.append(.prefix(try IPPrefix(parsing: text).addresses(limit: maxTargets))) } catch {
                throw .argument("\(error.message)\(error.message.contains("limit") ? "; raise --max-targets to sweep it" : "")")
            }
        }
        if !outsideScope { try ScopeGuard(inventory: self.inventory, console: console).check(sources) }
        let session = probe.session
        try session.enterNamespace()
        let engine = try session.openEngine(console: console)
        var responders: [(address: IPAddress, how: String)] = []
        if !sources.isEmpty {
            var targets = TargetStream(sources)
            let summary = session.run(engine, targets: &targets, total: targets.count, console: console) { result in
                if result.status == .reachable { responders.append((result.address, "echo")) }
            }
            console.error(ProbeSession.describe(summary))
        }
        if let link { responders += try linkResponders(link, engine: engine, console: console) }
        let found = Discovery(responders: responders, inventory: inventory, listAll: all)
        if let output { try ReportWriter.writeFile(Array(found.jsonLines.utf8), to: output, console: console) }
        if json {
            console.outRaw(found.jsonLines)
        } else {
            var table = TextTable(["ADDRESS", "FOUND BY", "INVENTORY"])
            for row in found.rows { table.add(row) }
            console.outRaw(table.render())
        }
        console.error("\(found.uniqueCount) responders, \(found.newCount) not in the inventory\(inventory == nil ? " (no inventory found: every responder is new)" : "")")
        return .success
    }

    /// The all-nodes echo's answers and the neighbour tables of the link.
    private func linkResponders(_ link: String, engine: ProbeEngineGroup, console: Console) throws(CLIError) -> [(address: IPAddress, how: String)] {
        var responders: [(address: IPAddress, how: String)] = []
        do {
            for address in try engine.primary.echoAllNodes(interface: link, waitMilliseconds: wait) { responders.append((address, "ff02::1 echo")) }
        } catch {
            console.error("v6ready: \(error.message)")
        }
        let neighbours: [String]
        do { neighbours = try NeighbourTable.ipv6(interface: link) + NeighbourTable.ipv4(interface: link) } catch {
            throw .environment(error.description)
        }
        for text in neighbours {
            guard let address = IPAddress(text) else { continue }
            responders.append((address, "neighbour table"))
        }
        return responders
    }
}

extension DiscoverCommand: ProbingCommand {
    var opensSockets: Bool { true }
    var requestedUser: String? { probe.privileges.user }
}
