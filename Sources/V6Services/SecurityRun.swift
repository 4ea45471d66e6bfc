import V6Core

/// What the audit found, in scan-line order: parity, ICMPv6 policy, TLS, management.
public struct SecurityReport: Sendable {
    public var parity: [ParityLine] = []
    public var icmpv6: [ICMPv6Policy] = []
    public var tls: [TLSEvaluation] = []
    public var management: [ManagementObservation] = []

    /// The JSON Lines the scan writes (docs/scan-format.md).
    public var lines: [String] {
        parity.map(\.jsonLine) + icmpv6.map(\.jsonLine) + tls.map(\.jsonLine) + management.map(\.jsonLine)
    }
}

/// The firewall-parity audit of issue 19: the same TCP ports over both families in one batch of connects, ICMPv6
/// policy from small and large echoes (RFC 4890), TLS over each family, and management ports. Open it where the
/// sockets must live (inside `--netns`) and before privileges are dropped: its echoes need ICMP sockets.
public final class SecurityRun {
    public let timeoutMilliseconds: Int
    public var scope: Scope?
    private let echoes: Result<PMTUProber, PMTUUnavailable>
    public private(set) var notices: [String] = []

    public init(timeoutMilliseconds: Int = 2000, scope: Scope? = nil) {
        self.timeoutMilliseconds = timeoutMilliseconds
        self.scope = scope
        echoes = PMTUProber.open(timeoutMilliseconds: min(timeoutMilliseconds, 1000), retries: 1)
        if case .failure(let why) = echoes { notices.append("security: the ICMPv6 policy is not testable: \(why.reason).") }
    }

    public func check(_ subjects: [SecuritySubject], now: CertificateTime? = nil) -> SecurityReport {
        let now = now ?? TLSProbe.now
        var report = SecurityReport()
        let subjects = subjects.map(inScope).filter { $0.parity.isDualStack || $0.isDevice }
        var keys: [ConnectBatch.Key] = []
        for subject in subjects {
            for address in subject.parity.v4 + subject.parity.v6 {
                for port in subject.parity.ports + (subject.isDevice ? [22, 443] : []) {
                    let key = ConnectBatch.Key(address: address, port: port)
                    if !keys.contains(key) { keys.append(key) }
                }
            }
        }
        let outcomes = ConnectBatch.run(keys, timeoutMilliseconds: timeoutMilliseconds)
        let connects = keys.compactMap { key in outcomes[key].map { ConnectObservation(address: key.address, port: key.port, outcome: $0) } }
        let pmtuJob = startEchoes(subjects)
        for subject in subjects {
            report.parity += ParityComparison.lines(subject.parity, connects: connects)
        }
        for subject in subjects where subject.probesTLS && subject.parity.isDualStack {
            let open = (subject.parity.v4 + subject.parity.v6).filter { address in
                connects.contains { $0.address == address && $0.port == 443 && $0.outcome.isConnected }
            }
            guard !open.isEmpty else { continue }
            let observations = (subject.parity.v4 + subject.parity.v6).map { address in
                open.contains(address) ? TLSProbe.observe(address, serverName: subject.name, timeoutMilliseconds: timeoutMilliseconds)
                    : TLSAddressObservation(address: address, port: 443, offered: .failed(Self.describe(connects, address, 443)))
            }
            report.tls.append(TLSEvaluation(record: subject.parity.record, target: subject.parity.target, name: subject.name,
                                            now: now, observations: observations))
        }
        for subject in subjects where subject.isDevice {
            report.management.append(management(subject, connects))
        }
        if let (job, v4) = pmtuJob {
            let observed = job.wait()
            let v4Echoes = v4
            for subject in subjects where subject.parity.isDualStack {
                for address in subject.parity.v6 {
                    let pmtu = observed.first { $0.address == address }
                    let echo4 = subject.parity.v4.lazy.compactMap { v4Echoes[$0] }.first { $0.status == .reachable }
                        ?? subject.parity.v4.first.flatMap { v4Echoes[$0] }
                    report.icmpv6.append(ICMPv6Policy(record: subject.parity.record, target: subject.parity.target, pmtu: pmtu,
                                                      echoV4: echo4, connects: connects.filter { $0.address == address }))
                }
            }
        }
        return report
    }

    /// Drops addresses outside the scope (they are never probed).
    func inScope(_ subject: SecuritySubject) -> SecuritySubject {
        guard let scope else { return subject }
        var copy = subject
        copy.parity.v4 = subject.parity.v4.filter { $0.addressClass == .loopback || scope.contains($0) }
        copy.parity.v6 = subject.parity.v6.filter { $0.addressClass == .loopback || scope.contains($0) }
        return copy
    }

    /// The large and small IPv6 echoes on their own thread, and the IPv4 echoes here meanwhile.
    func startEchoes(_ subjects: [SecuritySubject]) -> (PMTUJob, [IPAddress: EchoOutcome])? {
        guard case .success(let prober) = echoes else { return nil }
        let dual = subjects.filter { $0.parity.isDualStack }
        var v6: [IPAddress] = [], v4: [IPAddress] = []
        for subject in dual {
            for a in subject.parity.v6 where !v6.contains(a) { v6.append(a) }
            for a in subject.parity.v4 where !v4.contains(a) { v4.append(a) }
        }
        let v4Echoes = prober.smallEchoes(v4)
        return (PMTUJob(prober: prober, addresses: v6), v4Echoes)
    }

    func management(_ subject: SecuritySubject, _ connects: [ConnectObservation]) -> ManagementObservation {
        var probes: [ManagementObservation.Probe] = []
        for address in subject.parity.v4 + subject.parity.v6 {
            let ssh: ManagementObservation.Outcome = connected(connects, address, 22)
                ? SSHBannerProbe.banner(address, timeoutMilliseconds: timeoutMilliseconds)
                : .failed(Self.describe(connects, address, 22))
            probes.append(.init(service: "ssh", address: address, outcome: ssh))
            let https: ManagementObservation.Outcome = connected(connects, address, 443)
                ? SSHBannerProbe.connect(address, timeoutMilliseconds: timeoutMilliseconds)
                : .failed(Self.describe(connects, address, 443))
            probes.append(.init(service: "https", address: address, outcome: https))
        }
        return ManagementObservation(record: subject.parity.record ?? subject.parity.target, target: subject.parity.target, probes: probes)
    }

    func connected(_ connects: [ConnectObservation], _ address: IPAddress, _ port: Int) -> Bool {
        connects.contains { $0.address == address && $0.port == port && $0.outcome.isConnected }
    }

    static func describe(_ connects: [ConnectObservation], _ address: IPAddress, _ port: Int) -> String {
        guard let outcome = connects.first(where: { $0.address == address && $0.port == port })?.outcome else { return "not probed" }
        return "port \(port) " + ServiceChecker.describe(outcome)
    }
}

extension SecurityReport {
    /// What a person reads: each finding on one line, the ICMPv6 policy per host, then a count.
    public var textLines: [String] {
        var lines: [String] = []
        for p in parity { lines.append("\(p.finding.rawValue)  \(p.record ?? p.target)  \(p.message)") }
        for policy in icmpv6 {
            lines.append("icmpv6  \(policy.record ?? policy.target)  \(policy.address): echo \(policy.echo.rawValue) (IPv4 \(policy.echoV4.rawValue)), "
                         + "packet-too-big \(policy.packetTooBig.rawValue), destination-unreachable \(policy.destinationUnreachable.rawValue)"
                         + (policy.findings.isEmpty ? "" : " — " + policy.findings.map(\.rawValue).joined(separator: ", ")))
        }
        for evaluation in tls {
            for observation in evaluation.observations {
                lines.append("tls  \(evaluation.record ?? evaluation.target)  \(observation.address): \(observation.offered.summary)"
                             + (observation.onlyTLS13 ? " (TLS 1.2 refused)" : ""))
            }
            for finding in evaluation.findings { lines.append("\(finding.code.rawValue)  \(evaluation.record ?? evaluation.target)  \(finding.message)") }
        }
        for m in management {
            let state = m.onlyOverIPv4 ? "manageable over IPv4 only" : m.manageable(over: .v6) ? "manageable over IPv6" : "not manageable over either family"
            lines.append("management  \(m.record)  \(state): " + m.checks.map { "\($0.name) \($0.result)" }.joined(separator: ", "))
        }
        let serious = findingCount
        lines.append("security: \(parity.count) parity difference\(parity.count == 1 ? "" : "s"), \(serious) finding\(serious == 1 ? "" : "s")")
        return lines
    }

    /// Exposures, breakages, ICMPv6 violations, TLS faults (not the TLS 1.3 note) and IPv4-only management.
    public var findingCount: Int {
        parity.filter { $0.finding != .filterDiffers }.count + icmpv6.reduce(0) { $0 + $1.findings.count }
            + tls.reduce(0) { $0 + $1.findings.filter { $0.code != .certificateNotCompared }.count }
            + management.filter(\.onlyOverIPv4).count
    }
}
