import Glibc

/// Why an input file was not read.
public enum BoundedReadError: Error, Sendable, CustomStringConvertible {
    case system(SystemError)
    /// A FIFO, a device (`/dev/zero`), a socket or a directory: reading it could hang or never end.
    case notRegularFile(path: String, kind: String)
    case tooLarge(path: String, bytes: Int, maximum: Int)

    public var description: String {
        switch self {
        case .system(let error): return error.description
        case let .notRegularFile(path, kind): return "\(quoted(path)) is \(kind), not a regular file; give a file"
        case let .tooLarge(path, bytes, maximum):
            return "\(quoted(path)) is \(bytes / 1_048_576) MiB; an input file may be at most \(maximum / 1_048_576) MiB"
        }
    }
}

/// Reads a file a user named as input (`--scan`, `--policy`, a program, an nmap or NetBox export, a CSV): only a
/// regular file, and only up to a size cap, so `/dev/zero` cannot exhaust memory and a FIFO cannot hang the
/// command. Opened non-blocking, so even opening a FIFO with no writer returns at once.
public enum BoundedFileReader {
    /// 512 MiB: far above any inventory, scan or export this tool writes, well below what would exhaust memory.
    public static let defaultMaximumBytes = 512 * 1_048_576

    /// Opens `path` for reading only if it is a regular file (non-blocking, so a FIFO cannot hang the open); the
    /// caller closes the descriptor. For inputs read as a stream, such as `@FILE` targets.
    public static func openRegularFile(_ path: String) throws(BoundedReadError) -> FileDescriptor {
        try openChecked(path).descriptor
    }

    static func openChecked(_ path: String) throws(BoundedReadError) -> (descriptor: FileDescriptor, status: stat) {
        let descriptor: FileDescriptor
        do { descriptor = try FileDescriptor.open(path, .readOnly, options: .nonBlocking) } catch { throw .system(error) }
        var status = stat()
        if fstat(descriptor.rawValue, &status) != 0 {
            let failure = SystemError("fstat", path: path, errno: Errno(rawValue: errno))
            try? descriptor.close()
            throw .system(failure)
        }
        let kind: String?
        switch status.st_mode & S_IFMT {
        case S_IFREG: kind = nil
        case S_IFIFO: kind = "a FIFO"
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        case S_IFSOCK: kind = "a socket"
        case S_IFDIR: kind = "a directory"
        default: kind = "not a file"
        }
        if let kind {
            try? descriptor.close()
            throw .notRegularFile(path: path, kind: kind)
        }
        return (descriptor, status)
    }

    public static func read(_ path: String, maximumBytes: Int = defaultMaximumBytes) throws(BoundedReadError) -> [UInt8] {
        let (descriptor, status) = try openChecked(path)
        if Int(status.st_size) > maximumBytes { throw .tooLarge(path: path, bytes: Int(status.st_size), maximum: maximumBytes) }
        var result: [UInt8] = []
        result.reserveCapacity(Int(status.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count: Int
            do {
                count = try chunk.withUnsafeMutableBytes { buffer in
                    Result { () throws(SystemError) in try descriptor.read(into: buffer) }
                }.get()
            } catch { throw .system(error) }
            if count == 0 { break }
            // The file may grow while it is read.
            if result.count + count > maximumBytes { throw .tooLarge(path: path, bytes: result.count + count, maximum: maximumBytes) }
            result.append(contentsOf: chunk[..<count])
        }
        try? descriptor.close()
        return result
    }
}
