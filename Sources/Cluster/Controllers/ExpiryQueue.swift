/// Entries in the order they expire, taken from the front by a sweep without shifting the rest
/// at each one: the event TTL files an entry per event write, 776,500 in a 150,000-pod build-up.
struct ExpiryQueue<Entry> {
    private var entries: [(expiresAt: SimTime, entry: Entry)] = []
    private var head = 0

    var count: Int { entries.count - head }
    /// When the first entry expires.
    var next: SimTime? { head < entries.count ? entries[head].expiresAt : nil }

    /// Files an entry in expiry order: at the end for a write made now, earlier for one whose
    /// expiry was set before (searched from the end, where it nearly always goes).
    mutating func insert(_ entry: Entry, expiresAt: SimTime) {
        let slot = entries.lastIndex { $0.expiresAt <= expiresAt }.map { $0 + 1 } ?? 0
        entries.insert((expiresAt, entry), at: max(slot, head))
    }

    /// Hands over the entries due by `now`, first to expire first; the taken ones are dropped
    /// once they are half the array.
    mutating func removeDue(by now: SimTime, _ take: (Entry) -> Void) {
        while head < entries.count, entries[head].expiresAt <= now {
            head += 1
            take(entries[head - 1].entry)
        }
        if head >= 1024 && head * 2 >= entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }
}
