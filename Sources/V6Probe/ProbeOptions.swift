import V6Core

/// What a probe run does: methods, timing, politeness. Defaults are polite; `--rate max` removes the limit.
public struct ProbeOptions: Sendable {
    /// Send ICMP/ICMPv6 echo requests.
    public var icmp = true
    /// TCP ports to connect to on every target (a target's own ports are added).
    public var tcpPorts: [Int] = []
    public var policy = RetryPolicy(timeoutMilliseconds: 500, retries: 2)
    /// Probes per second across everything; nil means as fast as the machine goes.
    public var rate: Double? = 1000
    /// Echo requests per target for loss and RTT statistics (1: one probe, retried on silence).
    public var count = 1
    /// Milliseconds between packets to one target in count mode.
    public var intervalMilliseconds = 1000
    /// Echo payload bytes (after the 8-byte ICMP header). A large size tests path MTU.
    public var payloadSize = ICMPEchoEncoder.defaultPayloadSize
    /// Targets in progress at once (echo) in each engine, bounding memory; at most 60,000 (the sequence space).
    public var maxInFlight = 60_000
    /// Connects in progress at once, bounded further by the descriptor limit.
    public var maxConnectsInFlight = 4096
    /// Prefer raw sockets; when false, use ping datagram sockets even as root.
    public var preferRawSockets = true

    public init() {}
}

/// How ICMP could be sent, which decides what a run can see.
public enum ICMPMode: String, Sendable {
    /// Raw sockets: echo replies and every ICMP error, matched through the quoted packet.
    case raw
    /// Linux ping sockets (`net.ipv4.ping_group_range`): echo replies only; errors are not delivered.
    case datagram
    /// No ICMP at all: only TCP probes run.
    case unavailable
}
