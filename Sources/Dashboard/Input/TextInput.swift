/// A one-line editor for the command line and prompts: insert, delete, move, home/end.
public struct TextInput: Equatable, Sendable {
    public private(set) var text: String
    /// Cursor position in characters.
    public private(set) var cursor: Int

    public init(_ text: String = "", cursor: Int? = nil) {
        self.text = text
        self.cursor = min(cursor ?? text.count, text.count)
    }

    /// Applies an editing key; returns false for keys it does not handle.
    public mutating func handle(_ key: Key) -> Bool {
        var chars = Array(text)
        switch key {
        case .character(let c):
            chars.insert(c, at: cursor)
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            chars.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .control("d"):
            guard cursor < chars.count else { return true }
            chars.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(chars.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = chars.count
        case .control("u"):
            chars.removeSubrange(0..<cursor)
            cursor = 0
        case .control("w"):
            var start = cursor
            while start > 0 && chars[start - 1] == " " { start -= 1 }
            while start > 0 && chars[start - 1] != " " { start -= 1 }
            chars.removeSubrange(start..<cursor)
            cursor = start
        default:
            return false
        }
        text = String(chars)
        // A combining mark or joiner typed on its own merges with its neighbour into one
        // character: the cursor counts what is before it again, so it stays inside the text.
        cursor = min(String(chars[..<cursor]).count, text.count)
        return true
    }
}
