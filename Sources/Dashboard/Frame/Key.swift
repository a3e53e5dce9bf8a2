/// A key press, as the terminal backend decodes it.
public enum Key: Equatable, Hashable, Sendable {
    case character(Character)
    case control(Character)     // Ctrl-K is .control("k")
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
}
