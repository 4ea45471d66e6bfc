/// The policy rules that count a share of records or look at what was put in service: `dual-stack-percent`,
/// `ipv6-only-percent` and `no-new-device-without-ipv6`.
extension Compliance {
    /// At least `percent` % of the records of `records` in scope satisfy `counts`, from `by` on.
    static func share(_ rule: PolicyRule, _ input: Input, percent: Double, by: CalendarDate?, records: ItemKind, works: String,
                      _ outcome: inout RuleOutcome, counts: (AssessedItem) -> Bool) {
        let items = scoped(input.assessment.items.filter { $0.kind == records }, rule.scope, input.inventory)
        let ready = items.filter(counts).count
        let measured = items.isEmpty ? 100 : 100 * Double(ready) / Double(items.count)
        outcome.measured = measured
        outcome.required = percent
        let what = "\(records.rawValue)s"
        let share = "\(format(measured))% of \(what) \(works) (\(ready)/\(items.count))"
        if items.isEmpty {
            outcome.summary = "no \(what) match this rule"
        } else if let by, input.today < by {
            outcome.status = measured + 1e-9 >= percent ? .passed : .pending
            outcome.summary = "\(share); \(format(percent))% required from \(by)"
        } else if measured + 1e-9 >= percent {
            outcome.summary = "\(share); at least \(format(percent))% required"
        } else {
            outcome.status = .failed
            outcome.summary = "\(share); at least \(format(percent))% required" + (by.map { " since \($0)" } ?? "")
            outcome.details = items.filter { !counts($0) }.prefix(50).map { "\($0.id): \($0.status.rawValue)" }
        }
    }

    /// Devices in scope put in service on or after `from` whose catalog entry has no IPv6 in any firmware.
    static func noNewDeviceWithoutIPv6(_ rule: PolicyRule, _ input: Input, from: CalendarDate, _ outcome: inout RuleOutcome) {
        let assessed = Dictionary(input.assessment.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let recent = input.inventory.devices.filter { ($0.installed ?? CalendarDate(year: 1, month: 1, day: 1)!) >= from }
            .compactMap { assessed[$0.id] }
        let scopedRecent = scoped(recent, rule.scope, input.inventory)
        let without = scopedRecent.filter { $0.catalog?.ipv6 == .no || $0.status == .needsReplacement }
        outcome.measured = Double(without.count)
        if without.isEmpty {
            outcome.summary = "every device put in service since \(from) supports IPv6 (\(scopedRecent.count) checked)"
        } else {
            outcome.status = .failed
            outcome.summary = "\(without.count) device\(without.count == 1 ? "" : "s") put in service since \(from) without IPv6 (nothing new without IPv6)"
            let installed = Dictionary(input.inventory.devices.map { ($0.id, $0.installed) }, uniquingKeysWith: { a, _ in a })
            outcome.details = without.map { "\($0.id) (\($0.name)), installed \(installed[$0.id].flatMap { $0?.description } ?? "?")" }
        }
    }
}
