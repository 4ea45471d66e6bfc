/// A binary min-heap of integers: the ready set of the plan's topological sort, so that picking the next item
/// costs log n instead of a scan of everything ready.
struct MinHeap {
    private var values: [Int] = []

    var isEmpty: Bool { values.isEmpty }

    mutating func push(_ value: Int) {
        values.append(value)
        var child = values.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard values[child] < values[parent] else { break }
            values.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Int? {
        guard let top = values.first else { return nil }
        let last = values.removeLast()
        guard !values.isEmpty else { return top }
        values[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < values.count, values[left] < values[smallest] { smallest = left }
            if right < values.count, values[right] < values[smallest] { smallest = right }
            guard smallest != parent else { return top }
            values.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
