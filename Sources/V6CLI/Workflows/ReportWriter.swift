import V6Core
import V6System

/// Where a command's files go: one place that creates the folder, writes every file atomically (all or none) and
/// says what went wrong in one message. Used by every command that writes files a user named.
struct ReportWriter {
    /// As the user typed it, ending in "/".
    let shown: String
    let directory: String

    init(directory output: String, console: Console) {
        shown = output.hasSuffix("/") ? output : output + "/"
        directory = console.resolve(output)
    }

    /// Writes the files into the folder (names may hold sub-folders, `agencies/x.md`), each replaced atomically,
    /// none if any fails.
    func write(_ files: [(name: String, bytes: [UInt8])]) throws(CLIError) {
        do {
            try FileSystem.createDirectory(directory, recursive: true)
            let folders = Set(files.compactMap { file in file.name.lastIndex(of: "/").map { String(file.name[..<$0]) } })
            for folder in folders.sorted() { try FileSystem.createDirectory(directory + "/" + folder, recursive: true) }
            try AtomicFile.writeAll(files.map { (directory + "/" + $0.name, $0.bytes) })
        } catch {
            throw .environment("cannot write to \(shown): \(error)")
        }
    }

    func shownPath(_ name: String) -> String { shown + name }

    /// One file the user named (`-o FILE`, `--csv FILE`, `--prometheus FILE`), replaced atomically.
    static func writeFile(_ bytes: [UInt8], to path: String, console: Console) throws(CLIError) {
        do { try AtomicFile.write(bytes, to: console.resolve(path)) } catch {
            throw .environment("cannot write \(path): \(error)")
        }
    }

    /// A file the user named that is written as results arrive; it appears when `commit()` succeeds.
    static func stream(to path: String, console: Console) throws(CLIError) -> AtomicFileStream {
        do { return try AtomicFileStream(path: console.resolve(path)) } catch {
            throw .environment("cannot write \(path): \(error)")
        }
    }
}
