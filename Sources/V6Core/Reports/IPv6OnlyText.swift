/// How IPv6-only verdicts read for people: under a service's detail, and as a table after a scan.
public enum IPv6OnlyText {
    /// `  IPv6-only: nat64 — IPv6-only via translation ... (work item: publish AAAA / move to IPv6)` and its evidence.
    public static func detail(_ a: IPv6OnlyAssessment) -> String {
        var text = "  IPv6-only: \(a.verdict) — \(a.reason)" + (a.verdict.workItem.map { " (work item: \($0))" } ?? "") + "\n"
        for line in a.evidence { text += "    · \(line)\n" }
        if !a.problems.isEmpty { text += "    problems: " + a.problems.joined(separator: ", ") + "\n" }
        return text
    }

    /// One row per service with an IPv6-only verdict: verdict, service, problems, reason.
    public static func rows(_ reports: [ServiceReport]) -> [[String]] {
        reports.compactMap { r in
            r.ipv6Only.map { [$0.verdict.rawValue, r.record ?? r.target, $0.problems.joined(separator: ","), $0.reason] }
        }
    }

    /// `IPv6-only: 3 native, 1 nat64, 2 broken`.
    public static func summary(_ reports: [ServiceReport]) -> String {
        let verdicts = reports.compactMap(\.ipv6Only?.verdict)
        return "IPv6-only: " + IPv6OnlyVerdict.allCases.map { v in "\(verdicts.filter { $0 == v }.count) \(v)" }.joined(separator: ", ")
    }
}
