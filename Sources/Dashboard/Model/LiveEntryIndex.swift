/// Which entries of an append-only log are still live, counted by prefix (a Fenwick tree), so
/// the n-th live entry is found in O(log n) without compacting the log. The Events pane reads
/// its visible rows this way from a log of hundreds of thousands of events, where a repeat of
/// an event retires its old entry every few microseconds during a scale-up.
struct LiveEntryIndex {
    /// 1-based: `tree[i]` counts the live entries in positions (i - lowbit(i), i].
    private var tree: [Int32] = [0]
    private(set) var liveCount = 0

    var entryCount: Int { tree.count - 1 }

    init() {}

    /// An index of `flags.count` entries, `flags[i]` telling whether entry i is live.
    init<Flags: Collection>(_ flags: Flags) where Flags.Element == Bool {
        tree = [0] + flags.map { $0 ? 1 : 0 }
        liveCount = flags.reduce(0) { $0 + ($1 ? 1 : 0) }
        // Each node passes its count up to its parent: O(n).
        for i in 1..<tree.count {
            let parent = i + (i & -i)
            if parent < tree.count { tree[parent] += tree[i] }
        }
    }

    /// A new entry at the end of the log.
    mutating func append(live: Bool) {
        let i = tree.count
        // The node covers (i - lowbit(i), i]: its last entry plus what its children cover.
        var count: Int32 = live ? 1 : 0
        var child = i - 1
        let start = i - (i & -i)
        while child > start {
            count += tree[child]
            child -= child & -child
        }
        tree.append(count)
        if live { liveCount += 1 }
    }

    /// Entry `position` (0-based) is no longer live.
    mutating func retire(_ position: Int) {
        var i = position + 1
        while i < tree.count {
            tree[i] -= 1
            i += i & -i
        }
        liveCount -= 1
    }

    /// The position (0-based) of the `rank`-th live entry from the start (0-based rank).
    func position(ofLive rank: Int) -> Int {
        precondition(rank >= 0 && rank < liveCount, "rank \(rank) of \(liveCount) live entries")
        var remaining = Int32(rank + 1), position = 0
        var step = 1
        while step * 2 < tree.count { step *= 2 }
        while step > 0 {
            if position + step < tree.count && tree[position + step] < remaining {
                position += step
                remaining -= tree[position]
            }
            step /= 2
        }
        return position
    }
}
