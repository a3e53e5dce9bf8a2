/// selectHost: the feasible node with the highest total score, ties broken by one seeded draw
/// that makes each tied node as likely as upstream's reservoir sampling does. One pass over
/// the scores: the positions sharing the best score so far are noted, and forgotten when a
/// better one comes (the two passes before, one for the best and one to find the drawn tie,
/// each read every node's scores).
struct HostSelection {
    /// Positions (in `feasible`'s order) tied at the best score; kept between pods.
    private var tied: [Int] = []

    /// The position of the chosen node among `count` scored ones: the resource score plus twice
    /// the spread score (PodTopologySpread's weight), when the plugin scored. `draw(n)` picks
    /// one of `0..<n`, asked only when more than one node shares the best score.
    mutating func pick(count: Int, resource: [Int], spread: [Int64]?, draw: (Int) -> Int) -> Int {
        precondition(count > 0 && resource.count >= count && (spread?.count ?? count) >= count)
        if tied.count < count { tied.append(contentsOf: repeatElement(0, count: count - tied.count)) }
        let ties = tied.withUnsafeMutableBufferPointer { tied in
            resource.withUnsafeBufferPointer { resource in
                if let spread {
                    spread.withUnsafeBufferPointer { spread in
                        Self.scan(count, into: tied) { resource[$0] + 2 * Int(spread[$0]) }
                    }
                } else {
                    Self.scan(count, into: tied) { resource[$0] }
                }
            }
        }
        return tied[ties == 1 ? 0 : draw(ties)]
    }

    /// Writes the positions of the best score to the front of `tied`; returns how many.
    @inline(__always)
    private static func scan(_ count: Int, into tied: UnsafeMutableBufferPointer<Int>, _ score: (Int) -> Int) -> Int {
        var best = Int.min, ties = 0
        for i in 0..<count {
            let s = score(i)
            if s < best { continue }
            if s > best { best = s; ties = 0 }
            tied[ties] = i
            ties += 1
        }
        return ties
    }
}
