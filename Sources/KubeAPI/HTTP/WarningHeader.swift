/// A `Warning` response header as the API server writes one (`299 - "text"`), its text quoted
/// as apimachinery quotes it (a `"` or `\` escaped), so kubectl prints it as `Warning: text`.
enum WarningHeader {
    static func make(_ text: String) -> (name: String, value: String) {
        var quoted = "\""
        for c in text {
            if c == "\"" || c == "\\" { quoted.append("\\") }
            quoted.append(c)
        }
        quoted.append("\"")
        return ("Warning", "299 - " + quoted)
    }
}
