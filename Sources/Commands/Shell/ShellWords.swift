/// Splits a command line into words like a POSIX shell: whitespace separates, single quotes keep
/// everything literal, a backslash escapes one character — inside double quotes only `"`, `\`,
/// `$` and `` ` `` (so `"{'\t'}"` keeps its `\t` for kubectl's jsonpath, as a shell passes it).
public enum ShellWords {
    public struct UnterminatedQuote: Error, CustomStringConvertible {
        public var description: String { "error: unterminated quote in command line" }
    }

    private static let escapableInDoubleQuotes: Set<Character> = ["\"", "\\", "$", "`"]

    public static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character? = nil
        var escaping = false
        for c in line {
            if escaping {
                if quote == "\"" && !Self.escapableInDoubleQuotes.contains(c) { current.append("\\") }
                current.append(c)
                escaping = false
                continue
            }
            if let q = quote {
                if c == q {
                    quote = nil
                } else if c == "\\" && q == "\"" {
                    escaping = true
                } else {
                    current.append(c)
                }
                continue
            }
            switch c {
            case "'", "\"":
                quote = c
                inWord = true
            case "\\":
                escaping = true
                inWord = true
            case " ", "\t":
                if inWord { words.append(current); current = ""; inWord = false }
            default:
                current.append(c)
                inWord = true
            }
        }
        if quote != nil || escaping { throw UnterminatedQuote() }
        if inWord { words.append(current) }
        return words
    }
}
