import Foundation
import V6Core
import V6Probe
import V6System

/// `v6ready discover PREFIX | --link IFACE`: hosts that answer but are not in the inventory.
enum DiscoverCommand {
    static let spec = CommandSpec(
        ["discover"], abstract: "Find hosts that answer but are not in the inventory (prefix sweep, or a link).",
        discussion: """
        With PREFIX, every address of the prefix gets an echo probe (at most --max-targets). With --link IFACE,
        one ICMPv6 echo goes to all nodes (ff02::1) on that interface and the kernel's neighbour tables are read:
        IPv6 hosts announce themselves even when nobody knows their addresses. Responders that no inventory record
        lists are printed; --output writes them as scan-format JSON Lines without a record, so `drift` shows them.
        """,
        options: [.inventory] + ProbeRunner.sharedOptions + [
            OptionSpec("--link", value: "IFACE", "Discover on this interface's link (ff02::1 echo and neighbour tables)."),
            OptionSpec("--wait", value: "MS", "With --link: how long to collect answers (default 2000)."),
            OptionSpec("--max-targets", value: "N", "Largest prefix sweep allowed (default 65536)."),
            OptionSpec("--all", "List every responder, inventoried or not."),
            OptionSpec("--outside-scope", "Allow a prefix outside the inventory's scope."),
            OptionSpec("--output", short: "-o", value: "FILE", "Also write the new hosts as JSON Lines to FILE."),
            .json,
        ],
        positionals: [PositionalSpec("PREFIX", optional: true, repeating: true, "Prefixes to sweep, e.g. 198.18.72.0/24 2001:db8:a00:4201::/120.")],
        examples: [
            "sudo v6ready discover 198.18.72.0/24 --rate 2000",
            "sudo v6ready discover --link eth0",
            "sudo v6ready discover --link veth0 --netns lab-scan --json",
        ],
        run: run)

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let link = args.value("--link")
        guard link != nil || !args.positionals.isEmpty else { throw .usage("give a PREFIX to sweep or --link IFACE", args.command) }
        if let link, !NeighbourTable.isValidInterfaceName(link) { throw .usage("--link: \(quotedArgument(link)) is not an interface name", args.command) }
        let runner = try ProbeRunner(arguments: args)
        let limit = try args.integer("--max-targets", in: 1...100_000_000) ?? 65_536
        let wait = try args.integer("--wait", in: 10...60_000) ?? 2000
        let store = try? InventoryStore.locate(args.value("--inventory"), console: console)
        let inventory = try store?.load()
        var known: [IPAddress: String] = [:]
        for device in inventory?.devices ?? [] { for a in device.ipv4 + device.ipv6 { known[a] = device.id } }
        for service in inventory?.services ?? [] { for a in service.ipv4 + service.ipv6 where known[a] == nil { known[a] = service.id } }

        var sources: [TargetStream.Source] = []
        for text in args.positionals {
            do {
                let prefix = try IPPrefix(parsing: text)
                sources.append(.prefix(try prefix.addresses(limit: limit)))
            } catch {
                throw .usage("\(error.message)\(error.message.contains("limit") ? "; raise --max-targets to sweep it" : "")", args.command)
            }
        }
        try ProbeCommand.checkScope(sources, args: args, console: console)
        try runner.enterNamespace()
        let engine = try runner.openEngine(console: &console)

        var responders: [(address: IPAddress, how: String)] = []
        if !sources.isEmpty {
            var targets = TargetStream(sources)
            let summary = runner.run(engine, targets: &targets, total: targets.count, console: &console) { result in
                if result.status == .reachable { responders.append((result.address, "echo")) }
            }
            console.error(ProbeRunner.describe(summary))
        }
        if let link {
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
                if !responders.contains(where: { $0.address.withoutZoneForDisplay == address }) { responders.append((address, "neighbour table")) }
            }
        }
        var seen = Set<IPAddress>()
        let unique = responders.filter { seen.insert($0.address.withoutZoneForDisplay).inserted }.sorted { $0.address < $1.address }
        let showAll = args.flag("--all")
        var lines = ""
        var table = TextTable(["ADDRESS", "FOUND BY", "INVENTORY"])
        var newCount = 0
        for responder in unique {
            let record = known[responder.address.withoutZoneForDisplay]
            if record == nil { newCount += 1 }
            guard showAll || record == nil else { continue }
            table.add([responder.address.description, responder.how, record ?? "not in inventory"])
            let result = ProbeResult(target: responder.address.description, address: responder.address.withoutZoneForDisplay, method: .icmp,
                                     status: .reachable, detail: "discovered (\(responder.how))", sent: 1, received: 1, record: record)
            lines += result.jsonLine + "\n"
        }
        if let output = args.value("--output") {
            do { try AtomicFile.write(Array(lines.utf8), to: console.resolve(output)) } catch { throw .environment("cannot write \(output): \(error)") }
        }
        if args.flag("--json") { console.outRaw(lines) } else { console.outRaw(table.render()) }
        console.error("\(unique.count) responders, \(newCount) not in the inventory\(inventory == nil ? " (no inventory found: every responder is new)" : "")")
        return .success
    }
}

extension IPAddress {
    /// The address as inventories write it (link-local zones are not part of an inventory address).
    var withoutZoneForDisplay: IPAddress {
        if case let .v6(a) = self, a.zone != nil { return .v6(IPv6Address(high: a.high, low: a.low)) }
        return self
    }
}
