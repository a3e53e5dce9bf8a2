/// Resource quantities as Kubernetes writes them: CPU in millicores (`100m`, `2`), memory in
/// bytes (`128Mi`, `8Gi`, `1G`). Parsing follows k8s.io/apimachinery's resource.Quantity: a
/// signed decimal number, then a binary suffix (Ki … Ei), a decimal one (n u m "" k M G T P E)
/// or an exponent (`e3`, `E-2`). Amounts are rounded up, as Quantity.Value and MilliValue do,
/// and amounts beyond int64 (`99999999999999999999`, `8Ei`) saturate at Int64.max rather than
/// trapping: Kubernetes accepts such quantities, and they simply never fit anywhere.
public enum Quantity {
    /// Why a text is not a quantity, in apimachinery's words.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        /// ErrFormatWrong: the text does not match the quantity regular expression.
        case format
        /// ErrSuffix: the suffix uses the right letters but is not one Kubernetes knows (`1ki`).
        case suffix

        public var description: String {
            switch self {
            case .format: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
            case .suffix: "unable to parse quantity's suffix"
            }
        }
    }

    /// CPU in millicores; nil when the text is no quantity or is negative.
    public static func parseCPU(_ text: String) -> Int64? {
        guard case .success(let millis) = parse(text, scale: 3), millis >= 0 else { return nil }
        return millis
    }

    /// Bytes (or any plain count, such as pods); nil when the text is no quantity or is negative.
    public static func parseMemory(_ text: String) -> Int64? {
        guard case .success(let bytes) = parse(text, scale: 0), bytes >= 0 else { return nil }
        return bytes
    }

    /// The quantity times 10^`scale` (3 for millis), rounded away from zero, saturated.
    public static func parse(_ text: String, scale: Int) -> Result<Int64, ParseError> {
        let bytes = Array(text.utf8)
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits: [UInt8] = []
        var fractionCount = 0
        var seenPoint = false
        while i < bytes.count {
            let b = bytes[i]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                digits.append(b - UInt8(ascii: "0"))
                if seenPoint { fractionCount += 1 }
            } else if b == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                break
            }
            i += 1
        }
        guard !digits.isEmpty else { return .failure(.format) }
        let suffix = String(decoding: bytes[i...], as: UTF8.self)
        let decimalExponent: Int, binaryExponent: Int
        switch exponents(of: suffix) {
        case .failure(let error): return .failure(error)
        case .success(let e): (decimalExponent, binaryExponent) = e
        }
        let magnitude = scaled(digits: digits, decimalExponent: decimalExponent - fractionCount + scale, binaryExponent: binaryExponent)
        return .success(negative ? -magnitude : magnitude)
    }

    private static let decimalSuffixes: [String: Int] = ["": 0, "n": -9, "u": -6, "m": -3, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18]
    private static let binarySuffixes: [String: Int] = ["Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60]
    /// Beyond this, an exponent only says "enormous" or "tiny"; clamping keeps the sums small.
    private static let exponentLimit = 10_000

    /// (power of ten, power of two) a suffix stands for.
    private static func exponents(of suffix: String) -> Result<(Int, Int), ParseError> {
        // The regular expression's suffix part: [eEinumkKMGTP]*[-+]?[0-9]*
        let letters = suffix.prefix { "eEinumkKMGTP".contains($0) }
        var rest = suffix.dropFirst(letters.count)
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        guard rest.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return .failure(.format) }
        if let e = decimalSuffixes[suffix] { return .success((e, 0)) }
        if let b = binarySuffixes[suffix] { return .success((0, b)) }
        guard suffix.count > 1, suffix.first == "e" || suffix.first == "E" else { return .failure(.suffix) }
        var exponentText = suffix.dropFirst()
        let negative = exponentText.first == "-"
        if exponentText.first == "+" || exponentText.first == "-" { exponentText = exponentText.dropFirst() }
        guard !exponentText.isEmpty, exponentText.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return .failure(.suffix) }
        let magnitude = exponentText.count > 6 ? exponentLimit : min(Int(exponentText)!, exponentLimit)
        return .success((negative ? -magnitude : magnitude, 0))
    }

    /// digits × 10^decimalExponent × 2^binaryExponent, rounded up, saturated at Int64.max.
    private static func scaled(digits allDigits: [UInt8], decimalExponent: Int, binaryExponent: Int) -> Int64 {
        var digits = allDigits.drop { $0 == 0 }
        if digits.isEmpty { return 0 }
        // log10 of the value, give or take one: decides "too big" and "below one" without arithmetic.
        let magnitude = Double(digits.count - 1 + decimalExponent) + Double(binaryExponent) * 0.30103
        if magnitude >= 19.5 { return .max }
        if magnitude < -2 { return 1 }
        // At most 19 significant digits fit a UInt64; a dropped non-zero digit still rounds up.
        var exponent = decimalExponent
        var roundUp = false
        if digits.count > 19 {
            let dropped = digits.count - 19
            roundUp = digits.suffix(dropped).contains { $0 != 0 }
            digits = digits.prefix(19)
            exponent += dropped
        }
        var n: UInt64 = 0
        for d in digits { n = n * 10 + UInt64(d) }
        if exponent >= 0 {
            var value = n
            for _ in 0..<exponent { value = Saturating.multiply(value, 10) }
            value = Saturating.multiply(value, UInt64(1) << UInt64(binaryExponent))
            if roundUp { value = Saturating.add(value, 1) }
            return value > UInt64(Int64.max) ? .max : Int64(value)
        }
        // n × 2^b ÷ 10^k in 128 bits (high, low), dividing by at most 10^19 at a time.
        var high: UInt64 = binaryExponent == 0 ? 0 : n >> UInt64(64 - binaryExponent)
        var low: UInt64 = n << UInt64(binaryExponent)
        var k = -exponent
        while k > 0 {
            let step = min(k, 19)
            var divisor: UInt64 = 1
            for _ in 0..<step { divisor *= 10 }
            let (q1, r1) = high.quotientAndRemainder(dividingBy: divisor)
            let (q0, r0) = divisor.dividingFullWidth((r1, low))
            (high, low) = (q1, q0)
            if r0 != 0 { roundUp = true }
            k -= step
        }
        if roundUp { (high, low) = low == .max ? (high + 1, 0) : (high, low + 1) }
        return high != 0 || low > UInt64(Int64.max) ? .max : Int64(low)
    }

    /// `2`, `500m`: the canonical form Kubernetes prints.
    public static func formatCPU(_ millis: Int64) -> String {
        millis % 1000 == 0 ? "\(millis / 1000)" : "\(millis)m"
    }

    /// `8Gi`, `128Mi`, `1500k`: the largest binary suffix that divides evenly.
    public static func formatMemory(_ bytes: Int64) -> String {
        if bytes == 0 { return "0" }
        let binary: [(String, Int64)] = [("Ti", 1 << 40), ("Gi", 1 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)]
        for (suffix, factor) in binary where bytes % factor == 0 {
            return "\(bytes / factor)\(suffix)"
        }
        return "\(bytes)"
    }
}

/// CPU, memory and pod-count amounts, as in requests, capacity and allocatable.
public struct ResourceAmounts: Equatable, Sendable {
    public var cpuMillis: Int64
    public var memoryBytes: Int64
    public var pods: Int64

    public init(cpuMillis: Int64 = 0, memoryBytes: Int64 = 0, pods: Int64 = 0) {
        self.cpuMillis = cpuMillis
        self.memoryBytes = memoryBytes
        self.pods = pods
    }

    /// Saturating: a node of 8Ei plus a pod of 8Ei is "full", not a trap.
    public static func + (a: ResourceAmounts, b: ResourceAmounts) -> ResourceAmounts {
        ResourceAmounts(cpuMillis: Saturating.add(a.cpuMillis, b.cpuMillis), memoryBytes: Saturating.add(a.memoryBytes, b.memoryBytes),
                        pods: Saturating.add(a.pods, b.pods))
    }

    public static func - (a: ResourceAmounts, b: ResourceAmounts) -> ResourceAmounts {
        ResourceAmounts(cpuMillis: Saturating.subtract(a.cpuMillis, b.cpuMillis), memoryBytes: Saturating.subtract(a.memoryBytes, b.memoryBytes),
                        pods: Saturating.subtract(a.pods, b.pods))
    }
}
