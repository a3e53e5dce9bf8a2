/// Arithmetic on values users type (replica counts, quantities, grace periods, node sizes):
/// results that do not fit clamp to the type's bounds instead of trapping, so no input can
/// crash the simulator. Kubernetes refuses out-of-range input at the edges (flag parsing, the
/// API server's decoding); past those edges, sums of large but legal values saturate.
public enum Saturating {
    public static func add<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    public static func subtract<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? (b < 0 ? .max : .min) : difference
    }

    public static func multiply<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? ((a < 0) == (b < 0) ? .max : .min) : product
    }

    /// A Double as Int64: out of range clamps, NaN is 0 (`Int64(Double)` would trap on both).
    public static func int64(_ d: Double) -> Int64 {
        if d.isNaN { return 0 }
        if d >= 9_223_372_036_854_775_807.0 { return .max }
        if d <= -9_223_372_036_854_775_808.0 { return .min }
        return Int64(d)
    }

    /// A Double as Int, with the same clamping.
    public static func int(_ d: Double) -> Int { Int(int64(d)) }
}
