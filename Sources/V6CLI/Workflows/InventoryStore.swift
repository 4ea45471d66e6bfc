import Foundation
import V6Core
import V6System

/// An inventory folder on disk: finding it, reading it, and changing it under a lock with atomic writes,
/// so a failed or interrupted edit leaves the previous good files in place.
struct InventoryStore {
    /// Absolute path of the folder.
    let directory: String
    /// The folder as the user sees it in messages, ending in "/".
    let display: String

    static let defaultFolder = "inventories"
    static let lockFileName = ".v6ready.lock"

    /// Finds the inventory named by `--inventory`, or the default `inventories/` (or its only inventory).
    static func locate(_ option: String?, console: Console) throws(CLIError) -> InventoryStore {
        let given = option ?? defaultFolder
        let absolute = console.resolve(given)
        let shown = given.hasSuffix("/") ? given : given + "/"
        if FileSystem.isRegularFile(absolute + "/" + Inventory.manifestPath) {
            return InventoryStore(directory: absolute, display: shown)
        }
        guard FileSystem.isDirectory(absolute) else {
            throw .invalid([Diagnostic(file: given, message: option == nil
                ? "no inventory here: create one with `v6ready init inventories/NAME`, or name one with --inventory DIR"
                : "no such folder; create an inventory with `v6ready init \(given)`")])
        }
        let children = ((try? FileSystem.listDirectory(absolute)) ?? []).sorted()
            .filter { FileSystem.isRegularFile(absolute + "/" + $0 + "/" + Inventory.manifestPath) }
        if children.count == 1 {
            return InventoryStore(directory: absolute + "/" + children[0], display: shown + children[0] + "/")
        }
        if children.isEmpty {
            throw .invalid([Diagnostic(file: shown + Inventory.manifestPath,
                                       message: "is missing: \(given) is not an inventory folder (`v6ready init \(given)` creates one)")])
        }
        throw .usage("\(given) holds several inventories (\(children.joined(separator: ", "))); choose one with --inventory \(shown)NAME", nil)
    }

    /// Diagnostics about the inventory's own files, named as the user sees them (`inventories/x/agencies/a.json`).
    func shown(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { d in
            var d = d
            if d.file.hasPrefix(Inventory.agenciesFolder + "/") || d.file == Inventory.manifestPath { d.file = display + d.file }
            return d
        }
    }

    /// The inventory's files as they are on disk, read under the shared lock (temporary files of interrupted
    /// writes are skipped; an edit a killed process left half done is finished first).
    func readSources() throws(CLIError) -> [InventoryLoader.SourceFile] {
        try whileReading { () throws(CLIError) in try readSourcesUnlocked() }
    }

    private func readSourcesUnlocked() throws(CLIError) -> [InventoryLoader.SourceFile] {
        var files: [InventoryLoader.SourceFile] = []
        do {
            files.append(.init(path: Inventory.manifestPath, bytes: try FileSystem.readFile(directory + "/" + Inventory.manifestPath)))
            let agencies = directory + "/" + Inventory.agenciesFolder
            if FileSystem.isDirectory(agencies) {
                for name in try FileSystem.listDirectory(agencies).sorted()
                where name.hasSuffix(".json") && !name.hasPrefix(".") && !AtomicFile.isTemporaryFileName(name) {
                    files.append(.init(path: Inventory.agenciesFolder + "/" + name, bytes: try FileSystem.readFile(agencies + "/" + name)))
                }
            }
        } catch {
            throw .environment("cannot read the inventory: \(error)")
        }
        return files
    }

    /// Reads and validates under the shared lock; every problem is reported at once.
    func load() throws(CLIError) -> Inventory {
        try whileReading { () throws(CLIError) in try loadUnlocked() }
    }

    /// Runs `body` under the shared lock (an edit in progress is never half seen), after finishing an edit a
    /// killed process left half done (its journal) under the exclusive lock.
    private func whileReading<T>(_ body: () throws(CLIError) -> T) throws(CLIError) -> T {
        if FileSystem.exists(directory + "/" + JournaledCommit.journalName) {
            let writer = try takeLock(shared: false, waiting: true)
            defer { try? writer?.release() }
            try recover()
        }
        let lock = try takeLock(shared: true)
        defer { try? lock?.release() }
        return try body()
    }

    private func loadUnlocked() throws(CLIError) -> Inventory {
        switch InventoryLoader.load(try readSourcesUnlocked(), displayPrefix: display) {
        case let .success(inventory): return inventory
        case let .failure(failure): throw .invalid(failure.diagnostics)
        }
    }

    /// Runs `change` on the current inventory while holding the folder's lock, then writes the files that
    /// changed, all or none. `change` returns the new inventory (already validated) and a value to hand back.
    func modify<T>(_ change: (Inventory) throws(CLIError) -> (Inventory, T)) throws(CLIError) -> T {
        let lock = try takeLock(shared: false)
        defer { try? lock?.release() }
        try recover()
        let current = try loadUnlocked()
        let (updated, result) = try change(current)
        try write(updated, replacing: current)
        return result
    }

    /// The folder's lock: exclusive for an edit (refused at once while another edit runs), shared for a read
    /// (waits up to 10 s for an edit to end). Nil for a reader that cannot create the lock file (a folder it
    /// may only read; nobody can edit it then either).
    private func takeLock(shared: Bool, waiting: Bool = false) throws(CLIError) -> FileLock? {
        let path = directory + "/" + Self.lockFileName
        let waits = shared || waiting
        for _ in 0..<(waits ? 200 : 1) {
            do {
                return try FileLock.acquire(path: path, wait: false, shared: shared)
            } catch is LockError {
                if waits { Pause.sleep(nanoseconds: 50_000_000) }
            } catch let error as SystemError where waits && (error.isPermissionProblem || error.errno == .noSuchFileOrDirectory) {
                return nil
            } catch {
                throw .environment("cannot lock the inventory: \(error)")
            }
        }
        throw .environment("another v6ready process holds the lock on \(display)\(Self.lockFileName)" + (waits ? " for more than 10 s" : "") + " (another edit or import is running; try again when it ends)")
    }

    /// Under the exclusive lock: finishes an edit a killed process left (its journal), and removes the temporary
    /// files of writers that no longer run.
    private func recover() throws(CLIError) {
        do {
            try JournaledCommit.recover(in: directory)
            for folder in [directory, directory + "/" + Inventory.agenciesFolder] where FileSystem.isDirectory(folder) {
                try AtomicFile.removeStaleTemporaryFiles(inDirectory: folder)
            }
        } catch {
            throw .environment("cannot finish the interrupted edit of \(display): \(error)")
        }
    }

    /// Writes every file whose bytes differ and removes the files of agencies that are gone, as one journaled
    /// change (`JournaledCommit`): a kill at any step leaves the old inventory or the new one.
    func write(_ inventory: Inventory, replacing previous: Inventory?) throws(CLIError) {
        let wanted = InventoryLoader.serialize(inventory)
        var changed: [(path: String, bytes: [UInt8])] = []
        for file in wanted {
            if let existing = try? FileSystem.readFile(directory + "/" + file.path), existing == file.bytes { continue }
            changed.append((file.path, file.bytes))
        }
        let wantedPaths = Set(wanted.map(\.path))
        let gone = (previous.map { InventoryLoader.serialize($0).map(\.path) } ?? []).filter { !wantedPaths.contains($0) }
        guard !changed.isEmpty || !gone.isEmpty else { return }
        try ReportWriter.requireSafeDirectory(directory, shown: display)
        do {
            try FileSystem.createDirectory(directory + "/" + Inventory.agenciesFolder, recursive: true)
            try JournaledCommit.commit(in: directory, writing: changed, removing: gone, afterStep: Self.faultInjection)
        } catch {
            throw .environment("cannot write the inventory: \(error)")
        }
    }

    /// Test hook: `V6READY_TEST_KILL_AT_STEP=N` kills this process with SIGKILL after step N of a commit (0: the
    /// journal is written; 1, 2, …: each rename or removal), so tests can prove no kill loses the inventory.
    static func faultInjection(_ step: Int) {
        guard let wanted = ProcessInfo.processInfo.environment["V6READY_TEST_KILL_AT_STEP"], Int(wanted) == step else { return }
        try? Signal.kill.send(to: currentProcessID)
    }
}
