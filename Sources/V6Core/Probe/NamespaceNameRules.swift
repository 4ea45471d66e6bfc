/// What a network namespace name given on the command line (`--netns NAME`) may be. `ip netns` keeps namespaces as
/// files in /run/netns, so a name is a file name there: `../../proc/1/ns/net` would enter another process's
/// namespace. Only a plain name is accepted.
public enum NamespaceNameRules {
    public static let maximumLength = 64

    /// Why `name` is not a namespace name, or nil.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "a namespace name may not be empty" }
        if name.utf8.count > maximumLength { return "a namespace name is at most \(maximumLength) characters" }
        let plain = name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39)
            || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
        if !plain || name.hasPrefix(".") {
            return "\(quoted(name)) is not a namespace name (letters, digits, '-', '_', '.', not starting with '.'; as `ip netns list` shows them)"
        }
        return nil
    }
}
