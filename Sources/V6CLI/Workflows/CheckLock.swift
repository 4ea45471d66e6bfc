import V6System

/// `reports/.v6ready-check.lock`: one check at a time per reports folder; a second exits 3 at once instead of
/// waiting (cron would otherwise pile runs up).
struct CheckLock {
    private let lock: FileLock

    init(store: ScanStore, reports: String) throws(CLIError) {
        let path = FileSystem.directoryName(of: store.directory) + "/" + CheckCommand.lockFileName
        let shown = reports + "/" + CheckCommand.lockFileName
        do {
            lock = try FileLock.acquire(path: path, wait: false)
            // Holding the lock, no other check writes here: temporary files of killed runs are stale.
            for folder in [FileSystem.directoryName(of: store.directory), store.directory] where FileSystem.isDirectory(folder) {
                _ = try? AtomicFile.removeStaleTemporaryFiles(inDirectory: folder)
            }
        } catch is LockError {
            throw .environment("another v6ready check is running (it holds \(shown)); this run stops without doing anything")
        } catch {
            throw .environment("cannot take the lock \(shown): \(error)")
        }
    }

    func release() { try? lock.release() }
}
