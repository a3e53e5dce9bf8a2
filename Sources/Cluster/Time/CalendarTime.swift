import Foundation

/// Prints virtual times as the calendar timestamps Kubernetes shows (always UTC, so output is
/// the same on every machine).
public enum CalendarTime {
    /// RFC 3339 as in object YAML/JSON: `2024-09-01T11:24:17Z`.
    public static func rfc3339(_ t: SimTime) -> String {
        let c = components(t)
        guard (0...9999).contains(c.year) else { return farRFC3339(c) }
        return String(unsafeUninitializedCapacity: 20) { out in
            layOutRFC3339(c, into: out)
            return 20
        }
    }

    /// Appends `rfc3339(t)` as UTF-8: a list of 150,000 pods writes over half a million
    /// timestamps, and a String for each costs a heap block.
    public static func writeRFC3339(_ t: SimTime, into out: inout [UInt8]) {
        let c = components(t)
        guard (0...9999).contains(c.year) else {
            out.append(contentsOf: farRFC3339(c).utf8)
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { text in
            layOutRFC3339(c, into: text)
            out.append(contentsOf: text)
        }
    }

    /// A year of more (or fewer) than four digits, which only a far-off deadline reaches.
    private static func farRFC3339(_ c: Parts) -> String {
        String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }

    /// The 20 bytes of a four-digit year's timestamp, digits laid out by hand (String(format:)
    /// goes through Foundation's formatter).
    private static func layOutRFC3339(_ c: Parts, into out: UnsafeMutableBufferPointer<UInt8>) {
        func put(_ value: Int, _ width: Int, at offset: Int) {
            var value = value
            for i in stride(from: offset + width - 1, through: offset, by: -1) {
                out[i] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(c.year, 4, at: 0)
        out[4] = UInt8(ascii: "-")
        put(c.month, 2, at: 5)
        out[7] = UInt8(ascii: "-")
        put(c.day, 2, at: 8)
        out[10] = UInt8(ascii: "T")
        put(c.hour, 2, at: 11)
        out[13] = UInt8(ascii: ":")
        put(c.minute, 2, at: 14)
        out[16] = UInt8(ascii: ":")
        put(c.second, 2, at: 17)
        out[19] = UInt8(ascii: "Z")
    }

    /// kubectl describe's layout: `Sun, 01 Sep 2024 11:24:17 +0000`.
    public static func describe(_ t: SimTime) -> String {
        let c = components(t)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = monthNames
        return String(format: "%@, %02d %@ %04d %02d:%02d:%02d +0000",
                      days[c.weekday], c.day, months[c.month - 1], c.year, c.hour, c.minute, c.second)
    }

    /// English month abbreviations, as HTTP dates and log stamps write them.
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    struct Parts { var year, month, day, hour, minute, second, weekday: Int }

    /// Civil date from Unix seconds; no time zones involved.
    static func components(_ t: SimTime) -> Parts {
        let secs = Int(floorDiv(t.unixMilliseconds, 1000))
        let days = floorDiv(Int64(secs), 86_400)
        let secOfDay = secs - Int(days) * 86_400
        let (year, month, day) = civil(fromDays: days)
        let weekday = Int((days % 7 + 11) % 7) // 1970-01-01 was a Thursday (4)
        return Parts(year: Int(year), month: Int(month), day: Int(day), hour: secOfDay / 3600,
                     minute: (secOfDay / 60) % 60, second: secOfDay % 60, weekday: weekday)
    }

    /// Year, month and day of a day number counted from 1970-01-01 (Howard Hinnant's
    /// civil-from-days); any Int64 seconds / 86,400 fits without overflow.
    public static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : (a - b + 1) / b }
}
