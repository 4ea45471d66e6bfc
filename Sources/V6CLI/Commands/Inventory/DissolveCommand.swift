import V6Core

/// `v6ready inventory dissolve AGENCY --date DAY`: an agency that ceased to exist, kept for history.
struct DissolveCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["inventory", "dissolve"], abstract: "Mark an agency dissolved on a date (a district in 2025); its agencies move to its parent or --into.",
        discussion: """
        Since 1 Jul 2025 local government has two levels, province and commune: districts are gone. A dissolved
        agency keeps its file and records for history (the 2022–2025 close-out still counts them); the agencies
        under it are re-parented, to its own parent unless --into names another.
        """,
        examples: ["v6ready inventory dissolve huyen-an-binh --date 2025-07-01",
                   "v6ready inventory dissolve huyen-an-binh --date 2025-07-01 --into ubnd-tinh --dry-run"])

    @OptionGroup var options: ChangeOptions
    @Option("--date", value: "YYYY-MM-DD", help: "The day it ceased to exist.") var date: CalendarDate?
    @Option("--into", value: "ID", help: "The agency that takes over its agencies (default: its parent).") var successor: String?
    @Argument("AGENCY", help: "The agency that was dissolved.") var agency: String

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        guard let date else { throw .argument("--date is required (the day it ceased to exist, e.g. 2025-07-01)") }
        return try options.change(console).apply("dissolve \(agency) on \(date)", console: console) {
            InventoryReorganisation.dissolve(agency, on: date, successor: successor, in: $0)
        }
    }
}
