/// A file written in pieces that appears at its path only when complete: for outputs too large to hold in
/// memory (a million probe results with `probe -o FILE`). Same guarantees as `AtomicFile.write`: the target is
/// the old file or the whole new one, never a part. Not committing (an error, a kill) leaves the target alone.
public final class AtomicFileStream {
    public let path: String
    private let temporaryPath: String
    private let descriptor: FileDescriptor
    private var finished = false

    public init(path: String, permissions: FilePermissions = .ownerWritableAllReadable) throws(SystemError) {
        self.path = path
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
            do throws(SystemError) { try opened.setPermissions(permissions) } catch {
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
        do throws(SystemError) {
            try descriptor.sync()
            try descriptor.close()
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
        try? FileSystem.remove(temporaryPath)
    }

    deinit { abandon() }
}
