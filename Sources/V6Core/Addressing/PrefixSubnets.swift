/// The subnets of a prefix at a longer length, produced one at a time in address order, for address planning.
/// Made by `IPPrefix.subnets(newLength:)`. A sequence rather than a collection because there may be 2^128 of them.
public struct PrefixSubnets: Sequence, Sendable {
    public let parent: IPPrefix
    public let newLength: Int

    init(parent: IPPrefix, newLength: Int) {
        self.parent = parent
        self.newLength = newLength
    }

    public func makeIterator() -> Iterator {
        Iterator(parent: parent, newLength: newLength)
    }

    public struct Iterator: IteratorProtocol, Sendable {
        private let parent: IPPrefix
        private let newLength: Int
        private let step: Bits128
        private var current: Bits128?

        init(parent: IPPrefix, newLength: Int) {
            self.parent = parent
            self.newLength = newLength
            self.step = Bits128(1).shiftedLeft(by: parent.family.bitWidth - newLength)
            self.current = parent.address.bits
        }

        public mutating func next() -> IPPrefix? {
            guard let bits = current else { return nil }
            let (following, overflow) = bits.addingReportingOverflow(step)
            // Stop once the next block leaves the parent (or wraps past the top of the address space).
            let width = parent.family.bitWidth
            let leftParent = following.shiftedRight(by: width - parent.length) != bits.shiftedRight(by: width - parent.length)
            current = overflow || leftParent ? nil : following
            return IPPrefix(address: parent.address.withBits(bits), length: newLength)
        }
    }
}
