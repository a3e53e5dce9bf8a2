/// The simulation's only source of randomness: SplitMix64, seeded from `--seed`.
/// The same seed and the same sequence of calls give the same numbers on every platform.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly drawn integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// A duration drawn uniformly between the bounds of `range`.
    public mutating func duration(in range: ClosedRange<SimDuration>) -> SimDuration {
        let ms = Int64.random(in: range.lowerBound.milliseconds...range.upperBound.milliseconds, using: &self)
        return SimDuration(milliseconds: ms)
    }
}
