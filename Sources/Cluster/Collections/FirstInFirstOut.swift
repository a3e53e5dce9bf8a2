/// A first-in, first-out list: appended at the end, taken from the front by moving a start
/// index, its storage compacted once the taken part outweighs the rest (amortised O(1)).
struct FirstInFirstOut<Element> {
    private var storage: [Element] = []
    private var start = 0

    var isEmpty: Bool { start == storage.count }
    var count: Int { storage.count - start }

    mutating func append(_ element: Element) { storage.append(element) }

    mutating func popFirst() -> Element? {
        guard start < storage.count else { return nil }
        let first = storage[start]
        start += 1
        if start == storage.count {
            storage.removeAll()
            start = 0
        } else if start >= 64 && start * 2 >= storage.count {
            storage.removeFirst(start)
            start = 0
        }
        return first
    }
}
