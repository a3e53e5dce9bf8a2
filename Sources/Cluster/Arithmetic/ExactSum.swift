/// A running sum of Int64 values kept exactly in two words, so values can be taken out again
/// (a pod leaves its node) even after the total passed Int64's range; read back clamped, which
/// for non-negative values equals adding them up with `Saturating.add` in any order.
struct ExactSum: Equatable, Sendable {
    private var high: Int64 = 0
    private var low: UInt64 = 0

    mutating func add(_ value: Int64) {
        let (sum, carry) = low.addingReportingOverflow(UInt64(bitPattern: value))
        low = sum
        high = high &+ (value < 0 ? -1 : 0) &+ (carry ? 1 : 0)
    }

    mutating func subtract(_ value: Int64) {
        let (difference, borrow) = low.subtractingReportingOverflow(UInt64(bitPattern: value))
        low = difference
        high = high &- (value < 0 ? -1 : 0) &- (borrow ? 1 : 0)
    }

    /// The sum, clamped to Int64.
    var clamped: Int64 {
        if high > 0 || (high == 0 && low > UInt64(Int64.max)) { return .max }
        if high < -1 || (high == -1 && low <= UInt64(Int64.max)) { return .min }
        return Int64(bitPattern: low)
    }
}

/// CPU, memory and pod counts summed exactly (see `ExactSum`), read back clamped.
struct ExactAmounts: Equatable, Sendable {
    private var cpuMillis = ExactSum(), memoryBytes = ExactSum(), pods = ExactSum()

    mutating func add(_ amounts: ResourceAmounts) {
        cpuMillis.add(amounts.cpuMillis); memoryBytes.add(amounts.memoryBytes); pods.add(amounts.pods)
    }

    mutating func subtract(_ amounts: ResourceAmounts) {
        cpuMillis.subtract(amounts.cpuMillis); memoryBytes.subtract(amounts.memoryBytes); pods.subtract(amounts.pods)
    }

    /// Each sum clamped to Int64 (as adding with saturation gives).
    var clamped: ResourceAmounts {
        ResourceAmounts(cpuMillis: cpuMillis.clamped, memoryBytes: memoryBytes.clamped, pods: pods.clamped)
    }
}
