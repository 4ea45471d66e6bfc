import Glibc

/// Replaces files so that a crash, a kill or a power cut at any moment leaves either the old content or the
/// new content, never a mix and never nothing.
///
/// The new content goes to a temporary file in the same directory (`.NAME.tmp.PID.RANDOM`), which is written
/// completely and flushed with `fsync(2)`, then renamed over the target with `rename(2)` (atomic within one
/// file system), and finally the directory is flushed so the rename itself is durable. On any error the
/// temporary file is removed and the target is untouched. A process killed mid-write leaves its temporary
/// file behind; `removeStaleTemporaryFiles(inDirectory:)` cleans those up, and `isTemporaryFileName(_:)`
/// lets directory readers skip them.
///
/// Only a regular file (or nothing) is ever replaced: a device, a FIFO, a directory or a symbolic link at the
/// target is refused (`EEXIST`; `OutputPath` writes devices and FIFOs in place). A replaced file keeps its mode
/// (a 0600 agency file stays 0600) and, when root replaces another user's file, its owner; a new file gets
/// `permissions` less the umask.
public enum AtomicFile {
    /// Replaces `path` with `bytes`; a new file gets `permissions` less the umask, a replaced one keeps its mode.
    public static func write(
        _ bytes: [UInt8],
        to path: String,
        permissions: FilePermissions = .ownerWritableAllReadable
    ) throws(SystemError) {
        let temporaryPath = try writeTemporaryFile(bytes, for: path, permissions: permissions)
        do throws(SystemError) {
            try refuseNonRegularTargets([path])
            try FileSystem.rename(temporaryPath, to: path)
        } catch {
            try? FileSystem.remove(temporaryPath)
            throw error
        }
        try syncDirectory(FileSystem.directoryName(of: path))
    }

    /// Replaces `path` with the UTF-8 encoding of `text`.
    public static func write(
        _ text: String,
        to path: String,
        permissions: FilePermissions = .ownerWritableAllReadable
    ) throws(SystemError) {
        try write(Array(text.utf8), to: path, permissions: permissions)
    }

    /// Replaces several files as one change: all temporary files are written and flushed first, and only
    /// when every one of them succeeded are they renamed over their targets. A failure while writing any
    /// of them (a missing directory, a full disk, no permission) therefore changes none of the targets.
    ///
    /// The renames themselves are separate steps: a kill between two renames leaves the earlier targets
    /// new and the later ones old (each file is still whole). Each path may appear only once.
    public static func writeAll(
        _ files: [(path: String, bytes: [UInt8])],
        permissions: FilePermissions = .ownerWritableAllReadable
    ) throws(SystemError) {
        precondition(Set(files.map(\.path)).count == files.count, "AtomicFile.writeAll: a path appears twice")
        var prepared: [(temporaryPath: String, path: String)] = []
        func removePrepared() {
            for file in prepared { try? FileSystem.remove(file.temporaryPath) }
        }
        do throws(SystemError) {
            for file in files {
                let temporaryPath = try writeTemporaryFile(file.bytes, for: file.path, permissions: permissions)
                prepared.append((temporaryPath, file.path))
            }
            try refuseNonRegularTargets(prepared.map(\.path))
            // rename(2) cannot replace a directory with a file; find that out before renaming anything.
            for file in prepared where FileSystem.isDirectory(file.path) {
                throw SystemError("rename", arguments: "\(quoted(file.temporaryPath)), \(quoted(file.path))",
                                  errno: .isDirectory)
            }
        } catch {
            removePrepared()
            throw error
        }
        var renamed = 0
        do throws(SystemError) {
            for file in prepared {
                try FileSystem.rename(file.temporaryPath, to: file.path)
                renamed += 1
            }
        } catch {
            for file in prepared[renamed...] { try? FileSystem.remove(file.temporaryPath) }
            throw error
        }
        var directories: [String] = []
        for file in prepared {
            let directory = FileSystem.directoryName(of: file.path)
            if !directories.contains(directory) { directories.append(directory) }
        }
        for directory in directories { try syncDirectory(directory) }
    }

    /// Throws `EEXIST` (`EISDIR` for a directory) when a target is there but is not a regular file: `rename(2)` would replace a device node,
    /// a FIFO or a symbolic link with a regular file. Checked just before the renames.
    static func refuseNonRegularTargets(_ paths: [String]) throws(SystemError) {
        for path in paths {
            switch OutputPath.kind(of: path) {
            case .absent, .regularFile: continue
            case .refused("a directory"): throw SystemError("rename", path: path, errno: .isDirectory)
            case .writeThrough, .refused: throw SystemError("rename", path: path, errno: .fileExists)
            }
        }
    }

    /// The mode and owner a replacement of `path` takes: the existing regular file's, else nil (a new file).
    static func existingAttributes(of path: String) -> (permissions: FilePermissions, owner: uid_t, group: gid_t)? {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return (FilePermissions(rawValue: status.st_mode & 0o777), status.st_uid, status.st_gid)
    }

    /// Gives a new temporary file the replaced file's mode and (when root replaces another user's file) its
    /// owner; a new file keeps the mode `open(2)` gave it, which honours the umask.
    static func inheritAttributes(of path: String, into descriptor: FileDescriptor) throws(SystemError) {
        guard let existing = existingAttributes(of: path) else { return }
        var created = stat()
        if OutputPath.filesAccessedAsRoot, fstat(descriptor.rawValue, &created) == 0,
           created.st_uid != existing.owner || created.st_gid != existing.group {
            _ = try syscall("fchown", arguments: "\(existing.owner), \(existing.group)") {
                fchown(descriptor.rawValue, existing.owner, existing.group)
            }
        }
        try descriptor.setPermissions(existing.permissions)
    }

    /// Whether `name` (a bare file name) is one of our temporary files: `.NAME.tmp.PID.RANDOM`.
    public static func isTemporaryFileName(_ name: String) -> Bool {
        temporaryFileOwner(name) != nil
    }

    /// Removes the temporary files in `directory` left by writers that no longer run (killed mid-write),
    /// and returns their paths. Files of live processes are left alone.
    @discardableResult
    public static func removeStaleTemporaryFiles(inDirectory directory: String) throws(SystemError) -> [String] {
        var removed: [String] = []
        for name in try FileSystem.listDirectory(directory) {
            guard let pid = temporaryFileOwner(name), !processExists(pid) else { continue }
            let path = directory + "/" + name
            do throws(SystemError) {
                try FileSystem.remove(path)
                removed.append(path)
            } catch where error.errno == .noSuchFileOrDirectory {
                continue  // Another process cleaned it up first.
            }
        }
        return removed
    }

    /// A fresh temporary path next to `path`: `DIR/.NAME.tmp.PID.RANDOM`.
    static func temporaryPath(for path: String) -> String {
        let directory = FileSystem.directoryName(of: path)
        let random = String(UInt32.random(in: .min ... .max), radix: 16)
        let name = ".\(FileSystem.baseName(of: path)).tmp.\(currentProcessID).\(random)"
        return path.contains("/") ? directory + "/" + name : name
    }

    /// The process id in a temporary file name, or nil when `name` is not one of ours.
    static func temporaryFileOwner(_ name: String) -> Int32? {
        guard name.hasPrefix(".") else { return nil }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        // "", NAME parts..., "tmp", PID, RANDOM
        guard parts.count >= 5, parts[parts.count - 3] == "tmp",
              let pid = Int32(parts[parts.count - 2]), pid > 0,
              let random = parts.last, !random.isEmpty, UInt32(random, radix: 16) != nil
        else { return nil }
        return pid
    }

    /// Writes `bytes` to a new temporary file next to `path`, flushes it, and returns its path.
    /// Removes the temporary file again if anything fails. Errors name `path`, not the temporary file, since
    /// that is the file the user asked for: `write("inventories/x/a.json"): No space left on device`.
    static func writeTemporaryFile(
        _ bytes: [UInt8],
        for path: String,
        permissions: FilePermissions
    ) throws(SystemError) -> String {
        var attempts = 0
        while true {
            let temporaryPath = temporaryPath(for: path)
            let descriptor: FileDescriptor
            do throws(SystemError) {
                descriptor = try FileDescriptor.open(
                    temporaryPath, .writeOnly, options: [.create, .exclusiveCreate, .noFollow],
                    permissions: permissions)
            } catch where error.errno == .fileExists && attempts < 8 {
                attempts += 1
                continue  // Name collision with another writer; draw another random suffix.
            } catch {
                throw SystemError(error.call, path: path, errno: error.errno)
            }
            do throws(SystemError) {
                try inheritAttributes(of: path, into: descriptor)
                try descriptor.writeAll(bytes)
                try descriptor.sync()
                try descriptor.close()
            } catch {
                if descriptor.isOpen { try? descriptor.close() }
                try? FileSystem.remove(temporaryPath)
                throw SystemError(error.call, path: path, errno: error.errno)
            }
            return temporaryPath
        }
    }

    /// Flushes a directory with `fsync(2)` so a rename in it survives a power cut.
    static func syncDirectory(_ directory: String) throws(SystemError) {
        let descriptor = try FileDescriptor.open(directory, .readOnly, options: [.directory])
        defer { try? descriptor.close() }
        switch valueOrErrno({ fsync(descriptor.rawValue) }) {
        case .success:
            return
        case .failure(let error) where error == .invalidArgument:
            return  // This file system cannot sync directories; the rename is as durable as it can make it.
        case .failure(let error):
            throw SystemError("fsync", path: directory, errno: error)
        }
    }
}
