/// A first-in first-out queue on one growable circular buffer: O(1) append and removal at the front, no per-element
/// allocation, and storage reused once it has grown to the working size.
public struct RingQueue<Element>: Sendable where Element: Sendable {
    private var storage: [Element?]
    private var head = 0
    public private(set) var count = 0

    public init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity { capacity *= 2 }
        storage = Array(repeating: nil, count: capacity)
    }

    public var isEmpty: Bool { count == 0 }

    public var first: Element? {
        count == 0 ? nil : storage[head]
    }

    public mutating func append(_ element: Element) {
        if count == storage.count { grow() }
        storage[(head + count) & (storage.count - 1)] = element
        count += 1
    }

    @discardableResult
    public mutating func removeFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = storage[head]
        storage[head] = nil
        head = (head + 1) & (storage.count - 1)
        count -= 1
        return element
    }

    /// Doubles the buffer, laying the elements out from index 0 again.
    private mutating func grow() {
        var larger = [Element?](repeating: nil, count: storage.count * 2)
        for index in 0..<count { larger[index] = storage[(head + index) & (storage.count - 1)] }
        storage = larger
        head = 0
    }
}
