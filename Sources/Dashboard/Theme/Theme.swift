/// A named set of styles, one per `ThemeRole`, usually loaded from a file in `Themes/`.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var description: String
    public var styles: [ThemeRole: Style]

    public init(name: String, description: String, styles: [ThemeRole: Style]) {
        self.name = name
        self.description = description
        self.styles = styles
    }

    /// The style for `role`; a role the theme leaves out looks like ordinary text.
    public subscript(role: ThemeRole) -> Style {
        styles[role] ?? styles[.text] ?? .plain
    }

    /// A colorless theme built in code, so the dashboard still draws legibly when no theme
    /// files can be found at all.
    public static let builtInMono = Theme(
        name: "mono",
        description: "Attributes only, no colors (built in)",
        styles: [
            .focus: Style(bold: true, reverse: true), .header: Style(bold: true), .caption: Style(bold: true, reverse: true),
            .new: Style(bold: true, underline: true), .error: Style(bold: true), .backOff: Style(bold: true), .orphan: Style(bold: true, underline: true),
            .selection: Style(reverse: true),
            .columnHeader: Style(underline: true),
        ]
    )
}
