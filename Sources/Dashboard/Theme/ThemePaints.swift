/// How the screen combines a theme's roles. The renderer takes its combined styles from here and
/// `paints` lists every style it can put on screen, so the contrast test measures what the
/// audience sees (and a frame test fails when the renderer draws a style missing from the list).
extension Theme {
    /// What a table row is showing, which decides its colors.
    public enum RowState: String, CaseIterable, Sendable {
        case plain, new, changed, terminating, selected
    }

    /// A system pod's tile (kube-system) on the node map: muted like the hints, so the demo's own
    /// pods stand out; the glyph still tells its state, and a failing one keeps its alarm color.
    public func systemPod(_ role: ThemeRole) -> Style {
        role == .error || role == .backOff ? status(role, on: .plain) : row(.plain).overlaid(with: self[.hints])
    }

    /// The roles that color a status: words in tables and on node cards, and pod tiles.
    public static let statusRoles: [ThemeRole] = [.running, .notReady, .pending, .creating, .terminating, .backOff, .error, .completed, .orphan]

    /// A whole table row.
    public func row(_ state: RowState) -> Style {
        switch state {
        case .plain: self[.text]
        case .new: self[.new]
        case .changed: self[.text].overlaid(with: self[.changed])
        case .terminating: self[.terminating]
        case .selected: self[.selection]
        }
    }

    /// A status word on a row. The selection keeps its own colors; on a new row's glow the status
    /// becomes a tile of its own color, so `Running` never vanishes into a green glow; elsewhere
    /// it is the status color on the row's background.
    public func status(_ role: ThemeRole, on state: RowState) -> Style {
        switch state {
        case .selected: row(.selected)
        case .new: tile(role)
        case .plain, .changed, .terminating: row(state).overlaid(with: self[role])
        }
    }

    /// A block filled with a status's color (node map pod tiles, a status on a glowing row): the
    /// role's colors reversed and bold, so the text on it is the theme's background color.
    public func tile(_ role: ThemeRole) -> Style {
        self[role].overlaid(with: Style(bold: true, reverse: true))
    }

    /// A pane's title in its border; the focused pane's must differ visibly, even in `mono`.
    public func paneTitle(focused: Bool) -> Style {
        emphasized(focused ? .focus : .border)
    }

    /// A role in bold: titles, hint keys, node names, pods that just appeared.
    public func emphasized(_ role: ThemeRole) -> Style {
        self[role].overlaid(with: Style(bold: true))
    }

    /// The character under the input cursor.
    public var cursor: Style {
        self[.text].overlaid(with: Style(reverse: true))
    }

    /// Every style the dashboard can draw with this theme, each named for a failure message.
    public var paints: [(name: String, style: Style)] {
        var all: [(name: String, style: Style)] = [("text cursor", cursor)]
        for role in ThemeRole.allCases {
            all.append((role.rawValue, self[role]))
            all.append(("\(role.rawValue) in bold", emphasized(role)))
        }
        for state in RowState.allCases {
            all.append(("\(state.rawValue) row", row(state)))
            for role in Self.statusRoles {
                all.append(("\(role.rawValue) on a \(state.rawValue) row", status(role, on: state)))
            }
        }
        for role in Self.statusRoles {
            all.append(("\(role.rawValue) tile", tile(role)))
            all.append(("\(role.rawValue) system pod", systemPod(role)))
        }
        return all
    }
}

extension Theme {
    /// Whether the theme sets its own background for text rather than using the terminal's.
    public var paintsItsOwnBackground: Bool {
        self[.text].background != .terminalDefault
    }

    /// The terminals the theme must read on: one that paints its own background on any terminal
    /// (checked on a dark and a light one); one that keeps the terminal's background is made
    /// for a dark terminal.
    public var terminalsToReadOn: [TerminalColors] {
        paintsItsOwnBackground ? [.dark, .light] : [.dark]
    }
}
