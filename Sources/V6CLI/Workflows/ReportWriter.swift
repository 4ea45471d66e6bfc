import V6Core
import V6System

/// Where a command's files go: one place that creates the folder, writes every file atomically (all or none) and
/// says what went wrong in one message. Used by every command that writes files a user named.
///
/// The rules for a path a user names (README "Safety notes"): `-` is standard output; a character device or FIFO
/// (`/dev/null`, `/dev/stdout`, a named pipe) is written into and never replaced; a directory, block device,
/// socket or symbolic link to a file is refused (exit 2); a regular file is replaced atomically and keeps its
/// mode. With root's rights, a folder that is a planted symbolic link or another user's folder that others may
/// write is refused (exit 3).
struct ReportWriter {
    /// As the user typed it, ending in "/".
    let shown: String
    let directory: String

    init(directory output: String, console: Console) {
        shown = output.hasSuffix("/") ? output : output + "/"
        directory = console.resolve(output)
    }

    /// Writes the files into the folder, each replaced atomically, none if any fails.
    func write(_ files: [(name: String, bytes: [UInt8])]) throws(CLIError) {
        try Self.requireSafeDirectory(directory, shown: shown)
        for file in files { try Self.requireReplaceable(directory + "/" + file.name, shown: shown + file.name) }
        do {
            try FileSystem.createDirectory(directory, recursive: true)
            try AtomicFile.writeAll(files.map { (directory + "/" + $0.name, $0.bytes) })
        } catch {
            throw .environment("cannot write to \(shown): \(error)")
        }
    }

    func shownPath(_ name: String) -> String { shown + name }

    /// One file the user named (`-o FILE`, `--csv FILE`, `--prometheus FILE`): `-` is standard output, a device
    /// or FIFO is written in place, a regular file is replaced atomically.
    static func writeFile(_ bytes: [UInt8], to path: String, console: Console) throws(CLIError) {
        if path == "-" {
            console.outRaw(String(decoding: bytes, as: UTF8.self))
            return
        }
        let resolved = console.resolve(path)
        do {
            if try prepare(resolved, shown: path) {
                try OutputPath.writeThrough(bytes, to: resolved)
            } else {
                try AtomicFile.write(bytes, to: resolved)
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw .environment("cannot write \(path): \(error)")
        }
    }

    /// A file the user named that is written as results arrive; it appears when `commit()` succeeds (a device or
    /// FIFO is written as the results come).
    static func stream(to path: String, console: Console) throws(CLIError) -> AtomicFileStream {
        let resolved = console.resolve(path)
        _ = try prepare(resolved, shown: path)
        do { return try AtomicFileStream(path: resolved) } catch {
            throw .environment("cannot write \(path): \(error)")
        }
    }

    /// Refuses what must not be written and checks the folder; true when `path` is written in place.
    private static func prepare(_ path: String, shown: String) throws(CLIError) -> Bool {
        if case .writeThrough = OutputPath.kind(of: path) { return true }
        try requireReplaceable(path, shown: shown)
        try requireSafeDirectory(FileSystem.directoryName(of: path), shown: FileSystem.directoryName(of: shown))
        return false
    }

    /// Exit 2 for a target that is neither a file nor a device or FIFO.
    static func requireReplaceable(_ path: String, shown: String) throws(CLIError) {
        if case .refused(let what) = OutputPath.kind(of: path) {
            throw .argument("cannot write \(shown): it is \(what); name a regular file, a character device or FIFO, or - for standard output")
        }
    }

    /// With root's rights, exit 3 for a folder someone else could redirect (`reports -> /etc/x`).
    static func requireSafeDirectory(_ directory: String, shown: String) throws(CLIError) {
        guard OutputPath.filesAccessedAsRoot, let reason = OutputPath.unsafeDirectoryReason(directory) else { return }
        throw .environment("refusing to write into \(shown) as root: \(reason); run as the folder's owner (sudo -u) or choose another folder")
    }
}
