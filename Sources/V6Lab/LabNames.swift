/// A lab's identity: six random hex digits. Every namespace of the lab is named `v6r-<id>-<role>` and every veth end
/// `<id><role letter><link>`, so parallel labs never collide and leftovers are recognisable by name alone.
public struct LabID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Six lowercase hex digits.
    public let hex: String

    /// Accepts exactly six lowercase hex digits.
    public init?(_ text: String) {
        guard text.utf8.count == 6, text.utf8.allSatisfy(LabNames.isLowerHexDigit) else { return nil }
        hex = text
    }

    /// A fresh random identity.
    public static func random() -> LabID {
        let value = UInt32.random(in: 0..<0x100_0000)
        let digits = String(value, radix: 16)
        return LabID(String(repeating: "0", count: 6 - digits.count) + digits)!
    }

    /// The prefix every namespace of this lab starts with, `v6r-<id>-`.
    public var namespacePrefix: String { LabNames.namespacePrefix + hex + "-" }

    public var description: String { hex }

    public static func < (lhs: LabID, rhs: LabID) -> Bool { lhs.hex < rhs.hex }
}

/// The naming rules of lab namespaces and interfaces, and their validation.
///
/// Interface names must fit Linux's IFNAMSIZ (15 characters), so a veth end is `<6 hex id><role><link number>`:
/// `a1b2c3s0` is the scanner's end of link 0, `a1b2c3h7` a host's end of link 7 — at most 9 characters.
public enum LabNames {
    /// Every lab namespace starts with this.
    public static let namespacePrefix = "v6r-"

    /// Role names a host may not take, because the lab's own namespaces use them.
    public static let reservedRoles: Set<String> = ["scanner", "router", "bulk", "probe", "v6client"]

    /// The namespace of `role` (a host name or a reserved role) in lab `id`.
    public static func namespace(_ id: LabID, _ role: String) -> String {
        id.namespacePrefix + role
    }

    /// The veth end of link `link` on the side playing `role` (`s` scanner, `r` router, `b` bulk, `h` host).
    static func interface(_ id: LabID, role: Character, link: Int) -> String {
        "\(id.hex)\(role)\(link)"
    }

    /// True for a name of the form `v6r-<6 hex>-<role>`, the role being 1–32 of `a-z 0-9 -`, starting with a
    /// letter or digit. Nothing else is ever treated as a lab namespace, by any command.
    public static func isLabNamespace(_ name: String) -> Bool {
        labID(ofNamespace: name) != nil
    }

    /// The lab a namespace belongs to, or nil when the name does not follow the lab pattern.
    public static func labID(ofNamespace name: String) -> LabID? {
        let bytes = Array(name.utf8)
        let prefix = Array(namespacePrefix.utf8)
        guard bytes.count > prefix.count + 7, bytes.starts(with: prefix),
              bytes[prefix.count + 6] == UInt8(ascii: "-"),
              let id = LabID(String(decoding: bytes[prefix.count..<prefix.count + 6], as: UTF8.self)),
              isValidRole(String(decoding: bytes[(prefix.count + 7)...], as: UTF8.self))
        else { return nil }
        return id
    }

    /// A host (or role) name: 1–32 of `a-z 0-9 -`, starting with a letter or digit.
    public static func isValidRole(_ role: String) -> Bool {
        let bytes = Array(role.utf8)
        guard (1...32).contains(bytes.count), bytes[0] != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// Throws unless `name` is a lab namespace name.
    static func validateNamespace(_ name: String) throws {
        guard isLabNamespace(name) else {
            throw LabError.invalidArgument("\"\(name)\" is not a lab namespace name (v6r-<6 hex>-<role>)")
        }
    }

    /// Throws unless `name` is a valid interface name: 1–15 of `a-z 0-9 -`.
    static func validateInterface(_ name: String) throws {
        let bytes = Array(name.utf8)
        guard (1...15).contains(bytes.count),
              bytes.allSatisfy({ isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }) else {
            throw LabError.invalidArgument("\"\(name)\" is not a valid interface name (1-15 of a-z 0-9 -)")
        }
    }

    static func isLowerHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }
}
