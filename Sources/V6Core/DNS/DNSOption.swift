/// One EDNS0 option inside an OPT record (RFC 6891 §6.1.2): a code and opaque data, such as a client cookie (10) or
/// padding (12). v6ready does not interpret them; it carries them so responses can be shown and round-tripped.
public struct DNSOption: Hashable, Sendable {
    public var code: UInt16
    public var data: [UInt8]

    public init(code: UInt16, data: [UInt8]) {
        self.code = code
        self.data = data
    }
}
