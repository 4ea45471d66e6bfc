/// What a device's management ports do to its readiness (issue 19): the SSH banner and HTTPS admin connect per
/// family are evidence; a device manageable over IPv4 only is not IPv6-only ready, and one that answers over IPv6
/// but can be managed over neither family is not counted as verified by its management ports.
public enum ManagementReadiness {
    static func apply(_ management: ScanManagementLine, to item: inout AssessedItem) {
        item.evidence.append(.management(line: management.line, ipv4: management.ipv4, ipv6: management.ipv6,
                                         checks: management.checks.map { "\($0.name) \($0.result)" }))
        item.managementIPv4Only = management.onlyOverIPv4
    }

    /// `manageable over IPv4 only (ssh-v6 fail, https-v6 fail)`, or nil.
    public static func problem(_ item: AssessedItem) -> String? {
        for fact in item.evidence {
            guard case let .management(_, ipv4, ipv6, checks) = fact, ipv4, !ipv6 else { continue }
            let failing = checks.filter { $0.hasSuffix(" fail") && $0.contains("-v6") }
            return "manageable over IPv4 only" + (failing.isEmpty ? "" : " (" + failing.joined(separator: ", ") + ")")
        }
        return nil
    }
}
