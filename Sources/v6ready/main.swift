import V6CLI

// Thin on purpose: everything lives in V6CLI so it can be tested.
exitProcess(with: CommandLineTool.run(arguments: Array(CommandLine.arguments.dropFirst())))
