import V6Core
import V6Probe

/// What every probing command (probe, scan, discover, check --scan-now) lets the user tune: methods, timing,
/// politeness, where to probe from.
public struct ProbeOptionGroup: ParsableArguments {
    @Option("--tcp", value: "PORTS", help: "Also connect to these TCP ports, e.g. 22,80,443 or 8000-8010.")
    var tcp: PortList?

    @Flag("--no-icmp", help: "Do not send ICMP/ICMPv6 echo requests (TCP only).")
    var noICMP: Bool

    @Option("--timeout", value: "MS", range: 1...60_000, help: "Wait this long for an answer before a retry (default 500).")
    var timeout: Int = 500

    @Option("--retries", value: "N", range: 0...10, help: "Retries after silence, each waiting 1.5x longer (default 2).")
    var retries: Int = 2

    @Option("--rate", value: "N|max", help: "Probes per second in all (default 1000; max: as fast as possible).")
    var rate: ProbeRate = .perSecond(1000)

    @Option("--count", value: "N", range: 1...10_000, help: "Send N echo requests per target and report loss and RTT statistics.")
    var count: Int = 1

    @Option("--interval", value: "MS", range: 1...3_600_000, help: "With --count: time between packets to one target (default 1000).")
    var interval: Int = 1000

    @Option("--size", value: "BYTES", range: 28...65_535, help: "Echo packet size including IP header, for path-MTU tests (default 84 IPv4 / 104 IPv6).")
    var size: Int?

    @Option("--netns", value: "NAME", help: "Probe from inside network namespace NAME (ip netns), e.g. a lab or a VRF.")
    var namespace: String?

    @Option("--parity-ports", value: "PORTS", help: "TCP ports compared over IPv4 and IPv6 for firewall parity, besides a service's own (default 22,23,80,443,445,3389,8080,8443).")
    var parityPorts: PortList?
    @Option("--vantage", value: "dual-stack|ipv6-only", help: "Probe as a client with no IPv4 at all: nothing is sent over IPv4 (IPv4 targets get an error line saying so), names resolve through an IPv6 resolver, NAT64/DNS64 is discovered and every service gets an IPv6-only verdict. Default: detected (a --netns namespace without IPv4 routes is ipv6-only).")
    var vantage: ScanVantage?

    @Option("--workers", value: "N", range: 1...64, help: "Probing threads, each with its own sockets (default 1; with --rate max or 20000 and up, one per core, at most 4).")
    var workers: Int?

    @OptionGroup var privileges: PrivilegeOptions

    public init() {}

    public mutating func validate() throws(CLIError) {
        if let namespace, let why = NamespaceNameRules.problem(with: namespace) { throw .argument("--netns: \(why)") }
        if let size, ICMPEchoEncoder.payloadSize(forPacketSize: size, family: .v4) == nil {
            throw .argument("--size \(size) is too small for a probe (at least \(ICMPEchoEncoder.messageSize(payloadSize: ICMPEchoEncoder.minimumPayloadSize) + 20))")
        }
    }

    /// The engine's options.
    var probeOptions: ProbeOptions {
        var options = ProbeOptions()
        options.icmp = !noICMP
        options.tcpPorts = tcp?.ports ?? []
        options.policy = RetryPolicy(timeoutMilliseconds: timeout, retries: retries)
        options.rate = rate.limit
        options.count = count
        options.intervalMilliseconds = interval
        // One payload size for both families; the IPv6 header is 20 bytes longer, so the same ICMP size.
        if let size, let payload = ICMPEchoEncoder.payloadSize(forPacketSize: size, family: .v4) { options.payloadSize = payload }
        return options
    }

    /// The ports the parity audit compares on every dual-stack record.
    var parityPortList: [Int] { parityPorts?.ports ?? ParitySubject.defaultPorts }
    /// The vantage, once inside the namespace (`VantageResolution`).
    func resolveVantage(console: Console) -> ScanVantage {
        VantageResolution.resolve(given: vantage, namespace: namespace, console: console)
    }

    /// Where and how to probe, ready to open.
    var session: ProbeSession { ProbeSession(options: probeOptions, namespace: namespace, workers: workers) }

    /// For commands that probe only what the user lists: echo off needs ports to connect to.
    func requireSomethingToProbe() throws(CLIError) {
        if noICMP && (tcp?.ports ?? []).isEmpty {
            throw .argument("--no-icmp needs --tcp PORTS: otherwise there is nothing to probe")
        }
    }
}
