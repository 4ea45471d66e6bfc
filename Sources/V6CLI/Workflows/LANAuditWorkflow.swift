import V6Core
import V6Probe
import V6System

/// A LAN audit as `lan` and `scan --lan` run it: check the interface name and the segment, open the link's sockets
/// (inside the namespace the caller entered, before the caller drops privileges), listen, and judge against the
/// inventory segment — the one `--segment` names, or the one whose prefix the routers announce.
struct LANAuditWorkflow {
    var interface: String
    var options: LANAuditOptions
    var inventory: Inventory?

    /// Refuses a bad interface name and a `--segment` the inventory does not have (usage errors, exit 2).
    init(interface: String, options: LANAuditOptions, inventory: Inventory?) throws(CLIError) {
        guard NeighbourTable.isValidInterfaceName(interface) else {
            throw .argument("\(quotedArgument(interface)) is not an interface name")
        }
        if let id = options.segment {
            guard let inventory else { throw .argument("--segment \(quotedArgument(id)) needs an inventory (--inventory DIR)") }
            guard inventory.segments.contains(where: { $0.id == id }) else {
                throw .argument("--segment \(quotedArgument(id)) is not a segment of this inventory")
            }
        }
        self.interface = interface
        self.options = options
        self.inventory = inventory
    }

    /// Opens the raw ICMPv6 and DHCPv6 sockets on the interface (call before dropping privileges).
    func open() throws(CLIError) -> LANLink {
        do { return try LANLink.open(interface: interface) } catch {
            throw .environment(error.message + (error.needsPrivileges || !currentUserIsRoot ? " (a LAN audit needs root or CAP_NET_RAW and CAP_NET_BIND_SERVICE)" : ""))
        }
    }

    /// Listens on the open link and judges what it heard.
    func audit(_ link: LANLink) -> LANVerdict {
        let explicit = options.segment.flatMap { id in inventory.flatMap { LANSegmentContext(segment: id, in: $0) } }
        var inferred: LANSegmentContext?
        let observation = link.observe(listenSeconds: options.listenSeconds) { seen in
            if let explicit { return explicit.addressesToResolve(devicesOf: inventory) }
            guard let inventory, let context = LANSegmentContext.infer(from: seen, in: inventory) else { return [] }
            inferred = context
            return context.addressesToResolve(devicesOf: inventory)
        }
        var context = explicit ?? inferred ?? inventory.flatMap { LANSegmentContext.infer(from: observation, in: $0) }
        if context == nil, let inventory {
            // No segment: still tell unknown neighbours from known ones.
            context = LANSegmentContext(knownAddresses: LANSegmentContext.knownAddresses(of: inventory))
        }
        return LANEvaluator.evaluate(observation, context: context ?? LANSegmentContext())
    }
}
