import Foundation

/// A point on the virtual clock, in milliseconds since the simulation began.
/// Wall-clock time never enters the simulation; `epoch` anchors it to a calendar date
/// only for printing timestamps.
public struct SimTime: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public static let zero = SimTime(milliseconds: 0)

    /// The calendar instant of virtual time zero, as seconds since the Unix epoch: by default
    /// 2024-09-01T11:24:17Z (the day of the seed post), fixed so that timestamps are reproducible.
    /// A served cluster anchors it to the wall clock instead (`anchorCalendarToNow`). Set once,
    /// before any cluster exists and before other threads start.
    public nonisolated(unsafe) private(set) static var epochUnixSeconds: Int64 = 1_725_189_857

    /// Makes virtual time zero "now": real clients (kubectl events, describe, informers) compute
    /// ages from timestamps against their own clock, so a served cluster's timestamps must be real.
    public static func anchorCalendarToNow() {
        epochUnixSeconds = Int64(Date().timeIntervalSince1970.rounded(.down))
    }

    public var unixMilliseconds: Int64 { Saturating.add(SimTime.epochUnixSeconds * 1000, milliseconds) }

    public static func < (a: SimTime, b: SimTime) -> Bool { a.milliseconds < b.milliseconds }
    /// Saturates instead of trapping: a deadline `now + grace` with a grace period of 2⁶³−1
    /// seconds is simply "never".
    public static func + (t: SimTime, d: SimDuration) -> SimTime { SimTime(milliseconds: Saturating.add(t.milliseconds, d.milliseconds)) }
    public static func - (a: SimTime, b: SimTime) -> SimDuration { SimDuration(milliseconds: Saturating.subtract(a.milliseconds, b.milliseconds)) }

    public var description: String { "t+\(SimDuration(milliseconds: milliseconds))" }
}

/// A length of virtual time in milliseconds.
public struct SimDuration: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    /// Whole or fractional seconds; out-of-range values (and infinities) saturate, NaN is zero.
    public static func seconds(_ s: Double) -> SimDuration { SimDuration(milliseconds: Saturating.int64((s * 1000).rounded())) }
    /// Seconds as the API's int64 fields hold them (grace periods, tolerationSeconds), saturated.
    public static func seconds(_ s: Int) -> SimDuration { SimDuration(milliseconds: Saturating.multiply(Int64(s), 1000)) }
    public static func milliseconds(_ ms: Int64) -> SimDuration { SimDuration(milliseconds: ms) }
    public static let zero = SimDuration(milliseconds: 0)

    public var seconds: Double { Double(milliseconds) / 1000 }

    public static func < (a: SimDuration, b: SimDuration) -> Bool { a.milliseconds < b.milliseconds }
    public static func + (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(milliseconds: Saturating.add(a.milliseconds, b.milliseconds)) }
    public static func * (a: SimDuration, k: Int64) -> SimDuration { SimDuration(milliseconds: Saturating.multiply(a.milliseconds, k)) }

    /// Go's `time.Duration.String()` at millisecond precision: `1.234s`, `2m30s`, `1h0m0s`, `0s`.
    public var description: String { GoDuration.format(self) }
}
