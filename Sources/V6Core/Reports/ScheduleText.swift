/// The words of the forward schedule and the close-out, in both languages side by side.
extension ReportText {
    var scheduleRowTitle: String { t("Forward schedule: items due per quarter", "Lịch thực hiện: số hạng mục đến hạn mỗi quý") }

    func quarterTooltip(_ q: ScheduleSummary, money: (Double) -> String) -> String {
        t("\(q.quarter): \(q.items) items due by \(date(q.quarter.last)) (\(q.carriedOver) carried over), \(money(q.cost))",
          "\(q.quarter): \(q.items) hạng mục đến hạn \(date(q.quarter.last)) (\(q.carriedOver) chuyển tiếp), \(money(q.cost))")
    }

    /// `2027-Q1 (2027-03-31)`, and where it came from when carried over.
    func due(_ item: PlanItem) -> String {
        guard let quarter = item.quarter, let due = item.due else { return "" }
        return "\(quarter) (\(date(due)))" + (item.carriedFrom != nil ? "; " + carried(item) : "")
    }

    /// `carried over from ipv6-for-gov-2022-2025, late since 2023-12-31`.
    func carried(_ item: PlanItem) -> String {
        guard let from = item.carriedFrom else { return "" }
        let since = item.lateSince.map(date) ?? "?"
        return t("carried over from \(from), late since \(since)", "chuyển tiếp từ \(from), chậm từ \(since)")
    }

    /// `missed by 44 points` / `met`.
    func closedResult(_ c: ProgramCloseOut.ClosedTarget) -> String {
        c.met ? t("met", "đạt") : t("missed by \(points(c.missedBy)) points", "không đạt, thiếu \(points(c.missedBy)) điểm phần trăm")
    }

    /// A number of percentage points: `44`, `28.6` / `28,6`.
    func points(_ value: Double) -> String { String(percent(value).dropLast()) }

    func capacityLine(_ c: ProgramCapacity?, money: (Double) -> String) -> String {
        guard let c else {
            return t("No capacity in the program (set one with --capacity ITEMS[,BUDGET]): every open item is due at its phase's end, overdue ones this quarter.",
                     "Chương trình không quy định năng lực thực hiện (đặt bằng --capacity ITEMS[,BUDGET]): mỗi hạng mục đến hạn vào cuối giai đoạn của nó, hạng mục quá hạn đến hạn trong quý này.")
        }
        let agency = c.itemsPerAgencyPerQuarter.map { t(", at most \($0) per agency", ", tối đa \($0) mỗi cơ quan") } ?? ""
        let budget = c.budgetPerQuarter.map { t(", at most \(money($0))", ", tối đa \(money($0))") } ?? ""
        return t("Capacity per quarter: \(c.itemsPerQuarter) items\(agency)\(budget). Items are booked as early as they fit, never before what they depend on.",
                 "Năng lực mỗi quý: \(c.itemsPerQuarter) hạng mục\(agency)\(budget). Hạng mục được xếp sớm nhất có thể, không bao giờ trước các hạng mục mà nó phụ thuộc.")
    }

    func overCapacityLine(_ n: Int) -> String {
        t("\(n) items do not fit the capacity inside the program's period and are booked in its last quarter.",
          "\(n) hạng mục vượt năng lực trong thời hạn chương trình và được xếp vào quý cuối cùng.")
    }

    func closeOutTitle(_ c: ProgramCloseOut) -> String {
        t("How \(c.program.id) ended (closed \(date(c.end)))", "Kết quả chương trình \(c.program.id) (đã kết thúc \(date(c.end)))")
    }

    func closeOutSummary(_ c: ProgramCloseOut, next: Program) -> String {
        t("\(c.done) of \(c.total) items were done when it ended; \(c.carriedOver) open items are carried over into \(next.id), each with the day it became late. Its targets are closed; the targets of \(next.id) below are the live ones.",
          "Khi kết thúc, \(c.done)/\(c.total) hạng mục đã hoàn thành; \(c.carriedOver) hạng mục còn dở được chuyển tiếp sang \(next.id), kèm ngày bắt đầu chậm. Các chỉ tiêu của chương trình này đã khép lại; chỉ tiêu của \(next.id) dưới đây là chỉ tiêu đang áp dụng.")
    }

    /// The status of a live target no year of which has ended yet.
    func liveTarget(_ t: TargetProgress) -> String? {
        guard let next = t.years.first(where: { $0.target != nil && $0.planned != nil }), let target = next.target else { return nil }
        let planned = next.planned.map(percent) ?? "–"
        return self.t("live: \(percent(target)) due by end of \(next.year), \(planned) planned",
                      "đang áp dụng: \(percent(target)) vào cuối năm \(next.year), kế hoạch đạt \(planned)")
    }
}
