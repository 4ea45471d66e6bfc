/// The sequence map from replies to echo probes, in the manner of iputils ping and fping: one table slot per 16-bit
/// sequence number, one random identifier and one random 8-byte cookie per run.
///
/// A reply is credited only when its identifier and cookie are this run's, its sequence is in flight and it comes from
/// the probed address. An ICMP error is credited when the echo request it quotes carries our identifier (and cookie,
/// when quoted) and an in-flight sequence, and was addressed to the probe's target; the error itself may come from
/// any router. Everything else is dropped and counted in `counters`, never credited.
///
/// The table holds all 65,536 sequences at once (about 3 MB), so any number of probes up to that can be in flight.
/// Sweeps with more targets recycle sequences: `nextFreeSequence()` hands them out first-freed first-reused, so a
/// sequence is reused as late as possible and a straggling reply rarely meets a new probe with the same number.
/// Every operation is O(1) (amortised for `nextFreeSequence` and `removeExpired`), and nothing allocates per packet.
public struct ProbeMatcher: Sendable {
    /// Every 16-bit sequence number.
    public static let sequenceCount = 65_536

    /// The ICMP identifier of this run's echo requests.
    public let identifier: UInt16
    /// The first eight payload bytes of this run's echo requests.
    public let cookie: UInt64
    /// Packets dropped so far, by reason.
    public private(set) var counters = DropCounters()
    /// Probes registered and not yet answered, removed or expired.
    public private(set) var inFlightCount = 0

    private var slots: [Slot]
    /// Sequences not in flight, oldest-freed first. A sequence registered directly (not taken from the front) may
    /// linger in here while in flight; `nextFreeSequence` skips such entries.
    private var freeSequences: RingQueue<UInt16>
    /// Registrations in order, for `removeExpired`. Stale records (answered, removed, re-registered) are skipped.
    private var registrations: RingQueue<Registration>

    /// A matcher for a run with the given identity (tests, or a scheduler that draws its own random numbers).
    /// `firstSequence` is the first number `nextFreeSequence` hands out.
    public init(identifier: UInt16, cookie: UInt64, firstSequence: UInt16 = 0) {
        self.identifier = identifier
        self.cookie = cookie
        slots = Array(repeating: Slot(), count: Self.sequenceCount)
        freeSequences = RingQueue(minimumCapacity: Self.sequenceCount)
        registrations = RingQueue(minimumCapacity: 1024)
        var sequence = firstSequence
        for _ in 0..<Self.sequenceCount {
            freeSequences.append(sequence)
            slots[Int(sequence)].queued = true
            sequence &+= 1
        }
    }

    /// A matcher with a random identifier, cookie and first sequence, so parallel runs (and other pings on the host)
    /// do not collide.
    public init<Generator: RandomNumberGenerator>(using generator: inout Generator) {
        self.init(identifier: UInt16.random(in: .min ... .max, using: &generator),
                  cookie: UInt64.random(in: .min ... .max, using: &generator),
                  firstSequence: UInt16.random(in: .min ... .max, using: &generator))
    }

    /// A matcher with an identity from the system's random number generator.
    public init() {
        var generator = SystemRandomNumberGenerator()
        self.init(using: &generator)
    }

    // MARK: - Sequences

    /// True when `sequence` has no probe in flight and may be registered.
    public func isFree(_ sequence: UInt16) -> Bool {
        slots[Int(sequence)].state != .inFlight
    }

    /// The sequence to use for the next probe (the one freed longest ago), or nil when all 65,536 are in flight.
    /// It stays the answer until it is registered, so register each sequence before asking for the next (for a
    /// `sendmmsg` batch: take, register and encode each slot, then send; `remove` the ones the kernel refused).
    public mutating func nextFreeSequence() -> UInt16? {
        while let sequence = freeSequences.first {
            if slots[Int(sequence)].state != .inFlight { return sequence }
            freeSequences.removeFirst()
            slots[Int(sequence)].queued = false
        }
        return nil
    }

    // MARK: - Probes

    /// Records that an echo request with `sequence` was sent to `target` at `sentAt` (nanoseconds, monotonic).
    /// `removeExpired` assumes `sentAt` does not decrease from one registration to the next.
    ///
    /// - Precondition: `isFree(sequence)`; overwriting an in-flight probe would lose it.
    public mutating func register(sequence: UInt16, target: IPAddress, sentAt: UInt64, token: Int, attempt: Int = 0) {
        let index = Int(sequence)
        precondition(slots[index].state != .inFlight, "sequence \(sequence) is already in flight")
        if slots[index].queued, freeSequences.first == sequence {
            freeSequences.removeFirst()
            slots[index].queued = false
        }
        let key = AddressKey(target)
        slots[index].state = .inFlight
        slots[index].generation &+= 1
        slots[index].family = key.family
        slots[index].addressHigh = key.high
        slots[index].addressLow = key.low
        slots[index].sentAt = sentAt
        slots[index].token = token
        slots[index].attempt = attempt
        inFlightCount += 1
        registrations.append(Registration(sequence: sequence, generation: slots[index].generation, sentAt: sentAt))
    }

    /// The probe in flight with `sequence`, if any.
    public func probe(sequence: UInt16) -> InFlightProbe? {
        let slot = slots[Int(sequence)]
        guard slot.state == .inFlight else { return nil }
        return slot.probe(sequence: sequence)
    }

    /// Takes a probe out of flight without an answer (the send failed, or the scheduler gave up on it). A reply that
    /// still arrives for it counts as `unknownSequence`.
    @discardableResult
    public mutating func remove(sequence: UInt16) -> InFlightProbe? {
        guard let probe = probe(sequence: sequence) else { return nil }
        release(sequence, as: .free)
        return probe
    }

    /// Takes every probe sent before `deadline` out of flight and returns them, oldest first: the timeouts. A reply
    /// that still arrives for one counts as `late`.
    public mutating func removeExpired(sentBefore deadline: UInt64) -> [InFlightProbe] {
        var expired: [InFlightProbe] = []
        removeExpired(sentBefore: deadline) { expired.append($0) }
        return expired
    }

    /// Takes every probe sent before `deadline` out of flight, handing each to `body`, oldest first (no array built).
    public mutating func removeExpired(sentBefore deadline: UInt64, _ body: (InFlightProbe) -> Void) {
        while let record = registrations.first, record.sentAt < deadline {
            registrations.removeFirst()
            let slot = slots[Int(record.sequence)]
            guard slot.state == .inFlight, slot.generation == record.generation else { continue }
            release(record.sequence, as: .expired)
            body(slot.probe(sequence: record.sequence))
        }
    }

    // MARK: - Matching

    /// Credits a decoded packet to the probe it answers, or says why not (and counts it). `source` is the address the
    /// packet came from; `receivedAt` is in the same nanoseconds as `sentAt`.
    public mutating func match(_ decoded: DecodedICMP, from source: IPAddress, receivedAt: UInt64) -> MatchOutcome {
        switch decoded {
        case .echoReply(let reply):
            guard reply.identifier == identifier, reply.cookie == cookie else { return drop(.foreignIdentifier) }
            let index = Int(reply.sequence)
            if let reason = Self.unavailable(slots[index].state) {
                // A free slot knows no target; an answered or expired one tells a repeat from a stray.
                return drop(reason == .unknownSequence || slots[index].matches(AddressKey(source)) ? reason : .wrongSource)
            }
            guard slots[index].matches(AddressKey(source)) else { return drop(.wrongSource) }
            let probe = slots[index].probe(sequence: reply.sequence)
            release(reply.sequence, as: .answered)
            return .reply(probe, rtt: Self.elapsed(from: probe.sentAt, to: receivedAt))

        case .error(let error):
            switch error.quoted.transport {
            case .icmpEcho(let quotedIdentifier, let sequence, let quotedCookie):
                guard quotedIdentifier == identifier, quotedCookie == nil || quotedCookie == cookie else {
                    return drop(.foreignIdentifier)
                }
                let index = Int(sequence)
                let aimedAtTarget = slots[index].matches(AddressKey(error.quoted.destination))
                if let reason = Self.unavailable(slots[index].state) {
                    return drop(reason == .unknownSequence || aimedAtTarget ? reason : .wrongQuotedDestination)
                }
                guard aimedAtTarget else { return drop(.wrongQuotedDestination) }
                let probe = slots[index].probe(sequence: sequence)
                release(sequence, as: .answered)
                return .icmpError(probe, error, reporter: source, rtt: Self.elapsed(from: probe.sentAt, to: receivedAt))
            case .tcp, .udp:
                return .transportError(error, reporter: source)
            case .other, .laterFragment:
                return drop(.notOurs)
            }

        case .ignored:
            return drop(.notOurs)
        case .malformed:
            return drop(.malformed)
        }
    }

    // MARK: - Internals

    private mutating func drop(_ reason: MatchDropReason) -> MatchOutcome {
        counters[reason] += 1
        return .dropped(reason)
    }

    /// Why a slot in this state cannot take an answer, or nil when it is in flight.
    private static func unavailable(_ state: SlotState) -> MatchDropReason? {
        switch state {
        case .inFlight: nil
        case .answered: .duplicate
        case .expired: .late
        case .free: .unknownSequence
        }
    }

    private static func elapsed(from sentAt: UInt64, to receivedAt: UInt64) -> UInt64 {
        receivedAt >= sentAt ? receivedAt - sentAt : 0
    }

    private mutating func release(_ sequence: UInt16, as state: SlotState) {
        let index = Int(sequence)
        slots[index].state = state
        inFlightCount -= 1
        if !slots[index].queued {
            freeSequences.append(sequence)
            slots[index].queued = true
        }
    }

    private enum SlotState: UInt8, Sendable {
        /// Never used, or removed by the scheduler.
        case free
        case inFlight
        /// Answered by a reply or an error; kept to recognise duplicates until reused.
        case answered
        /// Timed out; kept to recognise late answers until reused.
        case expired
    }

    /// One sequence's probe. Plain data (the address as two words, not an `IPAddress`), so the table is one flat
    /// allocation and matching is integer compares.
    private struct Slot: Sendable {
        var state = SlotState.free
        var queued = false
        var family = AddressFamily.v4
        var generation: UInt32 = 0
        var addressHigh: UInt64 = 0
        var addressLow: UInt64 = 0
        var sentAt: UInt64 = 0
        var token = 0
        var attempt = 0

        func matches(_ key: AddressKey) -> Bool {
            key.family == family && key.low == addressLow && key.high == addressHigh
        }

        func probe(sequence: UInt16) -> InFlightProbe {
            let target: IPAddress = family == .v4
                ? .v4(IPv4Address(UInt32(truncatingIfNeeded: addressLow)))
                : .v6(IPv6Address(high: addressHigh, low: addressLow))
            return InFlightProbe(sequence: sequence, target: target, sentAt: sentAt, token: token, attempt: attempt)
        }
    }

    private struct Registration: Sendable {
        var sequence: UInt16
        var generation: UInt32
        var sentAt: UInt64
    }

    /// An address as family and 128 bits, zone dropped (a reply's source never carries the zone name we probed with).
    private struct AddressKey {
        var family: AddressFamily
        var high: UInt64
        var low: UInt64

        init(_ address: IPAddress) {
            switch address {
            case .v4(let v4):
                family = .v4; high = 0; low = UInt64(v4.value)
            case .v6(let v6):
                family = .v6; high = v6.high; low = v6.low
            }
        }
    }
}
