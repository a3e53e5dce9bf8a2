extension StringProtocol {
    /// The text as Go's `%q` (strconv.Quote) prints it, which kubectl's and cobra's errors use
    /// for what the user typed: in double quotes, with `"` and `\` escaped, and control and
    /// other unprintable characters written as escapes, so a typed quote cannot end the quoting.
    public var goQuoted: String {
        var result = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\u{07}": result += "\\a"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{0B}": result += "\\v"
            default:
                if scalar == " " || scalar.isGoPrintable {
                    result.unicodeScalars.append(scalar)
                } else if scalar.value < 0x80 {
                    result += "\\x" + hex(scalar.value, digits: 2)
                } else if scalar.value <= 0xFFFF {
                    result += "\\u" + hex(scalar.value, digits: 4)
                } else {
                    result += "\\U" + hex(scalar.value, digits: 8)
                }
            }
        }
        return result + "\""
    }

    private func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: Swift.max(0, digits - text.count)) + text
    }
}

extension Unicode.Scalar {
    /// Go's unicode.IsPrint less the space: letters, marks, numbers, punctuation and symbols.
    var isGoPrintable: Bool {
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            true
        default:
            false
        }
    }
}
