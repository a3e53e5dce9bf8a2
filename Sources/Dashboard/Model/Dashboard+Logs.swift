import Cluster

extension Dashboard {
    var logsShown: Bool {
        if case .logs = mode { return true }
        return false
    }

    /// Keys in the log view: Esc returns, arrows and pages scroll (back from the newest stops
    /// following, G follows again), `c` shows the next container; time keeps its keys.
    func handleLogs(_ key: Key, _ view: inout LogView) {
        let lines: ArraySlice<LogLine>
        if case .lines(let log) = view.content(in: cluster) { lines = log.lines } else { lines = [] }
        let page = max(1, (logPage?.rows ?? 10) - 1)
        switch key {
        case .escape, .character("q"):
            mode = .normal
            return
        case .up, .character("k"): view.scroll(by: -1, lines: lines, shown: logPage)
        case .down, .character("j"): view.scroll(by: 1, lines: lines, shown: logPage)
        case .pageUp: view.scroll(by: -page, lines: lines, shown: logPage)
        case .pageDown: view.scroll(by: page, lines: lines, shown: logPage)
        case .character("g"), .home: view.scrollToStart(lines: lines)
        case .character("G"), .end: view.top = nil
        case .character("c"): view.nextContainer()
        case .character(" "), .character("."), .character("<"), .character(">"):
            handleNormal(key)
        default: break
        }
        mode = .logs(view)
    }
}
