/// The addresses of a prefix, produced on demand: constant memory whatever the size, random access so a scan can be
/// split among workers by index. Made by `IPPrefix.addresses(limit:)`, which bounds its size.
public struct PrefixAddresses: RandomAccessCollection, Sendable {
    /// The network address, at index 0.
    public let firstAddress: IPAddress
    /// How many addresses there are.
    public let count: Int

    init(first: IPAddress, count: Int) {
        self.firstAddress = first
        self.count = count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> IPAddress {
        precondition(position >= 0 && position < count, "address index \(position) is outside 0..<\(count)")
        return firstAddress.advanced(by: position)
    }
}
