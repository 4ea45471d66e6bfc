import V6Core

/// `--capacity ITEMS[,BUDGET]`: what one quarter can carry, replacing the program file's `capacity`
/// (`60` or `60,300000000`; the program's per-agency limit stays, capped at ITEMS).
public struct CapacityArgument: ArgumentValue, Sendable, Equatable {
    public var items: Int
    public var budget: Double?

    public static func parseArgument(_ text: String, option: String) throws(ArgumentError) -> CapacityArgument {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let items = Int(parts[0]), (1...1_000_000).contains(items) else {
            throw ArgumentError("\(option) takes ITEMS[,BUDGET] — work items per quarter (1–1000000), then optionally money per quarter — not \(quotedArgument(text))")
        }
        guard parts.count == 2 else { return CapacityArgument(items: items, budget: nil) }
        guard let budget = Double(parts[1]), budget.isFinite, budget > 0 else {
            throw ArgumentError("\(option): the budget per quarter after the comma must be a positive amount, not \(quotedArgument(String(parts[1])))")
        }
        return CapacityArgument(items: items, budget: budget)
    }

    /// The program's capacity with this one's figures.
    func applied(to program: ProgramCapacity?) -> ProgramCapacity {
        ProgramCapacity(itemsPerQuarter: items, itemsPerAgencyPerQuarter: program?.itemsPerAgencyPerQuarter.map { min($0, items) },
                        budgetPerQuarter: budget ?? program?.budgetPerQuarter)
    }
}
