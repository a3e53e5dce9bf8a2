/// Durations written the way Go (and so kubectl) reads and prints them: `10s`, `2m`, `1h30m`, `1.5s`, `250ms`.
public enum GoDuration {
    /// Why a text is not a Go duration, worded as Go's time.ParseDuration words it.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Parses a duration exactly as Go's time.ParseDuration does (and so kubectl's duration
    /// flags): a sign, then numbers with units ns, us, µs, ms, s, m, h; at most 2⁶³−1 ns
    /// (about 2562047h). Sub-millisecond remainders round up, so a positive wait never becomes 0.
    public static func parse(_ text: String) -> SimDuration? {
        guard case .success(let nanoseconds) = parseNanoseconds(text) else { return nil }
        let (ms, rest) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000)
        return SimDuration(milliseconds: ms + (rest > 0 ? 1 : 0))
    }

    static let units: [String: UInt64] = [
        "ns": 1, "us": 1_000, "\u{00B5}s": 1_000, "\u{03BC}s": 1_000, "ms": 1_000_000,
        "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]

    /// time.ParseDuration, step for step, in nanoseconds.
    public static func parseNanoseconds(_ original: String) -> Result<Int64, ParseError> {
        let invalid = ParseError(description: "time: invalid duration \"\(original)\"")
        var s = Substring(original)
        var negative = false
        if let c = s.first, c == "-" || c == "+" {
            negative = c == "-"
            s = s.dropFirst()
        }
        if s == "0" { return .success(0) }
        if s.isEmpty { return .failure(invalid) }
        let limit: UInt64 = 1 << 63
        var total: UInt64 = 0
        while !s.isEmpty {
            guard let c = s.first, c == "." || c.isGoDigit else { return .failure(invalid) }
            // [0-9]*, refusing overflow as Go's leadingInt does.
            var value: UInt64 = 0
            let integerDigits = s.prefix { $0.isGoDigit }
            for d in integerDigits {
                if value > limit / 10 { return .failure(invalid) }
                value = value * 10 + UInt64(d.asciiValue! - 48)
                if value > limit { return .failure(invalid) }
            }
            s = s.dropFirst(integerDigits.count)
            // (\.[0-9]*)?, keeping only the digits that fit (Go's leadingFraction).
            var fraction: UInt64 = 0
            var scale = 1.0
            var fractionDigitsSeen = false
            if s.first == "." {
                s = s.dropFirst()
                let fractionDigits = s.prefix { $0.isGoDigit }
                fractionDigitsSeen = !fractionDigits.isEmpty
                var overflowed = false
                for d in fractionDigits where !overflowed {
                    if fraction > (limit - 1) / 10 { overflowed = true; continue }
                    let next = fraction * 10 + UInt64(d.asciiValue! - 48)
                    if next > limit { overflowed = true; continue }
                    fraction = next
                    scale *= 10
                }
                s = s.dropFirst(fractionDigits.count)
            }
            if integerDigits.isEmpty && !fractionDigitsSeen { return .failure(invalid) }
            let unitText = s.prefix { $0 != "." && !$0.isGoDigit }
            if unitText.isEmpty { return .failure(ParseError(description: "time: missing unit in duration \"\(original)\"")) }
            s = s.dropFirst(unitText.count)
            guard let unit = units[String(unitText)] else {
                return .failure(ParseError(description: "time: unknown unit \"\(unitText)\" in duration \"\(original)\""))
            }
            if value > limit / unit { return .failure(invalid) }
            value *= unit
            if fraction > 0 {
                value += UInt64(Double(fraction) * (Double(unit) / scale))
                if value > limit { return .failure(invalid) }
            }
            total += value
            if total > limit { return .failure(invalid) }
        }
        if negative { return .success(total == limit ? .min : -Int64(total)) }
        if total > limit - 1 { return .failure(invalid) }
        return .success(Int64(total))
    }

    /// Go's `Duration.String()`, truncated to milliseconds.
    public static func format(_ d: SimDuration) -> String {
        if d.milliseconds == 0 { return "0s" }
        let sign = d.milliseconds < 0 ? "-" : ""
        let ms = d.milliseconds.magnitude // abs(Int64.min) would trap
        if ms < 1000 { return "\(sign)\(ms)ms" }
        let hours = ms / 3_600_000
        let minutes = (ms / 60_000) % 60
        let secondsPart = ms % 60_000
        var seconds = "\(secondsPart / 1000)"
        if secondsPart % 1000 != 0 {
            var frac = String(secondsPart % 1000)
            frac = String(repeating: "0", count: 3 - frac.count) + frac
            while frac.hasSuffix("0") { frac.removeLast() }
            seconds += "." + frac
        }
        if hours > 0 { return "\(sign)\(hours)h\(minutes)m\(seconds)s" }
        if minutes > 0 { return "\(sign)\(minutes)m\(seconds)s" }
        return "\(sign)\(seconds)s"
    }

    /// apimachinery's `duration.HumanDuration`, which kubectl uses for AGE and LAST SEEN.
    public static func human(_ d: SimDuration) -> String {
        let seconds = Int(d.milliseconds / 1000)
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 60 * 2 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 {
            let s = seconds % 60
            return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
        }
        if minutes < 60 * 3 { return "\(minutes)m" }
        let hours = seconds / 3600
        if hours < 8 {
            let m = minutes % 60
            return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let h = hours % 24
            return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let dy = (hours / 24) % 365
            return dy == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(dy)d"
        }
        return "\(hours / 24 / 365)y"
    }
}

extension Character {
    /// An ASCII digit, as Go's `'0' <= c && c <= '9'` (Character.isNumber also takes other scripts' digits).
    var isGoDigit: Bool { self >= "0" && self <= "9" }
}
