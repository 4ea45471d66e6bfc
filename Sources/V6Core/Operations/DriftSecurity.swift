extension Drift {
    /// IPv6 exposures (parity lines with `ipv6-exposed`) that appeared or went away, by record and port. Only scans
    /// that both ran the security audit are compared: an older scan without one says nothing about exposures.
    static func compareExposures(from: ScanData, to: ScanData) -> [DriftFinding] {
        guard !from.security.isEmpty, !to.security.isEmpty else { return [] }
        func key(_ line: ParityLine) -> String { "\(line.record ?? line.target)/\(line.port)" }
        let before = Dictionary(from.security.exposures.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(to.security.exposures.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        var findings: [DriftFinding] = []
        for (k, line) in after.sorted(by: { $0.key < $1.key }) where before[k] == nil {
            findings.append(DriftFinding(kind: .newIPv6Exposure, record: line.record, address: line.v6Address.description, family: .v6,
                                         message: "new IPv6 exposure of \(line.record ?? line.target): \(line.message)"))
        }
        for (k, line) in before.sorted(by: { $0.key < $1.key }) where after[k] == nil {
            findings.append(DriftFinding(kind: .ipv6ExposureClosed, record: line.record, address: line.v6Address.description, family: .v6,
                                         message: "port \(line.port) of \(line.record ?? line.target) no longer answers over IPv6 only"))
        }
        return findings
    }
}
