extension Drift {
    /// LAN segments audited in both scans: rogue RAs and DHCPv6 servers that appeared (by segment and source
    /// address), and verdicts that changed colour. A segment audited in only one scan is not compared.
    static func compareLAN(from: ScanData, to: ScanData) -> [DriftFinding] {
        let before = from.lanVerdictsBySegment, after = to.lanVerdictsBySegment
        var findings: [DriftFinding] = []
        for key in after.keys.sorted() {
            guard let old = before[key]?.verdict, let new = after[key]?.verdict else { continue }
            let record = new.segment
            for (code, kind, what) in [(LANFindingCode.rogueRA, DriftFinding.Kind.newRogueRA, "rogue router advertisement"),
                                       (.dhcpv6Rogue, .newRogueDHCPv6, "rogue DHCPv6 server")] {
                let known = Set(old.findings(code).map { $0.subject ?? $0.message })
                for finding in new.findings(code) where !known.contains(finding.subject ?? finding.message) {
                    findings.append(DriftFinding(kind: kind, record: record, address: finding.subject, family: .v6,
                                                 message: "new \(what) on \(key) (\(new.interface)): \(finding.message)"))
                }
            }
            if new.colour != old.colour {
                let worse = new.colour > old.colour
                var changes: [String] = []
                let oldCodes = Set(old.codes), newCodes = Set(new.codes)
                for code in new.codes where !oldCodes.contains(code) && code != .unknownNeighbour { changes.append("+ \(code.rawValue)") }
                for code in old.codes where !newCodes.contains(code) && code != .unknownNeighbour { changes.append("- \(code.rawValue)") }
                findings.append(DriftFinding(kind: worse ? .lanVerdictWorse : .lanVerdictBetter, record: record, address: nil, family: .v6,
                                             message: "LAN \(key): verdict \(old.colour.rawValue) → \(new.colour.rawValue)" + (worse ? " — \(new.reason)" : ""),
                                             changes: changes))
            }
        }
        return findings
    }
}
