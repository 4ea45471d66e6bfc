import Foundation
import V6System
import V6Core

/// Where a command writes: stdout for results, stderr for diagnostics and progress. The only writer of the
/// process's standard output: everything a command prints, streamed or not, goes through here, so tests capture
/// all of it with `Console.capturing()`. A reference, so that streaming callbacks (probe results) can write too.
public final class Console {
    public private(set) var capturedOut = ""
    public private(set) var capturedErr = ""
    private let capturing: Bool
    /// Whether progress may be drawn (stderr is a terminal).
    public let stderrIsTerminal: Bool
    /// Where relative paths are resolved (the process's directory, or a test's).
    public let workingDirectory: String

    public static var standard: Console {
        Console(capturing: false, stderrIsTerminal: isTerminal(fileDescriptor: 2),
                workingDirectory: FileManager.default.currentDirectoryPath)
    }

    public static func capturing(workingDirectory: String) -> Console {
        Console(capturing: true, stderrIsTerminal: false, workingDirectory: workingDirectory)
    }

    private init(capturing: Bool, stderrIsTerminal: Bool, workingDirectory: String) {
        self.capturing = capturing
        self.stderrIsTerminal = stderrIsTerminal
        self.workingDirectory = workingDirectory
    }

    /// Writes `text` and a newline to stdout.
    public func out(_ text: String) { write(text + "\n", toError: false) }
    /// Writes `text` as given (no newline added) to stdout.
    public func outRaw(_ text: String) { write(text, toError: false) }
    /// Writes `text` as given (no newline) to stderr, for progress lines.
    public func errorRaw(_ text: String) { write(text, toError: true) }
    /// Writes `text` and a newline to stderr.
    public func error(_ text: String) { write(text + "\n", toError: true) }
    /// Redraws the progress line on stderr (a terminal): the line is cleared with CR and ESC [K, which are the
    /// only control characters this class ever writes.
    public func progress(_ text: String) { writeEscaped("\r\u{1B}[K" + TerminalText.escaped(text), toError: true) }
    /// Clears the progress line.
    public func clearProgress() { writeEscaped("\r\u{1B}[K", toError: true) }

    /// Every text path goes through `TerminalText.escaped`: a name with an ESC sequence or a BiDi override from
    /// someone's file must not reach the terminal as a control.
    private func write(_ text: String, toError: Bool) { writeEscaped(TerminalText.escaped(text), toError: toError) }

    private func writeEscaped(_ text: String, toError: Bool) {
        if capturing {
            if toError { capturedErr += text } else { capturedOut += text }
            return
        }
        let handle = toError ? FileHandle.standardError : FileHandle.standardOutput
        handle.write(Data(text.utf8))
    }

    /// Resolves a path the user typed against the working directory.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
    }
}
