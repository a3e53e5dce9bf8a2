/// Durations written the way Go (and so kubectl) reads and prints them: `10s`, `2m`, `1h30m`, `1.5s`, `250ms`.
public enum GoDuration {
    /// Parses Go's duration syntax (a sequence of decimal numbers with units ms, s, m, h).
    public static func parse(_ text: String) -> SimDuration? {
        var rest = Substring(text)
        if rest == "0" { return .zero }
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            switch unit {
            case "ms": total += value / 1000
            case "s": total += value
            case "m": total += value * 60
            case "h": total += value * 3600
            default: return nil
            }
        }
        return .seconds(total)
    }

    /// Go's `Duration.String()`, truncated to milliseconds.
    public static func format(_ d: SimDuration) -> String {
        var ms = d.milliseconds
        if ms == 0 { return "0s" }
        let sign = ms < 0 ? "-" : ""
        ms = abs(ms)
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
