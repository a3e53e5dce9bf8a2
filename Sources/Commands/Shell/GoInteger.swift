/// Integers as kubectl's flags read them: pflag's int, int32 and int64 flags call Go's
/// `strconv.ParseInt(s, 0, bits)`, so a sign, the prefixes 0x, 0o, 0b (and a bare leading 0 for
/// octal) and `_` between digits are accepted, and a value beyond the flag's type is refused
/// with "value out of range" instead of wrapping.
enum GoInteger {
    enum ParseError: Error, Equatable {
        case syntax, range

        var reason: String {
            switch self {
            case .syntax: "invalid syntax"
            case .range: "value out of range"
            }
        }
    }

    static func parse(_ text: String, bits: Int) -> Result<Int64, ParseError> {
        var s = Substring(text)
        var negative = false
        if let c = s.first, c == "+" || c == "-" {
            negative = c == "-"
            s = s.dropFirst()
        }
        var base: UInt64 = 10
        var prefixed = false
        if s.count > 1, s.first == "0" {
            switch s.dropFirst().first {
            case "x", "X": base = 16; s = s.dropFirst(2); prefixed = true
            case "o", "O": base = 8; s = s.dropFirst(2); prefixed = true
            case "b", "B": base = 2; s = s.dropFirst(2); prefixed = true
            default: base = 8; s = s.dropFirst(); prefixed = true
            }
        }
        guard underscoresOK(s, prefixed: prefixed) else { return .failure(.syntax) }
        let digits = s.filter { $0 != "_" }
        guard !digits.isEmpty else { return .failure(.syntax) }
        let limit: UInt64 = negative ? UInt64(1) << UInt64(bits - 1) : (UInt64(1) << UInt64(bits - 1)) - 1
        var value: UInt64 = 0
        var outOfRange = false
        for c in digits {
            guard let d = c.hexDigitValue, UInt64(d) < base else { return .failure(.syntax) }
            let (times, o1) = value.multipliedReportingOverflow(by: base)
            let (next, o2) = times.addingReportingOverflow(UInt64(d))
            if o1 || o2 || next > limit { outOfRange = true } else { value = next }
        }
        if outOfRange { return .failure(.range) }
        return .success(negative ? (value == UInt64(1) << 63 ? .min : -Int64(value)) : Int64(value))
    }

    /// Go's underscoreOK: underscores only with a base prefix, and only between digits.
    private static func underscoresOK(_ s: Substring, prefixed: Bool) -> Bool {
        guard s.contains("_") else { return true }
        return prefixed && !s.hasSuffix("_") && !s.contains("__")
    }
}
