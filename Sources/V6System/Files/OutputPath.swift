import CV6System
import Glibc

/// What is at a path a user named for output (`-o FILE`, `--prometheus FILE`, `--csv FILE`), decided before
/// anything is written: a file can be replaced atomically, a device or a pipe is written into and never replaced
/// (`-o /dev/null` as root must not turn the system's `/dev/null` into a regular file), anything else is refused.
public enum OutputPathKind: Sendable, Equatable {
    /// Nothing there yet: a new file is created (its mode from the umask).
    case absent
    /// A regular file: replaced atomically, keeping its mode.
    case regularFile
    /// A character device or a FIFO (also through a symbolic link, as `/dev/stdout`): written into in place.
    case writeThrough(String)
    /// A directory, a block device, a socket, a symbolic link to a file or to nothing: never written.
    case refused(String)
}

/// Checks on output paths and the directories they are in.
public enum OutputPath {
    /// What `path` is (`lstat(2)`, and `stat(2)` through a symbolic link).
    public static func kind(of path: String) -> OutputPathKind {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .absent }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFLNK:
            var target = stat()
            guard stat(path, &target) == 0 else { return .refused("a symbolic link to nothing") }
            switch target.st_mode & S_IFMT {
            case S_IFCHR: return .writeThrough("a character device")
            case S_IFIFO: return .writeThrough("a FIFO")
            default: return .refused("a symbolic link (name the file it points to)")
            }
        case S_IFCHR: return .writeThrough("a character device")
        case S_IFIFO: return .writeThrough("a FIFO")
        case S_IFDIR: return .refused("a directory")
        case S_IFBLK: return .refused("a block device")
        case S_IFSOCK: return .refused("a socket")
        default: return .refused("not a regular file")
        }
    }

    /// Opens a character device or FIFO for writing in place: `O_WRONLY` without `O_CREAT` or `O_TRUNC`, so it
    /// is never replaced; a FIFO nobody reads fails at once (`ENXIO`) instead of hanging. The descriptor is
    /// checked with `fstat(2)` to be a device or FIFO still (no swap between the check and the open).
    public static func openWriteThrough(_ path: String) throws(SystemError) -> FileDescriptor {
        let descriptor = try FileDescriptor.open(path, .writeOnly, options: [.nonBlocking])
        var status = stat()
        let type = fstat(descriptor.rawValue, &status) == 0 ? status.st_mode & S_IFMT : 0
        guard type == S_IFCHR || type == S_IFIFO else {
            try? descriptor.close()
            throw SystemError("open", path: path, errno: .fileExists)
        }
        let flags = fcntl(descriptor.rawValue, F_GETFL)
        _ = fcntl(descriptor.rawValue, F_SETFL, flags & ~O_NONBLOCK)
        return descriptor
    }

    /// Writes `bytes` into a character device or FIFO in place.
    public static func writeThrough(_ bytes: [UInt8], to path: String) throws(SystemError) {
        let descriptor = try openWriteThrough(path)
        do throws(SystemError) { try descriptor.writeAll(bytes) } catch {
            try? descriptor.close()
            throw error
        }
        try descriptor.close()
    }

    /// Whether this thread opens and creates files with root's rights (effective and file-system uid 0).
    public static var filesAccessedAsRoot: Bool {
        geteuid() == 0 && cv6_setfsuid(UInt32.max) == 0
    }

    /// Why writing into `directory` (absolute) with root's rights is unsafe, or nil: a component that is a
    /// symbolic link someone other than root made (`reports -> /etc/x` planted by a user), the directory itself
    /// being a symbolic link, or a directory owned by another user that others may write (they could swap what
    /// is inside between our check and our write). Components that do not exist yet are fine: we create them.
    public static func unsafeDirectoryReason(_ directory: String) -> String? {
        var prefix = directory.hasPrefix("/") ? "" : "."
        let components = directory.split(separator: "/", omittingEmptySubsequences: true)
        for (index, component) in components.enumerated() {
            prefix += "/" + component
            var status = stat()
            guard lstat(prefix, &status) == 0 else { return nil }
            let isLast = index == components.count - 1
            switch status.st_mode & S_IFMT {
            case S_IFLNK where status.st_uid != 0:
                return "\(prefix) is a symbolic link owned by uid \(status.st_uid)"
            case S_IFLNK where isLast:
                return "\(prefix) is a symbolic link"
            case S_IFDIR where status.st_uid != 0 && status.st_uid != geteuid() && status.st_mode & 0o022 != 0:
                return "\(prefix) belongs to uid \(status.st_uid) and others may write to it"
            default:
                continue
            }
        }
        return nil
    }
}
