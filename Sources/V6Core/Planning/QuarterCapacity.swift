/// What is already booked in each quarter against the program's capacity: items in all, items per agency, money.
/// A quarter with nothing booked takes any one item, so an item dearer than a quarter's budget is still placed.
struct QuarterCapacity {
    let limits: ProgramCapacity
    private var items: [Quarter: Int] = [:]
    private var agencyItems: [Quarter: [String: Int]] = [:]
    private var money: [Quarter: Double] = [:]

    init(_ limits: ProgramCapacity) { self.limits = limits }

    /// Whether `quarter` can still take one item of `agency` costing `cost`.
    func fits(_ quarter: Quarter, agency: String?, cost: Double) -> Bool {
        let booked = items[quarter] ?? 0
        if booked == 0 { return true }
        if booked >= limits.itemsPerQuarter { return false }
        if let perAgency = limits.itemsPerAgencyPerQuarter, let agency, (agencyItems[quarter]?[agency] ?? 0) >= perAgency { return false }
        if let budget = limits.budgetPerQuarter, cost > 0, (money[quarter] ?? 0) + cost > budget + 1e-6 { return false }
        return true
    }

    mutating func book(_ quarter: Quarter, agency: String?, cost: Double) {
        items[quarter, default: 0] += 1
        if let agency { agencyItems[quarter, default: [:]][agency, default: 0] += 1 }
        money[quarter, default: 0] += cost
    }
}
