/// `v6ready manpage`: the man page (roff), generated from the same declarations `--help` prints.
struct ManPageCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["manpage"], abstract: "Print the v6ready(1) man page (roff), generated from the commands' own help.",
        discussion: "A generated copy is in contrib/v6ready.1: man ./contrib/v6ready.1, or install it to /usr/local/share/man/man1/.",
        examples: ["v6ready manpage | man -l -", "v6ready manpage -o /usr/local/share/man/man1/v6ready.1"])

    @Option("--output", short: "-o", value: "FILE", help: "Write to FILE instead of standard output.") var output: String?

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let page = ManPage.render(CommandLineTool.root)
        if let output { try ReportWriter.writeFile(Array(page.utf8), to: output, console: console) } else { console.outRaw(page) }
        return .success
    }
}
