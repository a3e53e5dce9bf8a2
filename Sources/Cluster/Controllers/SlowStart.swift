/// slowStartBatch (controller_utils): do `count` creations in batches of 1, 2, 4, 8 …, so a
/// failing call (a quota, an admission error) costs one small batch, not hundreds of requests.
/// Returns how many succeeded; the batch in which one fails is the last.
enum SlowStart {
    @discardableResult
    static func run(count: Int, initialBatch: Int = 1, _ create: () -> Bool) -> Int {
        var remaining = count
        var batch = initialBatch
        var succeeded = 0
        while remaining > 0 {
            let size = min(batch, remaining)
            var failed = false
            for _ in 0..<size {
                if create() { succeeded += 1 } else { failed = true }
            }
            if failed { break }
            remaining -= size
            batch *= 2
        }
        return succeeded
    }
}
