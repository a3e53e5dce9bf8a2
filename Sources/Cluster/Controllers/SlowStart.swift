/// slowStartBatch (controller_utils): do `count` creations in batches of 1, 2, 4, 8 …, so a
/// failing call (a quota, an admission error) costs one small batch, not hundreds of requests.
/// The batch in which one fails is the last. Runs in steps of any size (a batch of 256 may be
/// cut in several), so a controller can let the screen draw between them.
struct SlowStart {
    private var remaining: Int
    private var batch: Int
    /// Calls left in the batch under way (0: none under way).
    private var leftInBatch = 0
    private var batchFailed = false
    private(set) var succeeded = 0
    private(set) var isFinished: Bool

    init(count: Int, initialBatch: Int = 1) {
        remaining = count
        batch = initialBatch
        isFinished = count <= 0
    }

    /// Makes up to `limit` calls of `create`, in order; returns whether calls remain.
    mutating func run(upTo limit: Int, _ create: () -> Bool) -> Bool {
        var calls = 0
        while !isFinished && calls < limit {
            if leftInBatch == 0 { leftInBatch = min(batch, remaining) }
            if !create() { batchFailed = true } else { succeeded += 1 }
            calls += 1
            leftInBatch -= 1
            guard leftInBatch == 0 else { continue }
            remaining -= min(batch, remaining)
            batch *= 2
            if batchFailed || remaining == 0 { isFinished = true }
        }
        return !isFinished
    }

    /// Every call at once; returns how many succeeded.
    @discardableResult
    static func run(count: Int, initialBatch: Int = 1, _ create: () -> Bool) -> Int {
        var slowStart = SlowStart(count: count, initialBatch: initialBatch)
        _ = slowStart.run(upTo: .max, create)
        return slowStart.succeeded
    }
}
