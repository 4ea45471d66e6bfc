import V6Core
import V6System

/// TCP connect probes: a non-blocking connect per (target, port), watched with epoll. Handshake completed is
/// `reachable`, a reset `refused`, an ICMP error `unreachable` (with the ICMP text when the raw socket saw it),
/// silence `timeout` after the retries.
final class ConnectProbes {
    private struct Probe {
        var target: ProbeTarget
        var port: Int
        var attempt: Int
        var socket: Socket?
        var startedAt: UInt64
        var localPort: UInt16
        var icmpDetail: String?
        var generation: UInt32
    }

    private struct Deadline {
        var at: UInt64
        var slot: Int
        var generation: UInt32
    }

    /// Epoll tokens at or above this are connect slots.
    static let tokenBase: UInt64 = 16

    private let policy: RetryPolicy
    private let epoll: Epoll
    private let maxInFlight: Int
    private var slots: [Probe?] = []
    private var generations: [UInt32] = []
    private var freeSlots: [Int] = []
    private var pending = RingQueue<(target: ProbeTarget, port: Int, attempt: Int)>()
    private var deadlines: [RingQueue<Deadline>]
    /// (destination, local port, remote port) of connects in flight, to credit ICMP errors quoting their SYN.
    private var byQuotedKey: [QuotedKey: Int] = [:]
    private(set) var inFlight = 0

    private struct QuotedKey: Hashable {
        var destination: IPAddress
        var localPort: UInt16
        var remotePort: UInt16
    }

    init(policy: RetryPolicy, epoll: Epoll, maxInFlight: Int) {
        self.policy = policy
        self.epoll = epoll
        self.maxInFlight = max(1, maxInFlight)
        deadlines = (0...policy.retries).map { _ in RingQueue<Deadline>() }
    }

    var pendingCount: Int { pending.count }
    var isIdle: Bool { pending.isEmpty && inFlight == 0 }
    var hasRoom: Bool { inFlight < maxInFlight }

    func enqueue(_ target: ProbeTarget, port: Int) { pending.append((target, port, 0)) }

    /// Starts up to `limit` connects from the queue; returns how many were started.
    func start(limit: Int, emit: (ProbeResult) -> Void) -> Int {
        var started = 0
        while started < limit, inFlight < maxInFlight, let next = pending.removeFirst() {
            started += 1
            startOne(next.target, port: next.port, attempt: next.attempt, emit: emit)
        }
        return started
    }

    private func startOne(_ target: ProbeTarget, port: Int, attempt: Int, emit: (ProbeResult) -> Void) {
        let address = target.address
        let socket: Socket
        let now = SystemClock.monotonicNanoseconds()
        do {
            socket = try Socket(address.family == .v4 ? .ipv4 : .ipv6, .stream)
        } catch {
            emit(result(target, port, attempt, .error, detail: "\(error)", rtt: nil))
            return
        }
        let slot = allocate(Probe(target: target, port: port, attempt: attempt, socket: socket, startedAt: now,
                                  localPort: 0, icmpDetail: nil, generation: 0))
        do {
            let outcome = try socket.connect(to: SocketAddress(address, port: UInt16(port)))
            if let local = try? socket.localAddress() { slots[slot]?.localPort = local.port }
            if outcome == .connected {
                finish(slot, .reachable, detail: nil, now: SystemClock.monotonicNanoseconds(), emit: emit)
                return
            }
            try epoll.add(socket.descriptor.rawValue, events: [.writable], token: Self.tokenBase + UInt64(slot))
            if let local = slots[slot]?.localPort, local != 0 {
                byQuotedKey[QuotedKey(destination: address.withoutZone, localPort: local, remotePort: UInt16(port))] = slot
            }
            deadlines[attempt].append(Deadline(at: now + policy.timeout(forAttempt: attempt), slot: slot, generation: generations[slot]))
        } catch {
            let (status, detail) = Self.classify(error.errno, icmpDetail: nil)
            finish(slot, status, detail: detail.map { "\($0) (\(error.call))" }, now: SystemClock.monotonicNanoseconds(), emit: emit)
        }
    }

    /// The socket for `token` became writable or failed: read how the connect ended.
    func handle(token: UInt64, emit: (ProbeResult) -> Void) {
        let now = SystemClock.monotonicNanoseconds()
        let slot = Int(token - Self.tokenBase)
        guard slot < slots.count, let probe = slots[slot], let socket = probe.socket else { return }
        let failure: Errno?
        do { failure = try socket.pendingError() } catch let systemError { failure = systemError.errno }
        if let failure {
            let (status, detail) = Self.classify(failure, icmpDetail: probe.icmpDetail)
            finish(slot, status, detail: detail, now: now, emit: emit)
        } else {
            finish(slot, .reachable, detail: nil, now: now, emit: emit)
        }
    }

    /// An ICMP error quoting a SYN we sent. Destination unreachable (admin-prohibited, no route, ...) is the
    /// verdict itself: the kernel does not always abort the connect for it (ICMPv6 admin-prohibited leaves it
    /// retrying until the timeout). Other errors are kept as the detail of whatever comes next.
    func noteICMPError(_ message: ICMPErrorMessage, emit: (ProbeResult) -> Void) {
        guard case let .tcp(sourcePort, destinationPort) = message.quoted.transport,
              let slot = byQuotedKey[QuotedKey(destination: message.quoted.destination, localPort: sourcePort, remotePort: destinationPort)]
        else { return }
        if case .destinationUnreachable = message.kind {
            finish(slot, .unreachable, detail: message.detail, now: SystemClock.monotonicNanoseconds(), emit: emit)
        } else {
            slots[slot]?.icmpDetail = message.detail
        }
    }

    /// Gives up on connects whose wait ended: retried, or `timeout`.
    func expire(now: UInt64, emit: (ProbeResult) -> Void) {
        for q in deadlines.indices {
            while let head = deadlines[q].first, head.at <= now {
                deadlines[q].removeFirst()
                guard generations[head.slot] == head.generation, let probe = slots[head.slot] else { continue }
                if probe.attempt < policy.retries {
                    release(head.slot)
                    pending.append((probe.target, probe.port, probe.attempt + 1))
                } else {
                    finish(head.slot, .timeout, detail: probe.icmpDetail, now: now, emit: emit)
                }
            }
        }
    }

    var nextDeadline: UInt64? {
        deadlines.compactMap { $0.first?.at }.min()
    }

    /// errno of a failed connect → status and detail (DESIGN.md: RST is refused, ICMP errors unreachable).
    static func classify(_ errno: Errno, icmpDetail: String?) -> (ProbeStatus, String?) {
        switch errno.socketErrorKind {
        case .refused: (.refused, "connection refused (RST)")
        case .unreachable: (.unreachable, icmpDetail ?? "\(errno.description) (ICMP error)")
        case .timedOut: (.timeout, icmpDetail)
        case .addressInUse, .other: (.error, errno.description)
        }
    }

    private func allocate(_ probe: Probe) -> Int {
        inFlight += 1
        if let free = freeSlots.popLast() {
            generations[free] &+= 1
            var p = probe
            p.generation = generations[free]
            slots[free] = p
            return free
        }
        slots.append(probe)
        generations.append(0)
        return slots.count - 1
    }

    private func release(_ slot: Int) {
        guard let probe = slots[slot] else { return }
        if let socket = probe.socket {
            try? epoll.remove(socket.descriptor.rawValue)
            try? socket.close()
        }
        if probe.localPort != 0 {
            byQuotedKey.removeValue(forKey: QuotedKey(destination: probe.target.address.withoutZone, localPort: probe.localPort, remotePort: UInt16(probe.port)))
        }
        slots[slot] = nil
        generations[slot] &+= 1
        freeSlots.append(slot)
        inFlight -= 1
    }

    private func finish(_ slot: Int, _ status: ProbeStatus, detail: String?, now: UInt64, emit: (ProbeResult) -> Void) {
        guard let probe = slots[slot] else { return }
        let rtt = status == .reachable || status == .refused ? Double(now &- probe.startedAt) / 1e6 : nil
        emit(result(probe.target, probe.port, probe.attempt, status, detail: detail, rtt: rtt))
        release(slot)
    }

    private func result(_ target: ProbeTarget, _ port: Int, _ attempt: Int, _ status: ProbeStatus, detail: String?, rtt: Double?) -> ProbeResult {
        ProbeResult(target: target.label, address: target.address, method: .tcp, port: port, status: status,
                    rttMilliseconds: rtt, detail: detail, sent: attempt + 1,
                    received: status == .timeout || status == .error ? 0 : 1, record: target.record)
    }
}

extension IPAddress {
    /// The address without an IPv6 zone, as packets carry it.
    var withoutZone: IPAddress {
        if case let .v6(a) = self, a.zone != nil { return .v6(IPv6Address(high: a.high, low: a.low)) }
        return self
    }
}
