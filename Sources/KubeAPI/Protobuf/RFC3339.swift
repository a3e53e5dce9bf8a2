import Cluster

/// meta/v1 Time and MicroTime as Go's JSON writes them: UTC, `2026-12-02T02:29:45Z` and
/// `2026-12-02T02:29:45.123456Z`. Computed by hand (civil-from-days) so no value can trap.
enum RFC3339 {
    static func format(seconds: Int64, nanos: Int64, micro: Bool) throws -> String {
        // Go normalises nanos outside 0..<1e9 into the seconds (nanos is an int32 on the wire).
        var (carry, nanoPart) = nanos.quotientAndRemainder(dividingBy: 1_000_000_000)
        if nanoPart < 0 { nanoPart += 1_000_000_000; carry -= 1 }
        let (instant, overflow) = seconds.addingReportingOverflow(carry)
        guard !overflow else { throw yearOutOfRange(micro) }
        var (days, secondOfDay) = instant.quotientAndRemainder(dividingBy: 86_400)
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let (year, month, day) = CalendarTime.civil(fromDays: days)
        guard (0...9999).contains(year) else { throw yearOutOfRange(micro) }
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if micro { text += "." + pad(nanoPart / 1000, 6) }
        return text + "Z"
    }

    /// Go would print such a year; nothing kubesim keeps can hold it, so it is refused instead.
    private static func yearOutOfRange(_ micro: Bool) -> ProtobufWireError {
        ProtobufWireError(message: "\(micro ? "MicroTime" : "Time").MarshalJSON: year outside of range [0,9999]")
    }

    private static func pad(_ n: Int64, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
