import Foundation
import Testing
import V6Core
@testable import V6Lab

@Suite(.enabled(if: LabGate.labs)) struct LabTearDownTests {
    let spec = LabSpec(hosts: [LabHost("web", addresses: [IPAddress("192.0.2.80")!, IPAddress("2001:db8:80::1")!],
                                       openTCPPorts: [80, 443])])

    /// Everything a torn-down lab leaves: its namespaces, root interfaces with its id, listener processes still
    /// running, its registry directory.
    func remains(of lab: Lab, listeners: [Int32]) throws -> [String] {
        lab.existingNamespaces
            + (try rootInterfaces(withPrefix: lab.id.hex))
            + listeners.filter(processExists).map { "process \($0)" }
            + (FileManager.default.fileExists(atPath: LabRegistry.directory(of: lab.id)) ? ["registry"] : [])
    }

    @Test func tearDownRemovesNamespacesListenersAndRegistration() throws {
        let lab = try Lab.create(spec)
        defer { try? lab.tearDown() }
        let listeners = lab.listenerProcessIDs
        #expect(listeners.count == 2)
        #expect(listeners.allSatisfy(processExists))
        #expect(lab.existingNamespaces.count == 3)
        #expect(FileManager.default.fileExists(atPath: lab.scannerNamespacePath))
        #expect(Lab.registered().contains { $0.layout.id == lab.id.hex })
        try lab.tearDown()
        #expect(try remains(of: lab, listeners: listeners).isEmpty)
        try lab.tearDown()  // a second call is harmless
    }

    @Test(.enabled(if: LabGate.delay)) func aDelayedLinkStopsItsRelayAndLeavesNoInterface() throws {
        var delayed = spec
        delayed.hosts[0].behaviours = [.impaired(LabImpairment(delayMilliseconds: 5))]
        let lab = try Lab.create(delayed)
        defer { try? lab.tearDown() }
        let host = try #require(lab.layout.hosts.first)
        let router = try #require(lab.routerNamespace)
        // Both TUN ends exist inside their namespaces, none in the root namespace.
        #expect(try lab.run(in: host.namespace, .ip, ["link", "show", host.interface]).standardOutput.contains("POINTOPOINT"))
        #expect(try lab.run(in: router, .ip, ["link", "show", host.routerInterface]).succeeded)
        #expect(try rootInterfaces(withPrefix: lab.id.hex).isEmpty)
        let relays = lab.delayRelays
        #expect(relays.count == 1 && relays.allSatisfy(\.isRunning))
        #expect(Self.threadNames().contains("v6ready delay"), "the relay thread is named for ps -L")
        try lab.tearDown()
        #expect(try remains(of: lab, listeners: []).isEmpty)
        #expect(relays.allSatisfy { !$0.isRunning }, "the relay thread ended")
        #expect(lab.delayRelays.isEmpty)
        for relay in relays { relay.stop() }  // a second stop returns at once
    }

    @Test(.enabled(if: LabGate.delay)) func aPersistentLabRefusesDelay() throws {
        var delayed = spec
        delayed.hosts[0].behaviours = [.impaired(LabImpairment(delayMilliseconds: 5))]
        let registeredBefore = Set(LabRegistry.registeredIDs())
        #expect {
            try Lab.create(delayed, persistent: true)
        } throws: { error in
            "\(error)".contains("persistent lab (lab up) cannot have it")
        }
        #expect(Set(LabRegistry.registeredIDs()).isSubset(of: registeredBefore), "the claimed id is released")
    }

    /// The names of this process's threads (`/proc/self/task/*/comm`, 15 bytes at most).
    static func threadNames() -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { task in
            FileManager.default.contents(atPath: "/proc/self/task/\(task)/comm").map {
                String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
    }

    @Test func withTearsDownWhenTheBodyThrows() throws {
        var built: Lab?
        var listeners: [Int32] = []
        #expect(throws: ExpectedFailure.self) {
            try Lab.with(spec) { lab in
                built = lab
                listeners = lab.listenerProcessIDs
                #expect(!lab.existingNamespaces.isEmpty)
                throw ExpectedFailure()
            }
        }
        let lab = try #require(built)
        #expect(!listeners.isEmpty)
        #expect(try remains(of: lab, listeners: listeners).isEmpty)
    }

    @Test func leftoversOfADeadOwnerAreRemovedAndLiveLabsKept() throws {
        let lab = try Lab.create(spec)
        defer { try? lab.tearDown() }
        // A namespace that starts with the prefix but breaks the pattern must survive any clean-up.
        let foreign = lab.id.namespacePrefix + "Keep"
        try LabCommand.check(.ip, ["netns", "add", foreign])
        defer { _ = try? LabCommand.run(.ip, ["netns", "delete", foreign]) }

        #expect(try Lab.removeLeftovers(prefix: lab.id.namespacePrefix).isEmpty, "the owner (this process) lives")
        #expect(lab.existingNamespaces.count == 4)

        // Pretend the owner died: the lab is now stale.
        var registration = try #require(LabRegistry.load(lab.id))
        registration.ownerPID = Int32.max
        try LabRegistry.save(registration)
        let listeners = lab.listenerProcessIDs
        let removed = try Lab.removeLeftovers(prefix: lab.id.namespacePrefix)
        #expect(Set(removed) == Set(lab.namespaces))
        #expect(lab.existingNamespaces == [foreign])
        #expect(listeners.allSatisfy { !processExists($0) })
        #expect(!FileManager.default.fileExists(atPath: LabRegistry.directory(of: lab.id)))
    }

    /// A run killed half-way (its owner gone) leaves real servers and the scanner's resolver file; the sweep that
    /// the next demo or `lab down --all` makes removes them with the namespaces.
    @Test(.enabled(if: LabServerProgram.missing([.nsd, .socat]) == nil))
    func aDeadOwnersServersAndResolverFileAreSweptToo() throws {
        let zone = LabDNSZone(origin: "lab.example", primary: "ns.lab.example.", records: [.init("ns", "A", "192.0.2.53")])
        let addresses = [IPAddress("192.0.2.53")!, IPAddress("2001:db8:53::53")!]
        let lab = try Lab.create(LabSpec(hosts: [
            LabHost("ns", addresses: addresses, servers: [
                .nameServer(addresses: addresses, zones: [zone]),
                .mail(LabMailServer(greeting: [addresses[0]], mute: [addresses[1]], banner: "mx.lab.example ESMTP")),
            ]),
        ], resolver: LabResolver(zones: [zone])))
        defer { try? lab.tearDown() }
        let servers = lab.serverProcesses
        #expect(servers.count == 4 && servers.allSatisfy(\.isRunning), "nsd, two smtp listeners, the resolver's nsd")
        #expect(try lab.connect(addresses[1], port: 25) == .connected)
        let folder = LabResolvConf.folder(of: lab.scannerNamespace)
        #expect(FileManager.default.fileExists(atPath: folder + "/resolv.conf"))

        var registration = try #require(LabRegistry.load(lab.id))
        registration.ownerPID = Int32.max
        try LabRegistry.save(registration)
        let pids = servers.map(\.processIdentifier)
        #expect(Set(try Lab.removeLeftovers(prefix: lab.id.namespacePrefix)) == Set(lab.namespaces))
        #expect(pids.allSatisfy { !processExists($0) }, "every server ended with its namespace")
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(servers.allSatisfy { !FileManager.default.fileExists(atPath: $0.directory) })
        #expect(try remains(of: lab, listeners: []).isEmpty)
    }

    @Test func aPersistentLabSurvivesLeftoverRemovalUntilTornDownByID() throws {
        let lab = try Lab.create(spec, persistent: true)
        defer { try? Lab.tearDown(id: lab.id) }
        var registration = try #require(LabRegistry.load(lab.id))
        registration.ownerPID = Int32.max
        try LabRegistry.save(registration)
        #expect(try Lab.removeLeftovers(prefix: lab.id.namespacePrefix).isEmpty)
        let attached = try Lab.attach(id: lab.id)
        #expect(attached.address(of: "web", .v6) == IPAddress("2001:db8:80::1"))
        #expect(try attached.ping(IPAddress("2001:db8:80::1")!).succeeded)
        try Lab.tearDown(id: lab.id)
        #expect(try remains(of: lab, listeners: lab.listenerProcessIDs).isEmpty)
    }

    @Test func anIDIsClaimedByOneProcessOnly() throws {
        let id = try Lab.claimFreshID()
        defer { try? LabRegistry.remove(id) }
        #expect(try LabRegistry.claim(id) == false, "a second claim of \(id) must fail")
        let other = try Lab.claimFreshID()
        defer { try? LabRegistry.remove(other) }
        #expect(other != id)
    }
}
