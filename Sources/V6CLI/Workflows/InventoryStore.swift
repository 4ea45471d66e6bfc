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

    /// The inventory's files as they are on disk (temporary files of interrupted writes are skipped).
    func readSources() throws(CLIError) -> [InventoryLoader.SourceFile] {
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

    /// Reads and validates; every problem is reported at once.
    func load() throws(CLIError) -> Inventory {
        switch InventoryLoader.load(try readSources(), displayPrefix: display) {
        case let .success(inventory): return inventory
        case let .failure(failure): throw .invalid(failure.diagnostics)
        }
    }

    /// Runs `change` on the current inventory while holding the folder's lock, then writes the files that
    /// changed, all or none. `change` returns the new inventory (already validated) and a value to hand back.
    func modify<T>(_ change: (Inventory) throws(CLIError) -> (Inventory, T)) throws(CLIError) -> T {
        let lock: FileLock
        do {
            lock = try FileLock.acquire(path: directory + "/" + Self.lockFileName, wait: false)
        } catch let error as LockError {
            throw .environment("\(error) (another edit or import is running; try again when it ends)")
        } catch {
            throw .environment("cannot lock the inventory: \(error)")
        }
        defer { try? lock.release() }
        let current = try load()
        let (updated, result) = try change(current)
        try write(updated, replacing: current)
        return result
    }

    /// Writes every file whose bytes differ, then removes the files of agencies that are gone.
    func write(_ inventory: Inventory, replacing previous: Inventory?) throws(CLIError) {
        let wanted = InventoryLoader.serialize(inventory)
        var changed: [(path: String, bytes: [UInt8])] = []
        for file in wanted {
            let path = directory + "/" + file.path
            if let existing = try? FileSystem.readFile(path), existing == file.bytes { continue }
            changed.append((path, file.bytes))
        }
        let wantedPaths = Set(wanted.map(\.path))
        let gone = (previous.map { InventoryLoader.serialize($0).map(\.path) } ?? []).filter { !wantedPaths.contains($0) }
        do {
            try FileSystem.createDirectory(directory + "/" + Inventory.agenciesFolder, recursive: true)
            try AtomicFile.writeAll(changed)
            for path in gone { try FileSystem.remove(directory + "/" + path) }
        } catch {
            throw .environment("cannot write the inventory: \(error)")
        }
    }
}
