import Glibc

/// The permission bits of a file (`mode_t` & 0o7777), written as an octal literal: `0o640`.
public struct FilePermissions: RawRepresentable, Hashable, Sendable, ExpressibleByIntegerLiteral,
    CustomStringConvertible
{
    public let rawValue: mode_t

    public init(rawValue: mode_t) {
        self.rawValue = rawValue & 0o7777
    }

    public init(integerLiteral value: UInt32) {
        self.init(rawValue: mode_t(value))
    }

    /// `0o644`: owner reads and writes, everyone reads — inventories and reports people review in git.
    public static let ownerWritableAllReadable: FilePermissions = 0o644
    /// `0o600`: owner only — for files that may hold secrets.
    public static let ownerOnly: FilePermissions = 0o600
    /// `0o755`: the usual mode for directories we create.
    public static let directoryDefault: FilePermissions = 0o755

    /// Octal, as `chmod` takes it: "0644".
    public var description: String {
        let octal = String(rawValue, radix: 8)
        return String(repeating: "0", count: max(0, 4 - octal.count)) + octal
    }
}
