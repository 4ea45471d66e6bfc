import Glibc

/// Replaces and removes several files of one folder as one change that a kill at any moment cannot leave half
/// done (an inventory's manifest and agency files must agree, or no command accepts the inventory).
///
/// 1. every new file is written completely to a temporary file next to its target and flushed;
/// 2. a journal (`FOLDER/.v6ready.journal`, itself written atomically) lists the renames and removals;
/// 3. the renames and removals are done, the folders flushed, and the journal removed.
///
/// A process killed before step 2 leaves only temporary files (removed as stale by the next writer); killed
/// after it, the journal is there and `recover(in:)` — which the next command to take the folder's lock calls —
/// finishes the renames and removals (rolls forward). Either way the folder holds the old files or the new ones.
public enum JournaledCommit {
    public static let journalName = ".v6ready.journal"

    /// The steps of a commit, for fault-injection tests: `afterStep(n)` is called after the journal is written
    /// (n = 0) and after each rename or removal (n = 1, 2, …).
    public typealias StepObserver = (Int) -> Void

    /// Writes `files` and removes `removals` (paths relative to `folder`) as one change.
    public static func commit(
        in folder: String,
        writing files: [(path: String, bytes: [UInt8])],
        removing removals: [String] = [],
        permissions: FilePermissions = .ownerWritableAllReadable,
        afterStep: StepObserver = { _ in }
    ) throws(SystemError) {
        for path in files.map(\.path) + removals where !isSafeRelativePath(path) {
            throw SystemError("journal", path: path, errno: .invalidArgument)
        }
        var prepared: [(temporary: String, path: String)] = []
        func removePrepared() { for file in prepared { try? FileSystem.remove(folder + "/" + file.temporary) } }
        do throws(SystemError) {
            for file in files {
                let temporary = try AtomicFile.writeTemporaryFile(file.bytes, for: folder + "/" + file.path, permissions: permissions)
                prepared.append((String(temporary.dropFirst(folder.count + 1)), file.path))
            }
            try AtomicFile.refuseNonRegularTargets(prepared.map { folder + "/" + $0.path })
            var journal = "v6ready journal 1\n"
            for file in prepared { journal += "rename\t\(file.temporary)\t\(file.path)\n" }
            for path in removals { journal += "remove\t\(path)\n" }
            journal += "end\n"
            try AtomicFile.write(journal, to: folder + "/" + journalName)
        } catch {
            removePrepared()
            throw error
        }
        afterStep(0)
        try apply(in: folder, renames: prepared, removals: removals, afterStep: afterStep)
    }

    /// Finishes a commit that a killed process left (its journal is still there); true when there was one.
    /// A journal that cannot be read as ours is set aside as `.v6ready.journal.bad` rather than trusted.
    @discardableResult
    public static func recover(in folder: String) throws(SystemError) -> Bool {
        let journalPath = folder + "/" + journalName
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(journalPath) } catch where error.errno == .noSuchFileOrDirectory { return false }
        guard let (renames, removals) = parse(String(decoding: bytes, as: UTF8.self)) else {
            try FileSystem.rename(journalPath, to: journalPath + ".bad")
            return true
        }
        // Renames already done have no temporary file any more; the rest are done now.
        let pending = renames.filter { entryExists(folder + "/" + $0.temporary) }
        try apply(in: folder, renames: pending, removals: removals, afterStep: { _ in })
        return true
    }

    private static func apply(in folder: String, renames: [(temporary: String, path: String)], removals: [String],
                              afterStep: StepObserver) throws(SystemError) {
        var step = 0
        var folders: [String] = [folder]
        for file in renames {
            try FileSystem.rename(folder + "/" + file.temporary, to: folder + "/" + file.path)
            step += 1
            afterStep(step)
            let directory = FileSystem.directoryName(of: folder + "/" + file.path)
            if !folders.contains(directory) { folders.append(directory) }
        }
        for path in removals {
            do { try FileSystem.remove(folder + "/" + path) } catch where error.errno == .noSuchFileOrDirectory {}
            step += 1
            afterStep(step)
        }
        for directory in folders.reversed() { try AtomicFile.syncDirectory(directory) }
        try FileSystem.remove(folder + "/" + journalName)
        try AtomicFile.syncDirectory(folder)
    }

    /// The journal's renames and removals; nil unless it is complete and every path stays inside the folder.
    static func parse(_ text: String) -> (renames: [(temporary: String, path: String)], removals: [String])? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == "v6ready journal 1", lines.last == "", lines.dropLast().last == "end" else { return nil }
        lines = Array(lines.dropFirst().dropLast(2))
        var renames: [(String, String)] = [], removals: [String] = []
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields.count == 3, fields[0] == "rename", isSafeRelativePath(fields[1]), isSafeRelativePath(fields[2]),
               AtomicFile.isTemporaryFileName(FileSystem.baseName(of: fields[1])) {
                renames.append((fields[1], fields[2]))
            } else if fields.count == 2, fields[0] == "remove", isSafeRelativePath(fields[1]) {
                removals.append(fields[1])
            } else {
                return nil
            }
        }
        return (renames, removals)
    }

    /// A relative path without "." or ".." components, tabs or newlines: it cannot leave the folder.
    static func isSafeRelativePath(_ path: String) -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        return !path.isEmpty && !path.hasPrefix("/") && !path.contains("\t") && !path.contains("\n")
            && components.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    /// Whether anything is at `path` (`lstat(2)`: a link counts, followed or not).
    private static func entryExists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }
}
