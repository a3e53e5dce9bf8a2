/// One seeded generator shared by the store and every controller, so that all random draws of a
/// run form a single reproducible sequence.
public final class RandomSource {
    public var generator: SeededRandom
    public init(seed: UInt64) { generator = SeededRandom(seed: seed) }

    public func next() -> UInt64 { generator.next() }
    public func int(in range: ClosedRange<Int>) -> Int { generator.int(in: range) }
    public func duration(in range: ClosedRange<SimDuration>) -> SimDuration { generator.duration(in: range) }
}
