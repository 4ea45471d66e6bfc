/// A first-in first-out queue over an array with a moving head, compacted as it drains: O(1) amortised,
/// no allocation per element once grown.
struct FIFO<Element> {
    private var storage: [Element] = []
    private var head = 0

    var isEmpty: Bool { head == storage.count }
    var count: Int { storage.count - head }
    var first: Element? { isEmpty ? nil : storage[head] }

    mutating func append(_ element: Element) { storage.append(element) }

    @discardableResult
    mutating func removeFirst() -> Element? {
        guard !isEmpty else { return nil }
        let element = storage[head]
        head += 1
        if head > 1024, head * 2 > storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return element
    }
}
