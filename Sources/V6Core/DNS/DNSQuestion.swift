/// One entry of the question section: what is being asked. Equal questions compare names case-insensitively, which
/// is what a resolver must accept when a server echoes the question back (RFC 4343; 0x20 randomisation relies on it).
public struct DNSQuestion: Hashable, Sendable, CustomStringConvertible {
    public var name: DNSName
    public var type: DNSRecordType
    public var recordClass: DNSClass

    public init(name: DNSName, type: DNSRecordType, recordClass: DNSClass = .internet) {
        self.name = name
        self.type = type
        self.recordClass = recordClass
    }

    /// Zone-file style: `vidu.example. IN AAAA`.
    public var description: String { "\(name) \(recordClass) \(type)" }
}
