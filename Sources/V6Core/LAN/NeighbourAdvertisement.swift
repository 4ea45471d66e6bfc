/// A neighbour advertisement (ICMPv6 type 136, RFC 4861 §4.4): a host saying which link-layer address an IPv6
/// address has — how the LAN audit learns of neighbours that answer the kernel's solicitations while it listens.
public struct NeighbourAdvertisement: Sendable, Equatable {
    public var target: IPv6Address
    /// The target link-layer address option (2), when present.
    public var linkLayerAddress: LinkLayerAddress?
    /// R: the sender is a router.
    public var isRouter: Bool

    /// Decodes the ICMPv6 message; nil when it is not a well-formed neighbour advertisement.
    public static func decode(_ message: [UInt8]) -> NeighbourAdvertisement? {
        guard message.count >= 24, message[0] == 136, message[1] == 0 else { return nil }
        var result = NeighbourAdvertisement(target: message.ipv6(8), linkLayerAddress: nil, isRouter: message[4] & 0x80 != 0)
        var problems: [LANDecodeProblem] = []
        for option in NDOptionReader.options(in: message, from: 24, problems: &problems) where option.type == 2 && option.length == 8 {
            result.linkLayerAddress = LinkLayerAddress(bytes: Array(message[(option.offset + 2)..<(option.offset + 8)]))
        }
        return result
    }
}
