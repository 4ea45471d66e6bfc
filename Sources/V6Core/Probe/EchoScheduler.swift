/// One echo request the engine must put on the wire now.
public struct EchoSend: Sendable, Equatable {
    public var sequence: UInt16
    public var address: IPAddress
    /// The scheduler's handle for the target, handed back in `sendFailed`.
    public var slot: Int
    public var attempt: Int

    public init(sequence: UInt16, address: IPAddress, slot: Int, attempt: Int) {
        self.sequence = sequence; self.address = address; self.slot = slot; self.attempt = attempt
    }
}

/// Decides which echo requests to send and when, and turns replies, ICMP errors and silences into one result per
/// target. It owns no socket and reads no clock: the engine passes the time in, sends what it is told, and feeds back
/// what it receives. Memory grows with the targets in progress (`maxInFlight`), never with the number of targets.
public struct EchoScheduler: Sendable {
    public struct Options: Sendable {
        public var policy: RetryPolicy
        /// Packets per target. 1 means one probe, retried on silence; more means that many samples for loss and RTT.
        public var count: Int
        /// Nanoseconds between two packets to the same target when `count` > 1.
        public var interval: UInt64
        /// Targets in progress at once; bounds memory and, with silent targets, the send rate.
        public var maxInFlight: Int

        public init(policy: RetryPolicy, count: Int = 1, interval: UInt64 = 1_000_000_000, maxInFlight: Int = 50_000) {
            self.policy = policy; self.count = max(1, count); self.interval = interval
            // Each family has 65,536 sequence numbers; in count mode one target may hold several at once.
            self.maxInFlight = max(1, min(maxInFlight, 60_000))
        }
    }

    private struct Slot: Sendable {
        var target: ProbeTarget
        var attempt = 0
        var sent = 0
        var outstanding = 0
        var stats = RTTStatistics()
        var firstRTT: Double?
        var errorDetail: String?
        var sendError: (ProbeStatus, String)?
    }

    private struct Deadline: Sendable {
        var at: UInt64
        var sequence: UInt16
        var family: AddressFamily
        var slot: Int
        var sentAt: UInt64
    }

    public let options: Options
    private var matchers: PerFamily<ProbeMatcher>
    private var slots: [Slot?] = []
    private var freeSlots: [Int] = []
    private var deadlines: [RingQueue<Deadline>]
    /// Bumped each time a slot is reused, so queued work for a finished target is recognised and skipped.
    private var generations: [UInt32] = []
    private var resends = RingQueue<SlotRef>(minimumCapacity: 64)
    private var scheduled = RingQueue<(at: UInt64, ref: SlotRef)>(minimumCapacity: 64)

    private struct SlotRef: Sendable {
        var slot: Int
        var generation: UInt32
    }

    private enum SendAttempt { case sent(EchoSend), stale, noSequence }
    private var targetsExhausted = false
    public private(set) var activeTargets = 0

    /// `matcher` gives the run's identifier and cookie; each family gets its own sequence space.
    public init(options: Options, matcher: ProbeMatcher) {
        self.options = options
        self.matchers = PerFamily(matcher, ProbeMatcher(identifier: matcher.identifier, cookie: matcher.cookie))
        let queues = options.count > 1 ? 1 : options.policy.retries + 1
        self.deadlines = (0..<queues).map { _ in RingQueue<Deadline>(minimumCapacity: 1024) }
    }

    public var identifier: UInt16 { matchers.v4.identifier }
    public var cookie: UInt64 { matchers.v4.cookie }
    /// Packets received but not credited, by reason, both families together.
    public var dropCounters: DropCounters { matchers.v4.counters + matchers.v6.counters }
    /// True when every target has its result.
    public var isFinished: Bool { targetsExhausted && activeTargets == 0 }

    // MARK: Sending

    /// Up to `limit` sends due at `now`: retries first, then count-mode packets that are due, then new targets
    /// pulled from `nextTarget` while there is room (nil means none right now; `noMoreTargets()` says none ever).
    /// Each is registered as sent at `now`.
    public mutating func nextSends(now: UInt64, limit: Int, nextTarget: () -> ProbeTarget?) -> [EchoSend] {
        var sends: [EchoSend] = []
        sends.reserveCapacity(min(limit, 1024))
        resendLoop: while sends.count < limit, let ref = resends.first {
            switch makeSend(ref, now: now) {
            case let .sent(send): sends.append(send); resends.removeFirst()
            case .stale: resends.removeFirst()
            case .noSequence: break resendLoop
            }
        }
        scheduledLoop: while sends.count < limit, let next = scheduled.first, next.at <= now {
            switch makeSend(next.ref, now: now) {
            case let .sent(send): sends.append(send); scheduled.removeFirst()
            case .stale: scheduled.removeFirst()
            case .noSequence: break scheduledLoop
            }
        }
        while sends.count < limit, resends.isEmpty, !targetsExhausted, activeTargets < options.maxInFlight {
            guard let target = nextTarget() else { break }
            let ref = allocateSlot(target)
            guard case let .sent(send) = makeSend(ref, now: now) else {
                // No free sequence in this family now: it goes first on a later round.
                resends.append(ref)
                break
            }
            sends.append(send)
        }
        return sends
    }

    /// Every target has been handed over: once they all have results, the scheduler `isFinished`.
    public mutating func noMoreTargets() { targetsExhausted = true }

    private mutating func allocateSlot(_ target: ProbeTarget) -> SlotRef {
        activeTargets += 1
        if let free = freeSlots.popLast() {
            slots[free] = Slot(target: target)
            generations[free] &+= 1
            return SlotRef(slot: free, generation: generations[free])
        }
        slots.append(Slot(target: target))
        generations.append(0)
        return SlotRef(slot: slots.count - 1, generation: 0)
    }

    private mutating func makeSend(_ ref: SlotRef, now: UInt64) -> SendAttempt {
        let slot = ref.slot
        guard generations[slot] == ref.generation, var state = slots[slot] else { return .stale }
        let family = state.target.address.family
        let m = family
        guard let sequence = matchers[m].nextFreeSequence() else { return .noSequence }
        matchers[m].register(sequence: sequence, target: state.target.address, sentAt: now, token: slot, attempt: state.attempt)
        state.sent += 1
        state.outstanding += 1
        state.stats.recordSent()
        let queue = options.count > 1 ? 0 : state.attempt
        deadlines[queue].append(Deadline(at: now + options.policy.timeout(forAttempt: queue), sequence: sequence,
                                         family: family, slot: slot, sentAt: now))
        if options.count > 1, state.sent < options.count {
            scheduled.append((now + options.interval, ref))
        }
        let send = EchoSend(sequence: sequence, address: state.target.address, slot: slot, attempt: state.attempt)
        slots[slot] = state
        return .sent(send)
    }

    /// The kernel refused a send (no route, no permission): the target gets `status` with `detail` at once.
    public mutating func sendFailed(_ send: EchoSend, status: ProbeStatus, detail: String, emit: (ProbeResult) -> Void) {
        matchers[send.address.family].remove(sequence: send.sequence)
        guard var state = slots[send.slot] else { return }
        state.outstanding -= 1
        state.sendError = (status, detail)
        slots[send.slot] = state
        if options.count == 1 { finish(send.slot, status: status, detail: detail, emit: emit) } else { finishIfComplete(send.slot, emit: emit) }
    }

    // MARK: Receiving

    /// Feeds one received packet. Replies and errors that match a probe in flight complete it (or count a sample);
    /// anything else is counted in `dropCounters` and otherwise ignored.
    public mutating func receive(_ decoded: DecodedICMP, family: AddressFamily, from source: IPAddress, at now: UInt64,
                                 emit: (ProbeResult) -> Void) {
        switch matchers[family].match(decoded, from: source, receivedAt: now) {
        case let .reply(probe, rtt):
            guard var state = slots[probe.token] else { return }
            let ms = Double(rtt) / 1e6
            state.outstanding -= 1
            state.stats.record(rttMilliseconds: ms)
            if state.firstRTT == nil { state.firstRTT = ms }
            slots[probe.token] = state
            if options.count == 1 {
                finish(probe.token, status: .reachable, detail: nil, emit: emit)
            } else {
                finishIfComplete(probe.token, emit: emit)
            }
        case let .icmpError(probe, error, reporter, _):
            guard var state = slots[probe.token] else { return }
            state.outstanding -= 1
            let fromText = reporter == probe.target ? "" : " from \(reporter)"
            state.errorDetail = error.detail + fromText
            slots[probe.token] = state
            if options.count == 1 {
                finish(probe.token, status: .unreachable, detail: state.errorDetail, emit: emit)
            } else {
                finishIfComplete(probe.token, emit: emit)
            }
        case .transportError, .dropped:
            break
        }
    }

    // MARK: Time

    /// Handles every probe whose wait ended by `now`: a retry is queued, or the target's result is emitted.
    public mutating func expire(now: UInt64, emit: (ProbeResult) -> Void) {
        for q in deadlines.indices {
            while let head = deadlines[q].first, head.at <= now {
                deadlines[q].removeFirst()
                let m = head.family
                guard let probe = matchers[m].probe(sequence: head.sequence), probe.token == head.slot,
                      probe.sentAt == head.sentAt else { continue }   // answered or failed already
                matchers[m].remove(sequence: head.sequence)
                guard var state = slots[head.slot] else { continue }
                state.outstanding -= 1
                if options.count == 1 {
                    if state.attempt < options.policy.retries {
                        state.attempt += 1
                        slots[head.slot] = state
                        resends.append(SlotRef(slot: head.slot, generation: generations[head.slot]))
                    } else {
                        slots[head.slot] = state
                        finish(head.slot, status: .timeout, detail: nil, emit: emit)
                    }
                } else {
                    slots[head.slot] = state
                    finishIfComplete(head.slot, emit: emit)
                }
            }
        }
        // Registrations the matcher still queues for probes already settled above are dropped here, so its
        // bookkeeping stays as small as the work in flight.
        let horizon = options.policy.worstCase + options.policy.timeout
        if now > horizon { for family in AddressFamily.allCases { matchers[family].removeExpired(sentBefore: now - horizon) { _ in } } }
    }

    /// When the engine must call `expire` or `nextSends` again even if no packet arrives.
    public var nextEventTime: UInt64? {
        var next: UInt64? = scheduled.first?.at
        for q in deadlines where !q.isEmpty {
            next = min(next ?? .max, q.first!.at)
        }
        return next
    }

    /// True when retries are waiting to be sent (the engine should not sleep past its rate limiter).
    public var hasPendingSends: Bool { !resends.isEmpty || (!targetsExhausted && activeTargets < options.maxInFlight) }

    // MARK: Results

    private mutating func finishIfComplete(_ slot: Int, emit: (ProbeResult) -> Void) {
        guard let state = slots[slot], state.sent >= options.count, state.outstanding == 0 else { return }
        let status: ProbeStatus
        let detail: String?
        if state.stats.count > 0 {
            status = .reachable; detail = nil
        } else if let error = state.errorDetail {
            status = .unreachable; detail = error
        } else if let (s, d) = state.sendError {
            status = s; detail = d
        } else {
            status = .timeout; detail = nil
        }
        finish(slot, status: status, detail: detail, emit: emit)
    }

    private mutating func finish(_ slot: Int, status: ProbeStatus, detail: String?, emit: (ProbeResult) -> Void) {
        guard let state = slots[slot] else { return }
        let several = options.count > 1
        emit(ProbeResult(target: state.target.label, address: state.target.address, method: .icmp, status: status,
                         rttMilliseconds: status == .reachable ? state.firstRTT : nil, detail: detail,
                         sent: state.sent, received: state.stats.count + (state.errorDetail != nil && !several ? 1 : 0),
                         rttStatistics: several ? state.stats : nil, record: state.target.record))
        slots[slot] = nil
        freeSlots.append(slot)
        activeTargets -= 1
    }
}
