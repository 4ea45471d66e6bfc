import V6Core

/// `v6ready inventory move AGENCY --parent AGENCY`: an agency under a new parent.
struct MoveCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["inventory", "move"], abstract: "Put an agency under another parent (a commune under the province once its district is gone).",
        examples: ["v6ready inventory move xa-tan-an --parent ubnd-tinh"])

    @OptionGroup var options: ChangeOptions
    @Option("--parent", value: "ID", help: "The agency it goes under.") var parent: String?
    @Argument("AGENCY", help: "The agency to move.") var agency: String

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let parent = try required(parent, "--parent")
        return try options.change(console).apply("move \(agency) under \(parent)", console: console) {
            InventoryReorganisation.move(agency, parent: parent, in: $0)
        }
    }
}
