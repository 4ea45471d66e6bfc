import Glibc

/// Thin, typed wrappers over the file-system calls the command line needs.
///
/// Every failure is a `SystemError` that names the call and the path, e.g.
/// `open("inventories/x/a.json"): Permission denied`.
public enum FileSystem {
    /// Whether `path` names something that `stat(2)` can reach (a dangling symbolic link does not count).
    public static func exists(_ path: String) -> Bool {
        var status = stat()
        return valueOrErrno { stat(path, &status) }.isSuccess
    }

    /// Whether `path` is a directory, following symbolic links (`stat(2)`).
    public static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        guard valueOrErrno({ stat(path, &status) }).isSuccess else { return false }
        return status.st_mode & S_IFMT == S_IFDIR
    }

    /// Whether `path` is a regular file, following symbolic links (`stat(2)`).
    public static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        guard valueOrErrno({ stat(path, &status) }).isSuccess else { return false }
        return status.st_mode & S_IFMT == S_IFREG
    }

    /// The permission bits of `path` (`stat(2)`).
    public static func permissions(of path: String) throws(SystemError) -> FilePermissions {
        var status = stat()
        _ = try syscall("stat", path: path) { stat(path, &status) }
        return FilePermissions(rawValue: status.st_mode)
    }

    /// Creates a directory with `mkdir(2)`. With `recursive`, creates missing parents too and accepts a
    /// directory that already exists (like `mkdir -p`).
    public static func createDirectory(
        _ path: String,
        recursive: Bool = false,
        permissions: FilePermissions = .directoryDefault
    ) throws(SystemError) {
        guard recursive else {
            _ = try syscall("mkdir", path: path) { mkdir(path, permissions.rawValue) }
            return
        }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += component
            switch valueOrErrno({ mkdir(prefix, permissions.rawValue) }) {
            case .success:
                break
            case .failure(let error) where error == .fileExists && isDirectory(prefix):
                break
            case .failure(let error):
                throw SystemError("mkdir", path: prefix, errno: error)
            }
            prefix += "/"
        }
    }

    /// The names in a directory, without "." and "..", sorted so listings and reports are reproducible
    /// (`opendir(3)`, `readdir(3)`).
    public static func listDirectory(_ path: String) throws(SystemError) -> [String] {
        guard let directory = opendir(path) else {
            let error = Errno.current
            throw SystemError("opendir", path: path, errno: error)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while true {
            Errno.clearCurrent()
            guard let entry = readdir(directory) else {
                let error = Errno.current
                if error.rawValue == 0 { break }
                throw SystemError("readdir", path: path, errno: error)
            }
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The whole content of a file (`open(2)`, `read(2)`).
    public static func readFile(_ path: String) throws(SystemError) -> [UInt8] {
        let descriptor = try FileDescriptor.open(path, .readOnly)
        let bytes = try descriptor.readToEnd()
        try descriptor.close()
        return bytes
    }

    /// Removes a file, or an empty directory, with `remove(3)`.
    public static func remove(_ path: String) throws(SystemError) {
        _ = try syscall("remove", path: path) { Glibc.remove(path) }
    }

    /// Removes `path` and, if it is a directory, everything below it (like `rm -rf`; symbolic links are
    /// removed, never followed). A path that does not exist is not an error.
    public static func removeRecursively(_ path: String) throws(SystemError) {
        var status = stat()
        switch valueOrErrno({ lstat(path, &status) }) {
        case .failure(let error) where error == .noSuchFileOrDirectory:
            return
        case .failure(let error):
            throw SystemError("lstat", path: path, errno: error)
        case .success:
            break
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            for name in try listDirectory(path) {
                try removeRecursively(path + "/" + name)
            }
            _ = try syscall("rmdir", path: path) { rmdir(path) }
        } else {
            _ = try syscall("unlink", path: path) { unlink(path) }
        }
    }

    /// Renames `source` to `destination` with `rename(2)`, atomically replacing a file already there.
    public static func rename(_ source: String, to destination: String) throws(SystemError) {
        _ = try syscall("rename", arguments: "\(quoted(source)), \(quoted(destination))") {
            Glibc.rename(source, destination)
        }
    }

    /// Creates a new, empty directory with a unique name under `$TMPDIR` (or /tmp) with `mkdtemp(3)`,
    /// readable only by the owner, and returns its path.
    public static func makeTemporaryDirectory(prefix: String = "v6ready") throws(SystemError) -> String {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/" + prefix + ".XXXXXX").utf8CString)
        guard mkdtemp(&template) != nil else {
            let error = Errno.current
            throw SystemError("mkdtemp", path: base + "/" + prefix + ".XXXXXX", errno: error)
        }
        return String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The directory part of `path`, as `dirname(1)` would print it ("." for a bare name).
    public static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = path[..<slash]
        if directory.isEmpty { return "/" }
        return String(directory)
    }

    /// The last component of `path` ("a.json" for "inventories/x/a.json").
    public static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

extension Result {
    /// Whether the call succeeded.
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
