/// One echo probe the matcher is waiting on (or was, when it comes back from `remove` or `removeExpired`).
public struct InFlightProbe: Hashable, Sendable {
    public var sequence: UInt16
    /// The probed address (without a zone: packets carry none, and matching ignores it).
    public var target: IPAddress
    /// When the probe was sent, in nanoseconds from the scheduler's monotonic clock.
    public var sentAt: UInt64
    /// The scheduler's handle for the probe (an index into its own target table, say).
    public var token: Int
    /// Which try this was (0 for the first send, 1 for the first retry, ...).
    public var attempt: Int

    public init(sequence: UInt16, target: IPAddress, sentAt: UInt64, token: Int, attempt: Int) {
        self.sequence = sequence
        self.target = target
        self.sentAt = sentAt
        self.token = token
        self.attempt = attempt
    }

    public var family: AddressFamily { target.family }
}

/// What `ProbeMatcher.match` made of a decoded packet.
public enum MatchOutcome: Hashable, Sendable {
    /// An echo reply from the probed address, with our identifier, cookie and an in-flight sequence. `rtt` is in
    /// nanoseconds. The probe is no longer in flight.
    case reply(InFlightProbe, rtt: UInt64)
    /// An ICMP error quoting one of our echo requests to the probed address. `reporter` sent the error (often a router
    /// on the way, not the target). The probe is no longer in flight.
    case icmpError(InFlightProbe, ICMPErrorMessage, reporter: IPAddress, rtt: UInt64)
    /// An ICMP error quoting a TCP or UDP packet: not for the echo table. Hand it to the connect-probe table, which
    /// matches it on the quoted destination address and ports. Not counted as a drop.
    case transportError(ICMPErrorMessage, reporter: IPAddress)
    /// Not credited to any probe; counted in `ProbeMatcher.counters`.
    case dropped(MatchDropReason)
}

/// Why a packet was not credited to a probe.
public enum MatchDropReason: Hashable, Sendable, CaseIterable {
    /// Another identifier, or our identifier with another run's cookie: a parallel run or another ping.
    case foreignIdentifier
    /// Our identifier and cookie, but the sequence is not in flight (removed, never sent).
    case unknownSequence
    /// The probe had already timed out (`removeExpired`) when the answer came.
    case late
    /// The probe had already been answered.
    case duplicate
    /// An echo reply whose source is not the probed address (spoofed, or a reply from another host).
    case wrongSource
    /// An ICMP error quoting one of our sequences, but sent to another destination than the probe's target.
    case wrongQuotedDestination
    /// The decoder found the packet truncated or inconsistent.
    case malformed
    /// Something we did not send: echo requests, neighbour discovery, errors about other protocols' ICMP, ...
    case notOurs

    /// A few words for a summary line.
    public var label: String {
        switch self {
        case .foreignIdentifier: "another prober's"
        case .unknownSequence: "unknown sequence"
        case .late: "after the timeout"
        case .duplicate: "duplicate"
        case .wrongSource: "wrong source"
        case .wrongQuotedDestination: "error about another destination"
        case .malformed: "malformed"
        case .notOurs: "not ours"
        }
    }
}

/// How many packets were dropped, and why: the numbers a scan reports so that "no reply" can be told from "replies
/// that did not fit".
public struct DropCounters: Hashable, Sendable {
    public var foreignIdentifier = 0
    public var unknownSequence = 0
    public var late = 0
    public var duplicate = 0
    public var wrongSource = 0
    public var wrongQuotedDestination = 0
    public var malformed = 0
    public var notOurs = 0

    public init() {}

    /// The count for one reason.
    public subscript(reason: MatchDropReason) -> Int {
        get {
            switch reason {
            case .foreignIdentifier: foreignIdentifier
            case .unknownSequence: unknownSequence
            case .late: late
            case .duplicate: duplicate
            case .wrongSource: wrongSource
            case .wrongQuotedDestination: wrongQuotedDestination
            case .malformed: malformed
            case .notOurs: notOurs
            }
        }
        set {
            switch reason {
            case .foreignIdentifier: foreignIdentifier = newValue
            case .unknownSequence: unknownSequence = newValue
            case .late: late = newValue
            case .duplicate: duplicate = newValue
            case .wrongSource: wrongSource = newValue
            case .wrongQuotedDestination: wrongQuotedDestination = newValue
            case .malformed: malformed = newValue
            case .notOurs: notOurs = newValue
            }
        }
    }

    /// All drops together.
    public var total: Int {
        foreignIdentifier + unknownSequence + late + duplicate + wrongSource + wrongQuotedDestination + malformed
            + notOurs
    }

    /// Adds another counter set (per-socket or per-thread matchers into one report).
    public static func + (lhs: DropCounters, rhs: DropCounters) -> DropCounters {
        var sum = lhs
        for reason in MatchDropReason.allCases { sum[reason] += rhs[reason] }
        return sum
    }
}
