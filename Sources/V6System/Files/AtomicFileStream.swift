/// A file written in pieces that appears at its path only when complete: for outputs too large to hold in
/// memory (a million probe results with `probe -o FILE`). Same guarantees as `AtomicFile.write`: the target is
/// the old file or the whole new one, never a part. Not committing (an error, a kill) leaves the target alone.
public final class AtomicFileStream {
    public let path: String
    /// Nil when `path` is a character device or FIFO written in place (`-o /dev/null`): nothing to rename.
    private let temporaryPath: String?
    private let descriptor: FileDescriptor
    private var finished = false

    /// Starts the file; a new one gets `permissions` less the umask, a replaced one keeps its mode. A device or
    /// FIFO at `path` is written in place; any other file that is not regular is refused (`EEXIST`).
    public init(path: String, permissions: FilePermissions = .ownerWritableAllReadable) throws(SystemError) {
        self.path = path
        switch OutputPath.kind(of: path) {
        case .writeThrough:
            descriptor = try OutputPath.openWriteThrough(path)
            temporaryPath = nil
            return
        case .refused:
            throw SystemError("open", path: path, errno: .fileExists)
        case .absent, .regularFile:
            break
        }
        var attempts = 0
        while true {
            let candidate = AtomicFile.temporaryPath(for: path)
            let opened: FileDescriptor
            do throws(SystemError) {
                opened = try FileDescriptor.open(candidate, .writeOnly, options: [.create, .exclusiveCreate, .noFollow],
                                                 permissions: permissions)
            } catch where error.errno == .fileExists && attempts < 8 {
                attempts += 1
                continue
            } catch {
                throw SystemError(error.call, path: path, errno: error.errno)
            }
            do throws(SystemError) { try AtomicFile.inheritAttributes(of: path, into: opened) } catch {
                try? opened.close()
                try? FileSystem.remove(candidate)
                throw SystemError(error.call, path: path, errno: error.errno)
            }
            descriptor = opened
            temporaryPath = candidate
            return
        }
    }

    /// Appends bytes to the pending file.
    public func write(_ bytes: [UInt8]) throws(SystemError) {
        do throws(SystemError) { try descriptor.writeAll(bytes) } catch {
            abandon()
            throw SystemError(error.call, path: path, errno: error.errno)
        }
    }

    /// Flushes the pending file and renames it over the target.
    public func commit() throws(SystemError) {
        guard !finished else { return }
        finished = true
        guard let temporaryPath else {
            do throws(SystemError) { try descriptor.close() } catch { throw SystemError(error.call, path: path, errno: error.errno) }
            return
        }
        do throws(SystemError) {
            try descriptor.sync()
            try descriptor.close()
            try AtomicFile.refuseNonRegularTargets([path])
            try FileSystem.rename(temporaryPath, to: path)
        } catch {
            if descriptor.isOpen { try? descriptor.close() }
            try? FileSystem.remove(temporaryPath)
            throw SystemError(error.call, path: path, errno: error.errno)
        }
        try AtomicFile.syncDirectory(FileSystem.directoryName(of: path))
    }

    /// Throws the pending file away; the target is untouched.
    public func abandon() {
        guard !finished else { return }
        finished = true
        if descriptor.isOpen { try? descriptor.close() }
        if let temporaryPath { try? FileSystem.remove(temporaryPath) }
    }

    deinit { abandon() }
}
