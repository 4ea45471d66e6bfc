/// Inline SVG charts for the HTML report: drawn from numbers alone, no scripts, no external fonts or images.
/// Coordinates are rounded to a tenth so the same input gives the same bytes.
enum SVGCharts {
    static func color(_ s: ReadinessStatus) -> String {
        switch s {
        case .dualStack: return "#2e7d32"
        case .ipv6Only: return "#1b5e20"
        case .configured: return "#9ccc65"
        case .capable: return "#42a5f5"
        case .needsUpgrade: return "#ffb300"
        case .needsReplacement: return "#ef6c00"
        case .ipv6Broken: return "#c62828"
        case .unknown: return "#9e9e9e"
        }
    }

    static func f(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 1e15 else { return "0" }
        let tenths = Int((v * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return sign + "\(a / 10)" + (a % 10 == 0 ? "" : ".\(a % 10)")
    }

    static func text(_ x: Double, _ y: Double, _ content: String, size: Int = 12, anchor: String = "start", weight: String? = nil, fill: String = "#222") -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\"\(weight.map { " font-weight=\"\($0)\"" } ?? "") fill=\"\(fill)\">\(HTMLReport.escape(content))</text>"
    }

    static func legend(_ input: ReportInput, y: Double, width: Double) -> (String, Double) {
        var out = "", x = 0.0, row = y
        for s in ReadinessStatus.allCases {
            let label = input.text.status(s)
            let w = 22 + Double(label.count) * 6.6 + 14
            if x + w > width { x = 0; row += 18 }
            out += "<rect x=\"\(f(x))\" y=\"\(f(row - 10))\" width=\"12\" height=\"12\" fill=\"\(color(s))\"/>"
            out += text(x + 16, row, label, size: 11)
            x += w
        }
        return (out, row + 14)
    }

    /// Stacked bars: one per agency, each verdict's share of its records.
    static func readinessByAgency(_ input: ReportInput) -> String {
        let scores = input.assessment.agencyScores
        let width = 1000.0, labelWidth = 300.0, barWidth = 600.0, rowHeight = 22.0
        var body = ""
        let (legendSVG, top) = legend(input, y: 14, width: width)
        body += legendSVG
        var y = top + 8
        for score in scores {
            body += text(labelWidth - 8, y + 15, input.agencyName(score.key), anchor: "end")
            var x = labelWidth
            for s in ReadinessStatus.allCases where score.count(s) > 0 {
                let w = barWidth * Double(score.count(s)) / Double(max(score.total, 1))
                body += "<rect x=\"\(f(x))\" y=\"\(f(y + 3))\" width=\"\(f(w))\" height=\"\(f(rowHeight - 6))\" fill=\"\(color(s))\"><title>\(HTMLReport.escape("\(input.agencyName(score.key)): \(input.text.status(s)) \(score.count(s))"))</title></rect>"
                x += w
            }
            body += text(labelWidth + barWidth + 8, y + 15, "\(input.text.percent(score.percent)) · \(score.ready)/\(score.total)", size: 11)
            y += rowHeight
        }
        let height = y + 6
        return "<svg class=\"chart\" role=\"img\" aria-label=\"\(HTMLReport.escape(input.t("IPv6 readiness by agency", "Mức độ sẵn sàng IPv6 theo cơ quan")))\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" font-family=\"DejaVu Sans, Noto Sans, Segoe UI, Arial, sans-serif\">\(body)</svg>"
    }

    /// Small multiples, one per category: the target line (dashed), the plan's line, and today's share (a dot).
    static func targets(_ input: ReportInput) -> String {
        let plan = input.plan
        let years = input.program.years
        guard let first = years.first, let last = years.last else { return "" }
        let panelW = 320.0, panelH = 190.0, columns = 3
        let plotX = 40.0, plotY = 34.0, plotW = 260.0, plotH = 120.0
        var body = ""
        // Legend.
        body += "<line x1=\"0\" y1=\"10\" x2=\"24\" y2=\"10\" stroke=\"#333\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>"
        body += text(30, 14, input.t("target", "mục tiêu"), size: 11)
        body += "<line x1=\"130\" y1=\"10\" x2=\"154\" y2=\"10\" stroke=\"#1565c0\" stroke-width=\"2.5\"/>"
        body += text(160, 14, input.t("planned", "theo kế hoạch"), size: 11)
        body += "<circle cx=\"292\" cy=\"10\" r=\"5\" fill=\"#c62828\"/>"
        body += text(302, 14, input.t("now", "hiện tại") + " (" + input.text.date(plan.today) + ")", size: 11)
        let axis = SVGTimeAxis(firstYear: first, lastYear: last, left: plotX, width: plotW)
        func yFor(_ percent: Double) -> Double { plotY + plotH * (1 - percent / 100) }
        for (i, t) in plan.targets.enumerated() {
            let ox = Double(i % columns) * panelW, oy = 28 + Double(i / columns) * panelH
            var g = text(plotX, 16, input.categoryName(t.category), size: 12, weight: "bold")
            for p in [0.0, 50, 100] {
                g += "<line x1=\"\(f(plotX))\" y1=\"\(f(yFor(p)))\" x2=\"\(f(plotX + plotW))\" y2=\"\(f(yFor(p)))\" stroke=\"#ddd\"/>"
                g += text(plotX - 4, yFor(p) + 4, "\(Int(p))%", size: 10, anchor: "end", fill: "#666")
            }
            g += axis.ticks(top: plotY, bottom: plotY + plotH, labelY: plotY + plotH + 16, size: 10)
            let targetPoints = t.years.compactMap { y in y.target.map { "\(f(axis.xYearEnd(y.year))),\(f(yFor($0)))" } }
            if !targetPoints.isEmpty {
                g += "<polyline points=\"\(targetPoints.joined(separator: " "))\" fill=\"none\" stroke=\"#333\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>"
            }
            // The plan's line starts at today's share and runs through the year ends still to come.
            let nowX = axis.x(plan.today)
            let plannedPoints = ["\(f(nowX)),\(f(yFor(t.currentPercent)))"]
                + t.years.compactMap { y in y.planned.map { "\(f(axis.xYearEnd(y.year))),\(f(yFor($0)))" } }
            if plannedPoints.count > 1 {
                g += "<polyline points=\"\(plannedPoints.joined(separator: " "))\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2.5\"/>"
            }
            g += "<circle cx=\"\(f(nowX))\" cy=\"\(f(yFor(t.currentPercent)))\" r=\"5\" fill=\"\(t.behind ? "#c62828" : "#2e7d32")\"><title>\(HTMLReport.escape(input.categoryName(t.category) + ": " + input.text.percent(t.currentPercent)))</title></circle>"
            g += text(plotX + plotW, plotY - 6, input.text.percent(t.currentPercent) + (t.behind ? " · " + input.t("behind", "chậm") : ""), size: 11, anchor: "end", fill: t.behind ? "#c62828" : "#2e7d32")
            body += "<g transform=\"translate(\(f(ox)),\(f(oy)))\">\(g)</g>"
        }
        let rows = (plan.targets.count + columns - 1) / columns
        let width = panelW * Double(columns), height = 28 + Double(rows) * panelH
        return "<svg class=\"chart\" role=\"img\" aria-label=\"\(HTMLReport.escape(input.t("Progress against yearly targets", "Tiến độ so với mục tiêu theo năm")))\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" font-family=\"DejaVu Sans, Noto Sans, Segoe UI, Arial, sans-serif\">\(body)</svg>"
    }
}
