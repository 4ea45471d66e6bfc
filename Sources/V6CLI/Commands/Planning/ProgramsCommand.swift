import V6Core

/// `v6ready programs [ID]`: the built-in programs, their periods, phases and targets.
struct ProgramsCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["programs"], abstract: "List the built-in migration programs and their periods, or show one's phases and targets.",
        discussion: """
        plan, assess and check follow the program whose period holds the day they judge (--date, default today);
        --program ID or --program FILE chooses another. Targets marked "derived" are worked out from the program's
        published figures because the text gives none per category and year. To change phases, targets, costs or
        capacity, copy programs/ID.json, edit it and pass it with --program FILE.
        """,
        examples: ["v6ready programs", "v6ready programs ipv6-only-2026-2030", "v6ready programs --json"])

    @Flag(.json) var json: Bool
    @OptionGroup var language: LanguageOptions
    @Argument("ID", help: "A program to show in full.") var id: String?

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let programs: [Program]
        if let id {
            guard let program = ProgramCatalog.program(id: id) else {
                throw .argument("\(quotedArgument(id)) is not a built-in program; they are: \(ProgramCatalog.shipped.map(\.id).joined(separator: ", "))")
            }
            programs = [program]
        } else {
            programs = ProgramCatalog.shipped
        }
        if json {
            console.out(JSONWriter.compact(.array(programs.map(ProgramText.json))))
        } else if id == nil {
            var table = TextTable(["ID", "PERIOD", "PHASES", "FOLLOWS", "NAME"])
            for p in programs {
                table.add([p.id, "\(p.period.lowerBound) – \(p.period.upperBound)", String(p.phases.count), p.follows ?? "-", p.name.text(language.language)])
            }
            console.outRaw(table.render())
        } else {
            console.outRaw(ProgramText.detail(programs[0], language: language.language))
        }
        return .success
    }
}
