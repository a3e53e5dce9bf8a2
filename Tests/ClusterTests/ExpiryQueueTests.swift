import Testing
@testable import Cluster

@Suite struct ExpiryQueueTests {
    private func at(_ seconds: Int) -> SimTime { .zero + .seconds(seconds) }

    /// Entries come out in expiry order whatever order they went in, and each once, through
    /// the compaction of the taken ones.
    @Test func entriesComeOutDueAndInExpiryOrder() {
        var queue = ExpiryQueue<Int>()
        for i in 0..<3000 { queue.insert(i, expiresAt: at(i * 2)) }
        // Expiries set earlier (an event taken out of the records) go in before later ones.
        queue.insert(-1, expiresAt: at(5))
        queue.insert(-2, expiresAt: at(0))
        var taken: [Int] = []
        queue.removeDue(by: at(5)) { taken.append($0) }
        #expect(taken == [0, -2, 1, 2, -1])
        #expect(queue.next == at(6) && queue.count == 2997)
        queue.removeDue(by: at(4000)) { taken.append($0) }
        #expect(taken.count == 2003 && taken.suffix(1998) == Array(3...2000))
        // Past the compaction, an entry due before the rest still comes out first.
        queue.insert(-3, expiresAt: at(4001))
        var last: [Int] = []
        queue.removeDue(by: at(4010)) { last.append($0) }
        #expect(last == [-3, 2001, 2002, 2003, 2004, 2005])
        #expect(queue.count == 3000 + 3 - taken.count - last.count)
    }
}
