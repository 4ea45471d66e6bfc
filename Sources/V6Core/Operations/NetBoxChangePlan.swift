/// What a NetBox import does to an inventory, record by record and field by field: shown by `--dry-run` and on
/// every import, so a refresh from NetBox never loses anything unseen. Everything NetBox lacks or leaves empty is
/// listed too: kept by default, removed only with `--replace`.
public struct NetBoxChangePlan: Sendable, Equatable {
    public struct FieldChange: Sendable, Equatable {
        public enum Effect: String, Sendable {
            /// A value set or changed (`old` → `new`).
            case set
            /// A member added to a list (an address, a port).
            case added
            /// A value or member removed: NetBox lacks it and `--replace` was given.
            case removed
            /// NetBox lacks it or leaves it empty, and it is kept (`--replace` would remove it).
            case kept
        }
        public var field: String
        public var effect: Effect
        public var old: String?
        public var new: String?

        public init(_ field: String, _ effect: Effect, old: String? = nil, new: String? = nil) {
            self.field = field; self.effect = effect; self.old = old; self.new = new
        }

        /// `name "Cũ" → "Mới"`, `ipv4 +198.18.1.5`, `ipv4 198.18.1.7 is not in NetBox: kept (--replace removes it)`.
        public var text: String {
            switch effect {
            case .set:
                if let old { return "\(field) \(quoted(old)) → \(new.map(quoted) ?? "(none)")" }
                return "\(field) → \(new.map(quoted) ?? "(none)")"
            case .added: return "\(field) +\(new ?? "")"
            case .removed: return "\(field) −\(old ?? "")"
            case .kept:
                if new == nil, let old { return "\(field) \(quoted(old)) is not in NetBox: kept (--replace removes it)" }
                return "\(field) kept"
            }
        }

        var json: JSONValue {
            var o: [(String, JSONValue)] = [("field", .string(field)), ("effect", .string(effect.rawValue))]
            if let old { o.append(("old", .string(old))) }
            if let new { o.append(("new", .string(new))) }
            return .object(o)
        }
    }

    public struct Entry: Sendable, Equatable {
        /// `agency`, `site`, `segment`, `device`, `service`.
        public var kind: String
        public var id: String
        public var isNew: Bool
        public var changes: [FieldChange]
        /// The NetBox record it comes from, as messages name it.
        public var source: String?

        /// A new record, or one with a field that changes (not only kept differences).
        public var changesInventory: Bool { isNew || changes.contains { [.set, .added, .removed].contains($0.effect) } }

        public var action: String { isNew ? "add" : changesInventory ? "update" : "keep" }

        /// `update device so-a-sw-01: name "A" → "B"; ipv4 +198.18.1.5` — one line per record.
        public var line: String {
            var text = "\(action) \(kind) \(id)"
            if isNew, let source { text += " (from \(source))" }
            if !changes.isEmpty { text += ": " + changes.map(\.text).joined(separator: "; ") }
            return text
        }
    }

    public var entries: [Entry] = []
    /// Records of the inventory, of a kind the NetBox data lists, that it does not hold: an import never removes a
    /// record (`inventory remove` does), so they stay; said so nothing is a surprise.
    public var notInNetBox: [(kind: String, id: String)] = []

    /// Records with list members (addresses) that this NetBox data cannot show — a device table shows only the
    /// primary address — kept whatever the options; one line for all of them.
    public var unseen: [(kind: String, id: String, fields: [String])] = []

    public init() {}

    public static func == (a: NetBoxChangePlan, b: NetBoxChangePlan) -> Bool {
        a.entries == b.entries && a.notInNetBox.map { "\($0.kind) \($0.id)" } == b.notInNetBox.map { "\($0.kind) \($0.id)" }
            && a.unseen.map { "\($0.kind) \($0.id) \($0.fields)" } == b.unseen.map { "\($0.kind) \($0.id) \($0.fields)" }
    }

    public func added(_ kind: String) -> Int { entries.filter { $0.kind == kind && $0.isNew }.count }
    public func updated(_ kind: String) -> Int { entries.filter { $0.kind == kind && !$0.isNew && $0.changesInventory }.count }
    /// Records that NetBox shows differently but that are kept as they are.
    public func keptDifferences(_ kind: String) -> Int { entries.filter { $0.kind == kind && !$0.changesInventory }.count }

    /// True when applying the plan leaves the inventory as it was.
    public var isEmpty: Bool { !entries.contains { $0.changesInventory } }

    /// The plan as lines for people: additions (one line per kind; `json` lists every record), then each update
    /// and each kept difference with its fields, then what NetBox does not show or have.
    public var lines: [String] {
        var out: [String] = []
        for kind in NetBoxChangePlan.kinds {
            let ids = entries.filter { $0.isNew && $0.kind == kind }.map(\.id)
            guard !ids.isEmpty else { continue }
            out.append("add \(ids.count) \(NetBoxChangePlan.plural(kind, ids.count)): " + ids.prefix(20).joined(separator: ", ") + (ids.count > 20 ? ", …" : ""))
        }
        out += entries.filter { !$0.isNew && $0.changesInventory }.map(\.line)
        out += entries.filter { !$0.changesInventory }.map(\.line)
        for kind in NetBoxChangePlan.kinds {
            let records = unseen.filter { $0.kind == kind }
            guard !records.isEmpty else { continue }
            let fields = Set(records.flatMap(\.fields)).sorted().joined(separator: ", ")
            out.append("keep \(records.count) \(NetBoxChangePlan.plural(kind, records.count)) with \(fields) this NetBox data does not show"
                       + " (only primary addresses: add NetBox's IP address list to compare them): " + records.prefix(10).map(\.id).joined(separator: ", ")
                       + (records.count > 10 ? ", …" : ""))
        }
        let missing = Dictionary(grouping: notInNetBox, by: \.kind)
        for kind in NetBoxChangePlan.kinds where missing[kind] != nil {
            let ids = missing[kind]!.map(\.id)
            out.append("keep \(ids.count) \(NetBoxChangePlan.plural(kind, ids.count)) not in NetBox: " + ids.prefix(20).joined(separator: ", ")
                       + (ids.count > 20 ? ", …" : "") + " (an import never removes records)")
        }
        return out
    }

    public static let kinds = ["agency", "site", "segment", "device", "service"]

    static func plural(_ kind: String, _ n: Int) -> String { n == 1 ? kind : kind == "agency" ? "agencies" : kind + "s" }

    public var json: JSONValue {
        .object([
            ("changes", .array(entries.map { e in
                var o: [(String, JSONValue)] = [("action", .string(e.action)), ("kind", .string(e.kind)), ("id", .string(e.id))]
                if let source = e.source { o.append(("source", .string(source))) }
                o.append(("fields", .array(e.changes.map(\.json))))
                return .object(o)
            })),
            ("not_in_netbox", .array(notInNetBox.map { .object([("kind", .string($0.kind)), ("id", .string($0.id))]) })),
            ("not_shown", .array(unseen.map { .object([("kind", .string($0.kind)), ("id", .string($0.id)),
                                                      ("fields", .array($0.fields.map(JSONValue.string)))]) })),
        ])
    }
}
