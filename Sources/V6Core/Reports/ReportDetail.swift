/// How much of the item list a report shows: every item (an agency's file, a small inventory), or a summary per
/// agency with the worst items (a province of tens of thousands of records, whose lists go to the agency files).
public enum ReportDetail: Sendable {
    case items, summary

    /// Beyond this many plan items the province report summarises.
    public static let itemListLimit = 2_000

    public static func automatic(itemCount: Int) -> ReportDetail { itemCount > itemListLimit ? .summary : .items }
}
