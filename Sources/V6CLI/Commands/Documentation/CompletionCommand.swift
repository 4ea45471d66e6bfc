/// `v6ready completion bash`: a bash completion script generated from the command tree.
struct CompletionCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["completion"], abstract: "Print a shell completion script (bash), generated from the commands' own help.",
        discussion: """
        Install it once, e.g. v6ready completion bash | sudo tee /usr/share/bash-completion/completions/v6ready,
        or source it from ~/.bashrc. A generated copy is in contrib/v6ready.bash.
        """,
        examples: ["v6ready completion bash > ~/.local/share/bash-completion/completions/v6ready"])

    @Argument("SHELL", help: "The shell: bash.") var shell: String

    func validate() throws(CLIError) {
        guard shell == "bash" else { throw .argument("\(quotedArgument(shell)) is not a shell v6ready completes; it completes: bash") }
    }

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        console.outRaw(BashCompletion.bash(CommandLineTool.root))
        return .success
    }
}
