import Testing
import V6Core
import V6System
@testable import V6Probe

/// The engine against loopback only: echo to 127.0.0.1 and ::1, TCP to a listener and to a closed port. ICMP needs
/// root, CAP_NET_RAW or ping sockets; without them the echo test says so and skips.
@Suite struct ProbeEngineTests {
    static let loopback = PerFamily(IPAddress("127.0.0.1")!, IPAddress("::1")!)

    static func options(icmp: Bool, ports: [Int] = []) -> ProbeOptions {
        var options = ProbeOptions()
        options.icmp = icmp
        options.tcpPorts = ports
        options.rate = nil
        options.policy = RetryPolicy(timeoutMilliseconds: 1000, retries: 1)
        return options
    }

    static func run(_ engine: ProbeEngine, _ targets: [ProbeTarget]) -> ([ProbeResult], ProbeRunSummary) {
        var results: [ProbeResult] = []
        var iterator = targets.makeIterator()
        let summary = engine.run(targets: &iterator) { results.append($0) }
        return (results, summary)
    }

    @Test func echoToBothLoopbacksIsReachableWithAnRTT() throws {
        let engine = try ProbeEngine(options: Self.options(icmp: true))
        guard engine.icmpMode != .unavailable else {
            print("skipped: ICMP is not available here (needs root, CAP_NET_RAW or net.ipv4.ping_group_range)")
            return
        }
        for family in AddressFamily.allCases { #expect(engine.channel(family) != nil, "\(family)") }
        let targets = AddressFamily.allCases.map { ProbeTarget(label: "lo-\($0)", address: Self.loopback[$0]) }
        let (results, summary) = Self.run(engine, targets)
        #expect(results.count == 2)
        for family in AddressFamily.allCases {
            let result = try #require(results.first { $0.address == Self.loopback[family] })
            #expect(result.method == .icmp)
            #expect(result.status == .reachable, "\(result)")
            #expect((result.rttMilliseconds ?? -1) >= 0)
        }
        #expect(summary.results == 2)
        #expect(summary.statuses[.reachable] == 2)
        #expect(summary.packetsSent >= 2)
    }

    @Test(arguments: AddressFamily.allCases)
    func tcpToAListenerIsReachableAndToAClosedPortRefused(family: AddressFamily) throws {
        let socketFamily: SocketAddress.Family = family == .v4 ? .ipv4 : .ipv6
        let bindAddress = family == .v4 ? SocketAddress(ipv4: 0x7F00_0001, port: 0) : SocketAddress(ipv6High: 0, low: 1, port: 0)
        let listener = try Socket(socketFamily, .stream)
        try listener.bind(to: bindAddress)
        try listener.listen()
        // Bound but not listening: certainly closed, and nobody else can take it during the test.
        let placeholder = try Socket(socketFamily, .stream)
        try placeholder.bind(to: bindAddress)
        defer { try? listener.close(); try? placeholder.close() }
        let open = Int(try listener.localAddress().port), closed = Int(try placeholder.localAddress().port)

        let engine = try ProbeEngine(options: Self.options(icmp: false, ports: [open, closed]))
        let (results, summary) = Self.run(engine, [ProbeTarget(label: "lo", address: Self.loopback[family])])
        #expect(results.count == 2)
        #expect(results.first { $0.port == open }?.status == .reachable)
        let refused = try #require(results.first { $0.port == closed })
        #expect(refused.status == .refused)
        #expect(refused.detail == "connection refused (RST)")
        #expect(summary.statuses[.reachable] == 1 && summary.statuses[.refused] == 1)
    }

    @Test func everyTargetGetsExactlyOneResultPerMethodAndPort() throws {
        let engine = try ProbeEngine(options: Self.options(icmp: false, ports: [9]))
        // Distinct labels over the two loopbacks; the pull loop must not lose or repeat one.
        let targets = (0..<300).map { ProbeTarget(label: "t\($0)", address: Self.loopback[$0 % 2 == 0 ? .v4 : .v6]) }
        let (results, _) = Self.run(engine, targets)
        #expect(results.count == targets.count)
        #expect(Set(results.map(\.target)).count == targets.count)
    }

    @Test func theEpollTokensOfTheTwoICMPSocketsDifferAndStayBelowTheConnects() {
        let tokens = AddressFamily.allCases.map(ProbeEngine.epollToken)
        #expect(Set(tokens).count == 2)
        #expect(tokens.allSatisfy { $0 < ConnectProbes.tokenBase })
    }
}
