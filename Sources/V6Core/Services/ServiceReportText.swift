/// Service verdicts as people read them in a terminal: a summary line, a list by colour, and the sub-checks of one.
public enum ServiceReportText {
    /// `Services over IPv6: 1 red, 2 yellow, 0 gray, 3 green`.
    public static func summary(_ reports: [ServiceReport]) -> String {
        "Services over IPv6: " + ServiceColour.worstFirst.map { colour in
            "\(reports.filter { $0.verdict == colour }.count) \(colour)"
        }.joined(separator: ", ")
    }

    /// One row per service, worst colour first, then by record: VERDICT, SERVICE, TARGET, WHY.
    public static func rows(_ reports: [ServiceReport]) -> [[String]] {
        reports.enumerated().sorted { a, b in
            a.element.verdict != b.element.verdict ? a.element.verdict < b.element.verdict : a.offset < b.offset
        }.map { _, report in
            [report.verdict.rawValue, report.record ?? report.kind, report.target, report.reason]
        }
    }

    /// The verdict and every sub-check of one service, aligned:
    ///
    /// ```
    /// vidu.example (web): yellow — IPv6 published but not working: tcp-443-v6 2001:db8::20 — ...
    ///   pass          aaaa                             AAAA 2001:db8::20
    ///   fail          tcp-443-v6  2001:db8::20         port 443: no answer over IPv6 within 4000 ms ...
    /// ```
    public static func detail(_ report: ServiceReport) -> String {
        var text = "\(report.target) (\(report.mode.rawValue)): \(report.verdict) — \(report.reason)\n"
        let nameWidth = report.checks.map(\.name.count).max() ?? 0
        let addressWidth = report.checks.map { $0.address?.description.count ?? 0 }.max() ?? 0
        for check in report.checks {
            let result = check.result.rawValue.padding(to: 12)
            let name = check.name.padding(to: nameWidth)
            let address = (check.address?.description ?? "").padding(to: addressWidth)
            text += "  \(result)  \(name)  \(address)  \(check.explanation)\n"
        }
        if let ipv6Only = report.ipv6Only { text += IPv6OnlyText.detail(ipv6Only) }
        return text
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
