import Foundation
import Testing
import V6Core
import V6Lab
import V6Probe
import V6System

/// The LAN audit's public API against real radvd and dnsmasq on a bridged lab segment: a good router, a rogue, the
/// PREF64 announcer. Every finding code is covered through the executable (Tests/V6CLITests/.../LANCommandTests).
@Suite("LAN audit: real radvd and dnsmasq on a lab segment", .serialized)
struct LANAuditLabTests {
    static let missing: String? = {
        let support = Lab.isSupported()
        if !support.supported { return support.reason }
        return LabServerProgram.missing([.radvd, .dnsmasq])
    }()

    /// The segment as an inventory would describe it: its router and the NAT64 box as routers.
    static func context(_ lab: LabLAN, assignment: AddressAssignment = .slaac, dhcpv6: Bool? = true,
                        withNAT64: Bool = false) -> LANSegmentContext {
        var routers = [LANSegmentContext.NamedDevice(id: "lab-rtr1", addresses: [lab.address(.router)!])]
        if withNAT64 { routers.append(.init(id: "lab-nat64", addresses: [lab.address(.nat64)!])) }
        let segment = Segment(id: "lab-lan", name: "LAN", site: "lab", kind: .lan, ipv6: [lab.prefix],
                              routers: routers.map(\.id), addressAssignment: assignment, dhcpv6: dhcpv6)
        return LANSegmentContext(segment: segment, routers: routers,
                                 knownAddresses: [lab.address(.router)!: "lab-rtr1", lab.address(.nat64)!: "lab-nat64"])
    }

    /// Opens the audit's sockets in the client namespace and listens there (the neighbour table is read there too).
    static func audit(_ lab: LabLAN, _ context: LANSegmentContext, seconds: Double = 2) throws -> LANVerdict {
        let observation = try NetworkNamespace.withNetworkNamespace(named: lab.namespace(.client)) {
            let link = try LANLink.open(interface: lab.interface(.client))
            return link.observe(listenSeconds: seconds, resolving: context.routers.flatMap(\.addresses))
        }
        return LANEvaluator.evaluate(observation, context: context)
    }

    static func goodRouter(_ lab: LabLAN) -> LabLANRouter {
        LabLANRouter(prefixes: [lab.prefix], otherConfiguration: true, mtu: 1500,
                     dnsServers: [IPAddress("2001:db8:a10:1::53")!], searchDomains: ["lab.vidu.example"])
    }

    @Test("LANLink and LANEvaluator on real daemons: green with unknown neighbours, rogue-ra, pref64; the segment is removed after")
    func realDaemons() throws {
        if let missing = Self.missing {
            print("LANAuditLabTests: skipping: \(missing)")
            return
        }
        var built: [String] = []
        try LabLAN.with { lab in
            built = lab.layout.namespaces
            func codes(_ verdict: LANVerdict) -> Set<String> { Set(verdict.findings.filter { $0.code != .unknownNeighbour }.map(\.code.rawValue)) }

            // Green: SLAAC, RDNSS, the O flag with stateless dnsmasq; the stranger and the rogue box answer ff02::1
            // and are unknown neighbours.
            try lab.startRadvd(in: .router, Self.goodRouter(lab))
            try lab.startDHCPv6(in: .router, LabLANDHCPv6(range: nil, dnsServers: [IPAddress("2001:db8:a10:1::53")!], domains: ["lab.vidu.example"]))
            let green = try Self.audit(lab, Self.context(lab))
            #expect(green.colour == .green, "\(green.textLines().joined(separator: "\n"))")
            #expect(green.routers.map(\.device) == ["lab-rtr1"], "the router is recognised by its link-layer address")
            #expect(green.servers.first?.observed.reply?.dnsServers == [IPv6Address("2001:db8:a10:1::53")!])
            #expect(green.addressAvailable && green.dnsAvailable)
            // The stranger, the rogue box and the NAT64 box (not in this context's inventory) answer ff02::1; a unicast
            // echo half-way makes the kernel resolve each, so every one is reported with its link-layer address.
            let unknown = green.findings(.unknownNeighbour)
            #expect(unknown.count == 3, "\(unknown)")
            #expect(unknown.allSatisfy { $0.message.contains(":") && !$0.message.hasPrefix("host (") }, "\(unknown)")

            // rogue-ra: a second radvd on the link announcing a prefix of its own.
            try lab.startRadvd(in: .rogue, LabLANRouter(prefixes: [lab.roguePrefix], dnsServers: [IPAddress("2001:db8:66:1::53")!]))
            let rogue = try Self.audit(lab, Self.context(lab))
            #expect(codes(rogue) == ["rogue-ra"], "\(rogue.findings)")
            #expect(rogue.colour == .red)
            #expect(rogue.findings(.rogueRA).first?.message.contains(lab.roguePrefix.description) == true)
            lab.stop(.radvd, in: .rogue)

            // pref64: the NAT64 box (one of the segment's routers) announces 64:ff9b::/96.
            try lab.startPREF64Announcer()
            let pref64 = try Self.audit(lab, Self.context(lab, withNAT64: true))
            #expect(codes(pref64) == ["pref64"], "\(pref64.findings)")
            #expect(pref64.colour == .green)
            #expect(pref64.findings(.pref64).first?.message.contains("64:ff9b::/96") == true)
            lab.stopPREF64Announcer()

        }
        // Everything the segment made is gone: its namespaces (with the bridge, the veths and the daemons in them).
        let left = Set((try? FileManager.default.contentsOfDirectory(atPath: "/run/netns")) ?? []).intersection(built)
        #expect(left.isEmpty, "left behind: \(left.sorted())")
    }
}
