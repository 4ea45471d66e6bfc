import V6Core

/// `v6ready lan IFACE`: router advertisements, DHCPv6 and neighbours on one link, judged against its segment.
struct LANCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["lan"], abstract: "Audit a LAN's IPv6 control plane: router advertisements, DHCPv6, rogues and neighbours.",
        discussion: """
        Sends a Router Solicitation to ff02::2 and listens --listen seconds for the routers' advertisements (solicited
        and periodic); sends a DHCPv6 Solicit and an Information-request to ff02::1:2 and collects the servers'
        Advertise and Reply; sends an echo to ff02::1 and reads the neighbour table. All from raw ICMPv6 and UDP
        (port 546) sockets opened before every privilege is dropped; nothing is committed on the network (a Solicit
        only asks for offers).
        Then it judges the link against its inventory segment (--segment, or the one whose prefix the routers
        announce): can hosts get an IPv6 address and DNS over IPv6 (green, yellow, red), and what is wrong, with
        stable codes: no-ra, rogue-ra (a router not in the segment's "routers"), ra-prefix-outside-segment,
        zero-lifetime, no-address, no-dns, managed-without-dhcpv6, dhcpv6-rogue, mtu-mismatch, pref64 (NAT64 prefix,
        RFC 8781) and unknown-neighbour. Routers are recognised by link-layer address: each router address of the
        segment gets an echo first, so the neighbour table knows it. --json prints the lan object of
        docs/scan-format.md. Exit 0 when green, 1 when yellow or red.
        """,
        examples: [
            "sudo v6ready lan eth0",
            "sudo v6ready lan eth0 --segment so-tttt-lan --listen 10",
            "sudo v6ready lan veth0 --netns lab-client --json | jq '.findings[].code'",
        ])

    @OptionGroup var inventory: InventoryOptions
    @OptionGroup var audit: LANAuditOptions
    @Option("--netns", value: "NAME", help: "Audit from inside network namespace NAME (ip netns), e.g. a lab or a VRF.") var namespace: String?
    @OptionGroup var privileges: PrivilegeOptions
    @Flag(.json) var json: Bool
    @Argument("IFACE", help: "The interface on the LAN, e.g. eth0.") var interface: String

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        // The inventory is optional (without one nothing is judged against a segment), unless a segment is named.
        let inventory: Inventory?
        if audit.segment != nil || self.inventory.path != nil {
            inventory = try self.inventory.store(console).load()
        } else {
            inventory = try? (try? self.inventory.store(console))?.load()
        }
        let workflow = try LANAuditWorkflow(interface: interface, options: audit, inventory: inventory)
        try ProbeSession(namespace: namespace).enterNamespace()
        let link = try workflow.open()
        try ProbeSession.dropPrivileges(console: console)
        let verdict = workflow.audit(link)
        if json {
            console.out(verdict.jsonLine)
        } else {
            for line in verdict.textLines() { console.out(line) }
        }
        if inventory == nil { console.error("v6ready: no inventory found: nothing was judged against a segment (--inventory DIR)") }
        return verdict.colour == .green ? .success : .findings
    }
}

extension LANCommand: ProbingCommand {
    var opensSockets: Bool { true }
    var requestedUser: String? { privileges.user }
}
