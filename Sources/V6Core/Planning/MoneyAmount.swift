/// The costs a catalog or program may state. Costs are summed into budgets and printed as whole numbers, so a file's
/// `1e19` or `-5` must be refused where it is read, not trap (or lower the budget) later.
public enum MoneyAmount {
    /// From nothing to 10^15 (a thousand trillion đồng): far above any item, far below where sums lose precision.
    public static let range: ClosedRange<Double> = 0...1e15
}
