import Testing
@testable import V6CLI

/// The argument framework on a command of its own, so that what it guarantees does not depend on any real command.
@Suite("Arguments: typed declarations")
struct CommandLineParserTests {
    struct Sample: RunnableCommand {
        static let configuration = CommandConfiguration(["sample"], abstract: "A sample.")
        @Option("--count", value: "N", range: 1...5, help: "How many.") var count: Int = 2
        @Option("--name", value: "NAME", help: "A name.") var name: String?
        @Option("--tag", value: "TAG", repeatableHelp: "A tag.") var tags: [String]
        @Flag("--loud", short: "-l", help: "Loudly.") var loud: Bool
        @Argument("WORD", help: "Words.") var words: [String]

        func validate() throws(CLIError) {
            if loud && name == nil { throw .argument("--loud needs --name") }
        }

        func run(_ console: Console) throws(CLIError) -> ExitCode { .success }
    }

    func parse(_ arguments: [String]) throws(CLIError) -> Sample {
        let command = Sample()
        try CommandLineParser.parse(arguments, into: Declarations.collect(from: command), command: Sample.spec)
        try command.validate()
        return command
    }

    @Test("values land in typed properties; defaults stay when not given")
    func typedValues() throws {
        let c = try parse(["--count=4", "--tag", "a", "-l", "--name", "x", "--tag", "b", "one", "--", "--two"])
        #expect(c.count == 4 && c.name == "x" && c.tags == ["a", "b"] && c.loud && c.words == ["one", "--two"])
        #expect(c.$count.isGiven)
        let d = try parse(["w"])
        #expect(d.count == 2 && d.name == nil && d.tags.isEmpty && !d.loud && !d.$count.isGiven)
    }

    @Test("every wrong command line is a usage error naming the option")
    func usageErrors() {
        func message(_ arguments: [String]) -> String? {
            do { _ = try parse(arguments); return nil } catch {
                switch error {
                case let .usage(text, _), let .argument(text): return text
                default: return "\(error)"
                }
            }
        }
        #expect(message(["--count", "9"]) == "--count takes a whole number from 1 to 5, not '9'")
        #expect(message(["--count"]) == "--count needs a value (--count N)")
        #expect(message(["--name", "a", "--name", "b"]) == "--name is given twice")
        #expect(message(["--loud=yes"]) == "--loud takes no value")
        #expect(message(["--nmae", "x"]) == "unknown option '--nmae' (did you mean --name?)")
        #expect(message(["--loud", "w"]) == "--loud needs --name")
        #expect(message([]) == "missing WORD: words.")
    }

    @Test("help lists the declarations in the order they are written")
    func helpOrder() {
        #expect(Sample.spec.options.map(\.name) == ["--count", "--name", "--tag", "--loud"])
        #expect(HelpFormatter.usage(Sample.spec) == "v6ready sample [--count N] [--name NAME] [--tag TAG]... [--loud] WORD...")
    }

    @Test("no command of the tool declares an option name twice")
    func noDuplicateNames() {
        for command in BashCompletion.walk(CommandLineTool.root) {
            let names = command.options.flatMap { [$0.name] + ($0.short.map { [$0] } ?? []) }
            #expect(Set(names).count == names.count, "\(command.fullName): \(names)")
        }
    }
}
