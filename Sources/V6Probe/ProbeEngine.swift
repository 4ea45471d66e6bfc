import V6Core
import V6System

/// Why a probe run could not start.
public struct ProbeEngineError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Counts of a finished run, for the summary line, the scan summary file and metrics.
public struct ProbeRunSummary: Sendable {
    public var results = 0
    public var statuses: [ProbeStatus: Int] = [:]
    public var packetsSent = 0
    public var durationNanoseconds: UInt64 = 0
    public var drops = DropCounters()
    public var icmpMode: ICMPMode = .unavailable

    public init() {}

    public var durationSeconds: Double { Double(durationNanoseconds) / 1e9 }
}

/// Live counts for a progress line.
public struct ProbeProgress: Sendable {
    public var results: Int
    public var reachable: Int
    public var inFlight: Int
    public var packetsSent: Int
    public var elapsedNanoseconds: UInt64
}

/// Sends every probe a run asks for and turns what comes back into results, on one thread with epoll:
/// echo requests in `sendmmsg` batches, replies in `recvmmsg` batches, TCP connects watched for writability,
/// one global rate limit, timeouts and retries from the schedulers. Targets are pulled as room frees up, so
/// memory follows the probes in flight, not the number of targets.
///
/// Create it where the sockets must live (inside `--netns`), then drop privileges, then `run`.
public final class ProbeEngine {
    public let options: ProbeOptions
    public let icmpMode: ICMPMode
    /// Things the user should know about how this run probes (fallbacks), one sentence each.
    public private(set) var notices: [String] = []
    private var channels = PerFamily<ICMPChannel?>(repeating: nil)
    private let epoll: Epoll
    private let identifier: UInt16
    private let cookie: UInt64

    /// `avoiding`: identifiers other engines of this run already use (each worker needs its own).
    public init(options: ProbeOptions, avoiding taken: Set<UInt16> = []) throws(ProbeEngineError) {
        self.options = options
        var generator = SystemRandomNumberGenerator()
        cookie = generator.next()
        do { epoll = try Epoll() } catch { throw ProbeEngineError(message: "cannot create epoll: \(error)") }
        func freshIdentifier() -> UInt16 {
            while true {
                let candidate = UInt16.random(in: 1...UInt16.max, using: &generator)
                if !taken.contains(candidate) { return candidate }
            }
        }
        var chosenIdentifier = freshIdentifier()
        var mode = ICMPMode.unavailable
        if options.icmp {
            var errors: [String] = []
            for attempt in 0..<8 {
                errors = []
                var identifierTaken = false
                var opened = PerFamily<ICMPChannel?>(repeating: nil)
                for family in AddressFamily.allCases {
                    do {
                        opened[family] = try ICMPChannel.open(family: family, identifier: chosenIdentifier, payloadSize: options.payloadSize,
                                                              preferRaw: options.preferRawSockets)
                    } catch {
                        errors.append("\(family): \(error)")
                        if error.errno.socketErrorKind == .addressInUse { identifierTaken = true }
                    }
                }
                // Ping sockets bind the identifier as a port: if it is taken, try another.
                if identifierTaken && attempt < 7 {
                    chosenIdentifier = freshIdentifier()
                    continue
                }
                channels = opened
                break
            }
            let open = [channels.v4, channels.v6].compactMap { $0 }
            if open.isEmpty {
                notices.append("ICMP is not available (\(errors.joined(separator: "; "))): probing with TCP only. Run as root or with CAP_NET_RAW, or allow ping sockets with sysctl net.ipv4.ping_group_range.")
            } else {
                mode = open.contains { $0.mode == .raw } ? .raw : .datagram
                if mode == .datagram {
                    notices.append("no raw socket permission: using ping sockets, which cannot see ICMP errors (unreachable targets show as timeouts).")
                }
                if !errors.isEmpty { notices.append("ICMP for \(errors.joined(separator: "; ")) is unavailable.") }
                for channel in open {
                    do {
                        try epoll.add(channel.socket.descriptor.rawValue, events: [.readable], token: Self.epollToken(channel.family))
                    } catch {
                        throw ProbeEngineError(message: "cannot watch the ICMP socket: \(error)")
                    }
                }
            }
        }
        identifier = chosenIdentifier
        icmpMode = mode
    }

    /// The channel of one family, if it could be opened.
    func channel(_ family: AddressFamily) -> ICMPChannel? { channels[family] }

    /// The epoll tokens of the two ICMP sockets: below `ConnectProbes.tokenBase`, which numbers the TCP connects.
    static func epollToken(_ family: AddressFamily) -> UInt64 { family == .v4 ? 0 : 1 }
    public var probeIdentifier: UInt16 { identifier }
    var probeCookie: UInt64 { cookie }
    var watch: Epoll { epoll }

    /// Probes every target and calls `emit` with each result as it is known. `progress` is called about ten
    /// times a second.
    public func run<Targets: IteratorProtocol<ProbeTarget>>(
        targets: inout Targets, progress: ((ProbeProgress) -> Void)? = nil, emit: (ProbeResult) -> Void
    ) -> ProbeRunSummary {
        let started = SystemClock.monotonicNanoseconds()
        let realtimeOffset = SystemClock.realtimeNanoseconds() - Int64(SystemClock.monotonicNanoseconds())
        let icmpOn = icmpMode != .unavailable
        var echo = EchoScheduler(
            options: .init(policy: options.policy, count: options.count, interval: UInt64(options.intervalMilliseconds) * 1_000_000,
                           maxInFlight: options.maxInFlight),
            matcher: ProbeMatcher(identifier: identifier, cookie: cookie))
        let descriptorRoom = max(64, DescriptorLimit.raiseToMaximum() - 64)
        let connects = ConnectProbes(policy: options.policy, epoll: epoll, maxInFlight: min(options.maxConnectsInFlight, descriptorRoom))
        var limiter = RateLimiter(rate: options.rate)
        var summary = ProbeRunSummary()
        summary.icmpMode = icmpMode
        var exhausted = false
        var ready = RingQueue<ProbeTarget>()
        var reachable = 0
        var lastProgress: UInt64 = 0
        let backlogLimit = max(1024, options.maxConnectsInFlight * 4)

        func record(_ result: ProbeResult) {
            summary.results += 1
            summary.statuses[result.status, default: 0] += 1
            if result.status == .reachable { reachable += 1 }
            emit(result)
        }

        /// The next target for the echo scheduler, with its TCP probes queued; nil when none now or ever.
        func pull() -> ProbeTarget? {
            while !exhausted, connects.pendingCount < backlogLimit {
                guard let target = targets.next() else { exhausted = true; return nil }
                var ports = options.tcpPorts
                for port in target.ports where !ports.contains(port) { ports.append(port) }
                for port in ports { connects.enqueue(target, port: port) }
                guard icmpOn, target.echo else { continue }
                if channels[target.address.family] == nil {
                    record(ProbeResult(target: target.label, address: target.address, method: .icmp, status: .error,
                                       detail: "no \(target.address.family == .v4 ? "ICMP" : "ICMPv6") socket", sent: 0, record: target.record))
                    continue
                }
                return target
            }
            return nil
        }

        while true {
            let now = SystemClock.monotonicNanoseconds()
            echo.expire(now: now, emit: record)
            connects.expire(now: now, emit: record)

            var budget = limiter.take(upTo: ICMPChannel.batchSize, now: now)
            if icmpOn {
                // Targets are pulled before the clock is read, so their cost never counts in an RTT.
                while ready.count < budget, let target = pull() { ready.append(target) }
                let sendTime = SystemClock.monotonicNanoseconds()
                let sends = echo.nextSends(now: sendTime, limit: budget, nextTarget: { ready.removeFirst() })
                if exhausted && ready.isEmpty { echo.noMoreTargets() }
                budget -= sends.count
                if !sends.isEmpty {
                    for family in AddressFamily.allCases {
                        let group = sends.filter { $0.address.family == family }
                        guard !group.isEmpty else { continue }
                        guard let channel = channels[family] else { continue }
                        summary.packetsSent += channel.send(group[...], identifier: identifier, cookie: cookie, payloadSize: options.payloadSize) { send, error in
                            let (status, _) = ConnectProbes.classify(error.errno, icmpDetail: nil)
                            echo.sendFailed(send, status: status == .unreachable ? .unreachable : .error, detail: "\(error)", emit: record)
                        }
                    }
                }
            } else {
                _ = pull()
            }
            let startedConnects = connects.start(limit: budget, emit: record)
            summary.packetsSent += startedConnects
            budget -= startedConnects
            limiter.refund(budget)

            if exhausted && (!icmpOn || echo.isFinished) && connects.isIdle { break }

            // Sleep until a packet arrives, a deadline passes, or the rate limiter allows the next send.
            let wantsToSend = (icmpOn && echo.hasPendingSends) || (connects.pendingCount > 0 && connects.hasRoom) || (!exhausted && !icmpOn)
            var wake = [echo.nextEventTime, connects.nextDeadline].compactMap { $0 }.min() ?? now + 100_000_000
            if wantsToSend { wake = min(wake, now + limiter.delayUntilNext(now: now)) }
            let waitNanoseconds = wake > now ? wake - now : 0
            let timeout = Int32(min(100, (waitNanoseconds + 999_999) / 1_000_000))
            let events: [Epoll.Event]
            do { events = try epoll.wait(timeoutMilliseconds: wantsToSend && waitNanoseconds < 1_000_000 ? 0 : timeout) } catch { events = [] }
            let received = SystemClock.monotonicNanoseconds()
            for event in events {
                if event.token < ConnectProbes.tokenBase {
                    let family: AddressFamily = event.token == Self.epollToken(.v4) ? .v4 : .v6
                    guard let channel = channels[family] else { continue }
                    try? channel.drain(realtimeOffset: realtimeOffset) { decoded, source, at in
                        if case let .error(message) = decoded, case .tcp = message.quoted.transport {
                            connects.noteICMPError(message, emit: record)
                            return
                        }
                        echo.receive(decoded, family: channel.family, from: source, at: min(at, received), emit: record)
                    }
                } else {
                    connects.handle(token: event.token, emit: record)
                }
            }
            if let progress, received - lastProgress > 100_000_000 {
                lastProgress = received
                progress(ProbeProgress(results: summary.results, reachable: reachable, inFlight: echo.activeTargets + connects.inFlight,
                                       packetsSent: summary.packetsSent, elapsedNanoseconds: received - started))
            }
        }
        summary.drops = echo.dropCounters
        summary.durationNanoseconds = SystemClock.monotonicNanoseconds() - started
        return summary
    }
}
