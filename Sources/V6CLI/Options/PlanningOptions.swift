import V6Core

/// `--program` and `--date`: which targets apply, and on which day they are judged.
public struct ProgramOptions: ParsableArguments {
    @Option("--program", value: "ID|FILE", help: "A built-in program (ipv6-for-gov-2022-2025, ipv6-only-2026-2030; see `v6ready programs`) or a program file (default: the built-in program whose period holds --date).")
    public var program: String?

    @Option("--date", value: "YYYY-MM-DD", help: "The day to judge lateness and targets against (default: today).")
    public var date: CalendarDate?

    @Option("--capacity", value: "ITEMS[,BUDGET]", help: "What one quarter can carry in the forward schedule: work items, and optionally money (default: the program's capacity; without one, every item is due at its phase's end).")
    public var capacity: CapacityArgument?

    public init() {}
}

/// `--lang en|vi`: the language of text output and reports.
public struct LanguageOptions: ParsableArguments {
    @Option("--lang", value: "LANG", help: "Language of text output and reports: en (default) or vi.")
    public var language: ReportLanguage = .en

    public init() {}
}
