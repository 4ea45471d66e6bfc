/// The one time axis every chart draws on, so a tick means the same everywhere: a grey line is the 1st of January,
/// the year's label sits between two lines (the year itself), and a year-end figure sits on the next line.
struct SVGTimeAxis {
    let start: CalendarDate
    let end: CalendarDate
    let left: Double
    let width: Double

    /// From 1 January of `firstYear` to 1 January after `lastYear`.
    init(firstYear: Int, lastYear: Int, left: Double, width: Double) {
        start = CalendarDate(year: firstYear, month: 1, day: 1)!
        end = CalendarDate(year: max(firstYear, lastYear) + 1, month: 1, day: 1)!
        self.left = left; self.width = width
    }

    var days: Double { Double(end.dayNumber - start.dayNumber) }

    /// The start of `date` (dates outside the axis are held at its ends).
    func x(_ date: CalendarDate) -> Double {
        let d = min(max(date.dayNumber, start.dayNumber), end.dayNumber)
        return left + width * Double(d - start.dayNumber) / days
    }

    /// The end of `date`'s day.
    func xAfter(_ date: CalendarDate) -> Double { min(x(date) + width / days, left + width) }

    /// The end of `year`: where a year-end target or share is drawn.
    func xYearEnd(_ year: Int) -> Double { x(CalendarDate(year: year + 1, month: 1, day: 1)!) }

    /// Grey lines at each 1 January from `top` to `bottom`, the year's label centred in its band at `labelY`.
    func ticks(top: Double, bottom: Double, labelY: Double, size: Int = 11) -> String {
        var out = ""
        for year in start.year...end.year {
            let lineX = x(CalendarDate(year: year, month: 1, day: 1)!)
            out += "<line x1=\"\(SVGCharts.f(lineX))\" y1=\"\(SVGCharts.f(top))\" x2=\"\(SVGCharts.f(lineX))\" y2=\"\(SVGCharts.f(bottom))\" stroke=\"#ccc\"/>"
            if year < end.year {
                out += SVGCharts.text((lineX + xYearEnd(year)) / 2, labelY, String(year), size: size, anchor: "middle", fill: "#555")
            }
        }
        return out
    }

    /// A dashed red line at `date` with its label kept whole inside `[0, canvasWidth]`: to the right of the line,
    /// or to its left when it would run off the chart.
    func todayLine(_ date: CalendarDate, label: String, top: Double, bottom: Double, labelY: Double, canvasWidth: Double) -> String {
        let lineX = x(date)
        let labelWidth = Double(label.count) * 6.6
        let right = lineX + 4 + labelWidth <= canvasWidth
        return "<line x1=\"\(SVGCharts.f(lineX))\" y1=\"\(SVGCharts.f(top))\" x2=\"\(SVGCharts.f(lineX))\" y2=\"\(SVGCharts.f(bottom))\" stroke=\"#c62828\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"
            + SVGCharts.text(right ? lineX + 4 : lineX - 4, labelY, label, size: 11, anchor: right ? "start" : "end", fill: "#c62828")
    }
}
