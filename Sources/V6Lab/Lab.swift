import Foundation
import V6Core

/// A running test network of Linux network namespaces, built from a `LabSpec` and removed by `tearDown()`.
///
/// Safety rules it keeps: every address comes from the documentation/benchmark ranges; every veth end lives in a
/// lab namespace from birth, and a delayed link's TUN interfaces are created inside their namespaces; nothing is
/// configured in the root namespace (no route, no address, no qdisc, no nftables table); the scanner is itself a
/// namespace that probes enter with `setns` (`scannerNamespacePath`); no lab namespace has a route out of the lab.
/// Everything the lab creates — delay relays, namespaces and with them their interfaces and nftables tables,
/// background listeners, its registry file — goes at `tearDown()`.
///
/// ```swift
/// try Lab.with(.showcase()) { lab in
///     let address = lab.address(of: "dual", .v6)!
///     let result = try lab.runInScanner(.ping, ["-c1", "-W1", address.description])
/// }
/// ```
public final class Lab: @unchecked Sendable {
    // @unchecked: the mutable state (listener processes, torn-down flag) is guarded by `lock`.

    /// The lab's names and addresses.
    public let layout: LabLayout
    public let id: LabID
    /// A persistent lab survives this object and its process; a non-persistent one is torn down when released.
    public let persistent: Bool

    private let lock = NSLock()
    private var listeners: [Process] = []
    /// The real servers (NSD, nginx, SMTP listeners) this object started; stopped first at tear-down.
    private var servers: [LabServerProcess] = []
    /// The relays of delayed links; they stop (and their TUN interfaces go) first at tear-down.
    private var relays: [LabDelayRelay] = []
    /// TAYGA and Unbound of the IPv6-only client; stopped with the servers.
    private var daemons: [LabDaemon] = []

    /// The delay relays running now (empty once torn down); kept for tests that prove each one stops.
    var delayRelays: [LabDelayRelay] { lock.withLock { relays } }
    private var tornDown = false
    /// The DS records (presentation format) of the zones the lab signed (`LabDNSZone.signing`), for a validator's
    /// `--trust-anchor` file; empty when it signed none.
    public private(set) var trustAnchors: [String] = []

    private init(layout: LabLayout, id: LabID, persistent: Bool) {
        self.layout = layout
        self.id = id
        self.persistent = persistent
    }

    deinit {
        if !persistent { try? tearDown() }
    }

    // MARK: - Building

    /// Builds the lab `spec` describes under a fresh random name. On any failure, whatever was already built is
    /// torn down before the error is thrown. A `persistent` lab is left running when this process exits
    /// (`v6ready lab up`); others are torn down at `tearDown()` or, at the latest, when released.
    public static func create(_ spec: LabSpec, persistent: Bool = false) throws -> Lab {
        try spec.validate()
        let support = isSupported()
        guard support.supported else { throw LabError.unsupported(support.reason) }
        let (spec, anchors) = try spec.signingZones()
        let plan = try LabPlan(spec, id: claimFreshID())
        if !plan.delayedLinks.isEmpty {
            var problem: String?
            if !support.delay { problem = "the spec asks for delay, but \(support.delayReason)" }
            if persistent {
                problem = "the spec asks for delay, which a relay thread of the building process adds, so a "
                    + "persistent lab (lab up) cannot have it; build the lab in the process that uses it (Lab.with)"
            }
            if let problem {
                try? LabRegistry.remove(plan.id)
                throw LabError.unsupported(problem)
            }
        }
        let start = ProcessClock.startTicks(of: ProcessInfo.processInfo.processIdentifier)
        try LabRegistry.save(LabRegistration(
            layout: plan.layout, ownerPID: ProcessInfo.processInfo.processIdentifier, ownerStartTicks: start,
            persistent: persistent, createdAt: Date().timeIntervalSince1970))
        let lab = Lab(layout: plan.layout, id: plan.id, persistent: persistent)
        lab.trustAnchors = anchors
        do {
            try lab.execute(plan)
        } catch {
            try? lab.tearDown()
            throw error
        }
        // A persistent lab's servers outlive this process; `lab down` ends them with the namespaces.
        if persistent { for server in lab.serverProcesses { server.detach() } }
        return lab
    }

    /// Builds a lab, runs `body` with it and tears it down whatever `body` does: returns, throws or fails a test.
    /// The body's error wins over a tear-down error.
    public static func with<Result>(_ spec: LabSpec, _ body: (Lab) throws -> Result) throws -> Result {
        let lab = try create(spec)
        let result: Result
        do {
            result = try body(lab)
        } catch {
            try? lab.tearDown()
            throw error
        }
        try lab.tearDown()
        return result
    }

    /// A lab another process built (for `v6ready lab down`, or the demo attaching to `lab up`'s lab).
    public static func attach(id: LabID) throws -> Lab {
        guard let registration = LabRegistry.load(id) else {
            throw LabError.invalidArgument("no lab \(id.hex) is registered in \(LabRegistry.directory)")
        }
        return Lab(layout: registration.layout, id: id, persistent: true)
    }

    /// The labs registered on this machine, oldest first.
    public static func registered() -> [LabRegistration] {
        LabRegistry.registeredIDs().compactMap(LabRegistry.load).sorted { $0.createdAt < $1.createdAt }
    }

    // MARK: - Names and addresses

    /// The scanner's namespace: run probes here (`ip netns exec NAME`, or `setns` on `scannerNamespacePath`).
    public var scannerNamespace: String { layout.scannerNamespace }
    /// The scanner namespace's file, for `setns(2)` (`v6ready probe --netns NAME` opens it).
    public var scannerNamespacePath: String { "/run/netns/" + layout.scannerNamespace }
    /// The router namespace, when the lab has hosts.
    public var routerNamespace: String? { layout.routerNamespace }
    /// The bulk-targets namespace, when the spec has bulk targets.
    public var bulkNamespace: String? { layout.bulk?.namespace }
    /// Every namespace of the lab.
    public var namespaces: [String] { layout.namespaces }
    /// Host names, spec order.
    public var hostNames: [String] { layout.hosts.map(\.name) }

    /// The namespace of host `name`.
    public func namespace(of host: String) -> String? {
        layout.hosts.first { $0.name == host }?.namespace
    }

    /// Every service address of host `name`, spec order.
    public func addresses(of host: String) -> [IPAddress] {
        (layout.hosts.first { $0.name == host }?.addresses ?? []).compactMap(IPAddress.init)
    }

    /// The first address of `family` of host `name`, or nil (an IPv4-only host has no `.v6` address).
    public func address(of host: String, _ family: AddressFamily) -> IPAddress? {
        addresses(of: host).first { $0.family == family }
    }

    /// The scanner's source address of `family` toward the hosts (or toward the bulk targets when there are no
    /// hosts).
    public func scannerAddress(_ family: AddressFamily) -> IPAddress? {
        layout.scannerAddresses.compactMap(IPAddress.init).first { $0.family == family }
    }

    // MARK: - Looking at the lab

    /// Runs an allow-listed tool inside one of this lab's namespaces; a non-zero exit is returned, not thrown.
    public func run(in namespace: String, _ tool: LabTool, _ arguments: [String],
                    timeout: Duration = LabCommand.defaultTimeout) throws -> LabCommandResult {
        guard layout.namespaces.contains(namespace) else {
            throw LabError.invalidArgument("\(namespace) is not a namespace of lab \(id.hex)")
        }
        return try LabCommand.run(inNamespace: namespace, tool, arguments, timeout: timeout)
    }

    /// Runs an allow-listed tool inside the scanner namespace (`ping`, `socat`, `ss`, ...).
    public func runInScanner(_ tool: LabTool, _ arguments: [String],
                             timeout: Duration = LabCommand.defaultTimeout) throws -> LabCommandResult {
        try run(in: scannerNamespace, tool, arguments, timeout: timeout)
    }

    /// Process ids of the listeners this object started (for tests that check they are gone after tear-down).
    public var listenerProcessIDs: [Int32] {
        lock.withLock { listeners.map(\.processIdentifier) }
    }

    /// The real servers this object started (empty once torn down), for tests that check each one ran and went.
    public var serverProcesses: [LabServerProcess] {
        lock.withLock { servers }
    }

    /// The scanner's name servers, when the lab runs one (`LabSpec.resolver`); they are also in
    /// `/etc/netns/<scanner>/resolv.conf` while the lab exists.
    public var scannerResolvers: [IPAddress] {
        (layout.scannerResolvers ?? []).compactMap(IPAddress.init)
    }

    // MARK: - Tearing down

    /// Removes everything the lab created: stops its listeners and anything else running in its namespaces,
    /// deletes every `v6r-<id>-*` namespace (their interfaces and nftables tables go with them) and its registry
    /// directory. Safe to call twice; every step is attempted even if an earlier one fails, then
    /// `LabError.teardownIncomplete` lists what is left.
    public func tearDown() throws {
        let claimed: (processes: [Process], relays: [LabDelayRelay], servers: [LabServerProcess], daemons: [LabDaemon])? = lock.withLock {
            if tornDown { return nil }
            tornDown = true
            defer { listeners = []; relays = []; servers = []; daemons = [] }
            return (listeners, relays, servers, daemons)
        }
        guard let (processes, relays, servers, daemons) = claimed else { return }
        for relay in relays { relay.stop() }
        for daemon in daemons { daemon.stop() }
        for server in servers { server.stop() }
        try Self.remove(id, namespaces: layout.namespaces, processes: processes)
    }

    /// Tears down the lab `id`, whoever built it (`v6ready lab down`).
    public static func tearDown(id: LabID) throws {
        try remove(id, namespaces: LabRegistry.load(id)?.layout.namespaces ?? [], processes: [])
    }

    // MARK: - Internals

    /// A random id no existing namespace uses, claimed in the registry (see `LabRegistry.claim`) so no other
    /// process can use it until it is torn down.
    static func claimFreshID() throws -> LabID {
        let inUse = Set(LabNamespaces.all().compactMap(LabNames.labID))
        while true {
            let id = LabID.random()
            if !inUse.contains(id), try LabRegistry.claim(id) { return id }
        }
    }

    private func execute(_ plan: LabPlan) throws {
        var started: [(namespace: String, port: Int, process: Process)] = []
        var launched: [LabServerProcess] = []
        var resolvers: [(namespace: String, address: IPAddress, daemon: LabDaemon)] = []
        // Listeners start in step order but are waited for at the end, so their start-up overlaps the rest.
        let steps = plan.steps
        var index = 0
        while index < steps.count {
            // Runs of address and route commands for one namespace go through one `ip -batch` (a lab for an
            // inventory adds hundreds of addresses; one process each would take seconds).
            if let namespace = Self.batchNamespace(steps[index]) {
                var end = index + 1
                while end < steps.count, Self.batchNamespace(steps[end]) == namespace { end += 1 }
                if end - index > 1 {
                    try Self.runBatch(namespace, Array(steps[index..<end]))
                    index = end
                    continue
                }
            }
            let step = steps[index]
            index += 1
            switch step {
            case .command(let tool, let arguments):
                try LabCommand.check(tool, arguments)
            case .inNamespace(let namespace, let tool, let arguments, let input):
                try LabCommand.check(inNamespace: namespace, tool, arguments, input: input)
            case .listen(let namespace, let port):
                let process = try LabListener.start(namespace: namespace, port: port, lab: id)
                lock.withLock { listeners.append(process) }
                started.append((namespace, port, process))
            case .awaitLink(let namespace, let interface):
                try Self.awaitLink(namespace: namespace, interface: interface)
            case .delayedLink(let link):
                let relay = try LabDelayRelay.start(link)
                lock.withLock { relays.append(relay) }
            case .serve(let namespace, let server):
                let processes = try Self.launch(server, in: namespace)
                lock.withLock { servers += processes }
                launched += processes
            case .resolvConf(let namespace, let nameservers):
                try LabResolvConf.write(nameservers: nameservers, for: namespace, lab: id)
            case .daemon(let namespace, let daemon):
                let running = try Self.start(daemon, in: namespace)
                lock.withLock { daemons.append(running.daemon) }
                if let address = running.awaitUDP { resolvers.append((namespace, address, running.daemon)) }
            }
        }
        for listener in started {
            try LabListener.waitUntilListening(listener.process, namespace: listener.namespace, port: listener.port,
                                               lab: id)
        }
        for server in launched { try server.waitUntilReady() }
        for resolver in resolvers { try resolver.daemon.waitUntilListening(udpPort: 53, address: resolver.address) }
    }

    /// Starts TAYGA or Unbound in `namespace`, files in a private directory; Unbound's address to wait for.
    static func start(_ daemon: LabTranslatorDaemon, in namespace: String) throws -> (daemon: LabDaemon, awaitUDP: IPAddress?) {
        let directory = try LabServerProcess.makeDirectory(for: daemon.program, namespace: namespace)
        switch daemon {
        case .nat64(let nat64):
            try LabServerProcess.write(try nat64.configuration(directory: directory), to: "tayga.conf", in: directory)
            return (try LabDaemon.start(.tayga, ["--nodetach", "-c", directory + "/tayga.conf", "-p", directory + "/tayga.pid"],
                                        namespace: namespace, directory: directory, pidFile: directory + "/tayga.pid"), nil)
        case .dns64(let resolver):
            try LabServerProcess.write(resolver.configuration(directory: directory), to: "unbound.conf", in: directory)
            return (try LabDaemon.start(.unbound, ["-d", "-c", directory + "/unbound.conf"], namespace: namespace,
                                        directory: directory, pidFile: directory + "/unbound.pid"), resolver.address)
        }
    }

    /// Starts a server's processes without waiting for them.
    static func launch(_ server: LabServer, in namespace: String) throws -> [LabServerProcess] {
        switch server {
        case .nameServer(let addresses, let zones):
            return [try LabDNSServer.launch(in: namespace, addresses: addresses, zones: zones)]
        case .web(let sites):
            return [try LabWebServer.launch(in: namespace, sites: sites)]
        case .mail(let mail):
            return try mail.launch(in: namespace)
        }
    }

    /// The namespace of an `ip -n NS [-6] addr|route ...` step, which `ip -batch` can run; nil for anything else.
    static func batchNamespace(_ step: LabStep) -> String? {
        guard case .command(.ip, let arguments) = step, arguments.count > 3, arguments[0] == "-n" else { return nil }
        let object = arguments[2] == "-6" ? arguments[3] : arguments[2]
        return object == "addr" || object == "route" ? arguments[1] : nil
    }

    /// Runs `ip -n NAMESPACE -batch -` with one line per step (the family follows from each address, so `-6` is
    /// dropped). ip stops at the first failing line; the error names that step.
    static func runBatch(_ namespace: String, _ steps: [LabStep]) throws {
        var lines: [String] = []
        for step in steps {
            guard case .command(.ip, let arguments) = step else { continue }
            let words = arguments.dropFirst(2).filter { $0 != "-6" }
            for word in words { try LabCommand.validate(argument: word) }
            lines.append(words.joined(separator: " "))
        }
        let result = try LabCommand.run(.ip, ["-n", namespace, "-batch", "-"],
                                        input: lines.joined(separator: "\n") + "\n")
        guard !result.succeeded else { return }
        // "Command failed -:LINE" names the line.
        var failed = steps.first?.description ?? result.commandLine
        if let range = result.standardError.range(of: "Command failed -:"),
           let line = Int(result.standardError[range.upperBound...].prefix { $0.isNumber }),
           steps.indices.contains(line - 1) {
            failed = steps[line - 1].description
        }
        throw LabError.commandFailed(LabCommandFailure(commandLine: failed, status: result.status,
                                                       standardError: result.standardError))
    }

    /// Polls (up to 5 s) until the veth end has an IPv6 link-local address that is not tentative.
    static func awaitLink(namespace: String, interface: String) throws {
        try LabNames.validateInterface(interface)
        let deadline = Date().addingTimeInterval(5)
        var last = ""
        repeat {
            let addresses = try LabCommand.check(.ip, ["-n", namespace, "-6", "-o", "addr", "show", "dev", interface,
                                                       "scope", "link"]).standardOutput
            if !addresses.isEmpty && !addresses.contains("tentative") { return }
            last = addresses
            Thread.sleep(forTimeInterval: 0.005)
        } while Date() < deadline
        throw LabError.commandFailed(LabCommandFailure(
            commandLine: "ip -n \(namespace) -6 -o addr show dev \(interface) scope link", status: nil,
            standardError: "the link did not become ready for IPv6 within 5 s: \(last)"))
    }

    static func remove(_ id: LabID, namespaces known: [String], processes: [Process]) throws {
        var problems: [String] = []
        for process in processes where process.isRunning { process.terminate() }
        // Every namespace with the lab's prefix, not only the planned ones: a half-built lab is removed too.
        let namespaces = Set(known + LabNamespaces.all().filter { $0.hasPrefix(id.namespacePrefix) })
            .filter(LabNames.isLabNamespace).sorted()
        for namespace in namespaces {
            if let problem = LabNamespaces.killProcesses(in: namespace) { problems.append(problem) }
        }
        for process in processes {
            let deadline = Date().addingTimeInterval(3)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
            if process.isRunning { problems.append("listener process \(process.processIdentifier) still runs") }
        }
        for namespace in namespaces where LabNamespaces.exists(namespace) {
            do {
                try LabCommand.check(.ip, ["netns", "delete", namespace])
            } catch {
                problems.append("\(namespace): \(error)")
            }
        }
        // The namespaces' /etc/netns folders (the scanner's resolv.conf), including those of namespaces gone already.
        let folders = Set(namespaces + LabResolvConf.labFolders().filter { $0.hasPrefix(id.namespacePrefix) })
        for namespace in folders.sorted() {
            if let problem = LabResolvConf.remove(for: namespace) { problems.append(problem) }
        }
        problems += LabNamespaces.all().filter { $0.hasPrefix(id.namespacePrefix) && LabNames.isLabNamespace($0) }
            .map { "\($0) still exists" }
        do {
            try LabRegistry.remove(id)
        } catch {
            problems.append("\(LabRegistry.directory(of: id)): \(error.localizedDescription)")
        }
        if !problems.isEmpty { throw LabError.teardownIncomplete(problems) }
    }
}
