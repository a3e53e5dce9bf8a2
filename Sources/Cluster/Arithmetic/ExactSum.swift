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
