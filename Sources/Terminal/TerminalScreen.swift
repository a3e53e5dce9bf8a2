import CNcurses
import Dashboard
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Something that happened at the terminal: a key press or a change of size.
public enum TerminalEvent: Equatable {
    /// A decoded key press.
    case key(Key)
    /// The terminal now has this many columns and rows.
    case resize(width: Int, height: Int)
    /// The terminal went away (its window closed, the ssh connection dropped): time to quit.
    case hangUp
}

/// Why the terminal could not be opened.
public struct TerminalError: Error, CustomStringConvertible {
    /// A sentence for the user.
    public let description: String
}

/// The ncurses screen: draws `Frame`s (only the cells that changed) and reads keys. The only
/// code in kubesim that talks to ncurses. Use from one thread; call `close()` before exiting.
public final class TerminalScreen {
    /// True when both stdin and stdout are terminals, so the dashboard can run.
    public static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 && isatty(STDIN_FILENO) == 1 }

    /// How theme colors map onto this terminal's colors (`.none` without color support or with NO_COLOR).
    public let palette: ColorPalette

    /// How many cells the last `draw` wrote to the screen (all of them after a resize).
    public private(set) var cellsDrawnLastFrame: Int = 0

    private var screen: OpaquePointer?
    private var closed = false
    private var lastFrame: Frame?
    private var needsFullRedraw = true
    private var hasDefaultColors = false
    private var pairs: [ColorPairKey: Int16] = [ColorPairKey(foreground: -1, background: -1): 0]
    private var nextPair: Int16 = 1
    private var pairsExhausted = false
    private var styleCache: [Style: (attributes: attr_t, pair: Int16)] = [:]
    private var lastKnownSize: (width: Int, height: Int) = (0, 0)
    /// The locale cannot show UTF-8 (LANG=C): frames are drawn with ASCII stand-ins.
    public private(set) var asciiOnly = false

    private struct ColorPairKey: Hashable {
        var foreground: Int
        var background: Int
    }

    /// The most color pairs allocated (pair 0 is the terminal's default colors).
    static let maximumPairs: Int16 = 255

    /// Takes over the terminal: alternate screen, raw mode (Ctrl-C and Ctrl-K arrive as keys),
    /// no echo, hidden cursor, keypad decoding, 25 ms Esc delay. `noColor` (NO_COLOR) draws
    /// without colors but keeps bold, dim, underline and reverse. Throws if the terminal type is
    /// unknown or the terminal cannot be set up.
    public init(noColor: Bool) throws {
        TerminalSignals.prepareGlobals()
        if tcgetattr(STDIN_FILENO, &terminalSavedTermios) == 0 {
            terminalSavedTermiosValid = 1
        }
        // Only the character type follows the environment: numbers and dates stay as the C
        // locale prints them, whatever LANG says.
        setlocale(LC_CTYPE, "")
        asciiOnly = kubesim_locale_is_utf8() == 0

        // newterm, unlike initscr, returns nil instead of exiting when the terminal is unusable.
        // The C `stdout`/`stdin` globals are off limits in Swift 6, so open the descriptors anew.
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r") else {
            throw TerminalError(description: "cannot open the terminal: \(String(cString: strerror(errno)))")
        }
        guard let screen = newterm(nil, output, input) else {
            let term = getenv("TERM").map { String(cString: $0) } ?? ""
            throw TerminalError(description: term.isEmpty
                ? "cannot open the terminal: TERM is not set"
                : "cannot open the terminal: unknown or unusable terminal type '\(term)' (TERM)")
        }
        self.screen = screen
        set_term(screen)
        terminalScreenActive = 1
        let window = kubesim_stdscr()

        raw()
        noecho()
        nonl()
        _ = curs_set(0)
        keypad(window, true)
        intrflush(window, false)
        set_escdelay(25)
        leaveok(window, true)

        if noColor || !has_colors() {
            palette = .none
        } else {
            start_color()
            hasDefaultColors = use_default_colors() == OK
            palette = ColorPalette.forTerminal(colors: Int(kubesim_colors()), noColor: false)
        }
        lastKnownSize = (Int(kubesim_cols()), Int(kubesim_lines()))
    }

    deinit { close() }

    /// The terminal's size in columns and rows.
    public var size: (width: Int, height: Int) {
        if closed { return lastKnownSize }
        lastKnownSize = (Int(kubesim_cols()), Int(kubesim_lines()))
        return lastKnownSize
    }

    /// Waits up to `timeoutMilliseconds` (negative: forever) for a key or a resize; nil on
    /// timeout, on an interrupting signal, or for input that is not a key kubesim knows.
    public func read(timeoutMilliseconds: Int) -> TerminalEvent? {
        guard !closed, let window = kubesim_stdscr() else { return nil }
        wtimeout(window, Int32(clamping: timeoutMilliseconds))
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == ERR { return Self.terminalHungUp ? .hangUp : nil }
        let isKeyCode = result == KEY_CODE_YES
        if isKeyCode && Int32(bitPattern: UInt32(character)) == KEY_RESIZE {
            needsFullRedraw = true
            let now = size
            return .resize(width: now.width, height: now.height)
        }
        return Self.decode(code: UInt32(character), isKeyCode: isKeyCode).map(TerminalEvent.key)
    }

    /// Whether standard input's terminal is gone: reads would fail at once forever, so the
    /// main loop must stop rather than spin.
    static var terminalHungUp: Bool {
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return true }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// The key for a code from `wget_wch`: `isKeyCode` when it returned KEY_CODE_YES (a
    /// function-key code), otherwise `code` is a character. Nil for codes kubesim ignores.
    static func decode(code: UInt32, isKeyCode: Bool) -> Key? {
        if isKeyCode {
            let key = Int32(bitPattern: code)
            switch key {
            case KEY_ENTER: return .enter
            case KEY_BTAB: return .backTab
            case KEY_BACKSPACE: return .backspace
            case KEY_DC: return .delete
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(key - KEY_F0))
            default: return nil
            }
        }
        switch code {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(0x60 + code))))
        case 0..<32, 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// Draws `frame`, writing only the cells that differ from the previous frame (all of them
    /// the first time, after a resize, or when the size changed), then updates the terminal if
    /// anything changed. Cells outside the terminal are skipped.
    public func draw(_ frame: Frame) {
        guard !closed, let window = kubesim_stdscr() else { return }
        let screenSize = size
        var full = needsFullRedraw
        if let lastFrame, lastFrame.width != frame.width || lastFrame.height != frame.height { full = true }
        if lastFrame == nil { full = true }
        let previous = full ? nil : lastFrame
        if full {
            werase(window)
            clearok(window, true)
        }
        let width = min(frame.width, screenSize.width)
        let height = min(frame.height, screenSize.height)
        var drawn = 0
        var cell = cchar_t()
        var text: (wchar_t, wchar_t) = (0, 0)
        for index in frame.changedIndices(since: previous) {
            let x = index % frame.width, y = index / frame.width
            guard x < width, y < height else { continue }
            let current = frame.cells[index]
            let (attributes, pair) = rendition(for: current.style)
            text.0 = Self.wideCharacter(for: asciiOnly ? AsciiGlyphs.fallback(current.character) : current.character)
            withUnsafePointer(to: &text) { pointer in
                pointer.withMemoryRebound(to: wchar_t.self, capacity: 2) { characters in
                    _ = setcchar(&cell, characters, attributes, pair, nil)
                }
            }
            // The bottom-right cell returns ERR (the cursor cannot advance) but is drawn.
            _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
            drawn += 1
        }
        lastFrame = frame
        needsFullRedraw = false
        cellsDrawnLastFrame = drawn
        if drawn > 0 || full {
            wnoutrefresh(window)
            doupdate()
        }
    }

    /// Ctrl-Z: stops the job as the terminal's suspend key would in a shell (raw mode makes it
    /// a key). ncurses' SIGTSTP handler gives the shell back its modes and screen first, and
    /// takes them again when the job continues; without job control (SIGTSTP ignored) nothing
    /// happens. The next frame is drawn whole.
    public func suspend() {
        guard !closed else { return }
        _ = raise(SIGTSTP)
        redrawAll()
    }

    /// Draws the next frame whole (after the terminal was shared with something else).
    public func redrawAll() { needsFullRedraw = true }

    /// Ends ncurses and puts the terminal back as it was (termios, cursor, main screen).
    /// Safe to call more than once.
    public func close() {
        guard !closed else { return }
        closed = true
        _ = curs_set(1)
        endwin()
        if terminalSavedTermiosValid != 0 {
            _ = tcsetattr(STDIN_FILENO, TCSANOW, &terminalSavedTermios)
        }
        terminalScreenActive = 0
        if let screen { delscreen(screen) }
        screen = nil
    }

    // MARK: - Characters and styles

    /// The wide character for a cell; characters that may not take exactly one column become `?`.
    private static func wideCharacter(for character: Character) -> wchar_t {
        guard Frame.isSingleWidth(character), let scalar = character.unicodeScalars.first else {
            return wchar_t(UInt8(ascii: "?"))
        }
        return wchar_t(bitPattern: scalar.value)
    }

    /// The attributes and color pair for `style`, cached per style.
    private func rendition(for style: Style) -> (attributes: attr_t, pair: Int16) {
        if let cached = styleCache[style] { return cached }
        var attributes: attr_t = 0
        if style.bold { attributes |= kubesim_a_bold() }
        if style.dim { attributes |= kubesim_a_dim() }
        if style.underline { attributes |= kubesim_a_underline() }
        if style.reverse { attributes |= kubesim_a_reverse() }
        let pair = palette == .none
            ? 0
            : colorPair(foreground: palette.index(for: style.foreground), background: palette.index(for: style.background))
        let result = (attributes: attributes, pair: pair)
        styleCache[style] = result
        return result
    }

    /// The pair number for these color indices (-1: terminal default), allocated on first use.
    /// When no more pairs can be allocated, the nearest existing pair.
    private func colorPair(foreground: Int, background: Int) -> Int16 {
        var key = ColorPairKey(foreground: foreground, background: background)
        if !hasDefaultColors {
            // Without default-color support -1 is invalid: use white on black, as ncurses does.
            if key.foreground < 0 { key.foreground = 7 }
            if key.background < 0 { key.background = 0 }
            if key.foreground == 7 && key.background == 0 { return 0 }
        }
        if let pair = pairs[key] { return pair }
        if !pairsExhausted && nextPair <= Self.maximumPairs {
            if init_pair(nextPair, Int16(clamping: key.foreground), Int16(clamping: key.background)) == OK {
                let pair = nextPair
                pairs[key] = pair
                nextPair += 1
                return pair
            }
            pairsExhausted = true   // COLOR_PAIRS reached (e.g. 64 on 8-color terminals)
        }
        return nearestPair(to: key)
    }

    /// The allocated pair closest to `key`: the same background matters most, then the same
    /// foreground; pair 0 when nothing matches.
    private func nearestPair(to key: ColorPairKey) -> Int16 {
        var best: Int16 = 0
        var bestScore = -1
        for (candidate, pair) in pairs {
            let score = (candidate.background == key.background ? 2 : 0) + (candidate.foreground == key.foreground ? 1 : 0)
            if score > bestScore || (score == bestScore && pair < best) {
                best = pair
                bestScore = score
            }
        }
        return best
    }
}
