import Cluster
import Testing

/// Timestamps written straight into a list's bytes are the same text as the String a single
/// object's JSON and YAML use, at the calendar's edges too.
@Suite struct RFC3339BytesTests {
    /// The virtual time of a Unix instant in milliseconds.
    func at(unixMilliseconds: Int64) -> SimTime {
        SimTime(milliseconds: unixMilliseconds - SimTime.epochUnixSeconds * 1000)
    }

    func written(_ t: SimTime) -> String {
        var out: [UInt8] = Array("x".utf8)
        CalendarTime.writeRFC3339(t, into: &out)
        return String(decoding: out.dropFirst(), as: UTF8.self)
    }

    @Test func bytesAreTheStringsTextAtTheCalendarsEdges() {
        let cases: [(Int64, String)] = [
            (1_725_189_857_000, "2024-09-01T11:24:17Z"),
            // Milliseconds are dropped, not rounded: Time is whole seconds.
            (1_725_189_857_250, "2024-09-01T11:24:17Z"),
            (1_725_189_857_999, "2024-09-01T11:24:17Z"),
            // Midnight, the last second of a month, of a leap February, of a year.
            (1_725_148_800_000, "2024-09-01T00:00:00Z"),
            (1_725_148_799_999, "2024-08-31T23:59:59Z"),
            (1_709_251_199_000, "2024-02-29T23:59:59Z"),
            (1_735_689_599_500, "2024-12-31T23:59:59Z"),
            (1_735_689_600_000, "2025-01-01T00:00:00Z"),
            (0, "1970-01-01T00:00:00Z"),
            // Before 1970 the second is floored, not truncated toward zero.
            (-1, "1969-12-31T23:59:59Z"),
            (253_402_300_799_000, "9999-12-31T23:59:59Z"),
        ]
        for (unix, text) in cases {
            let t = at(unixMilliseconds: unix)
            #expect(CalendarTime.rfc3339(t) == text, "\(unix)")
            #expect(written(t) == text, "\(unix)")
        }
    }

    @Test func aYearOfMoreThanFourDigitsIsTheStringsTextToo() {
        for t in [at(unixMilliseconds: 253_402_300_800_000), SimTime(milliseconds: .max), SimTime(milliseconds: -(1 << 60))] {
            #expect(written(t) == CalendarTime.rfc3339(t))
        }
        #expect(written(at(unixMilliseconds: 253_402_300_800_000)) == "10000-01-01T00:00:00Z")
    }
}
