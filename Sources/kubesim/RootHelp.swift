import ArgumentParser
import Foundation

/// `kubesim --help` for a program whose default subcommand is the dashboard: ArgumentParser's
/// root help lists only subcommands, so the root's usage and discussion are made from the
/// dashboard's own help (they cannot drift from its options).
enum RootHelp {
    /// `kubesim [dashboard options]` and `kubesim <subcommand>`.
    static var usage: String {
        var dashboard = DashboardCommand.usageString()
        if dashboard.hasPrefix(DashboardCommand.configuration.commandName ?? "dashboard") {
            dashboard = "kubesim" + dashboard.dropFirst((DashboardCommand.configuration.commandName ?? "dashboard").count)
        }
        return dashboard + "\nkubesim <subcommand>"
    }

    /// The dashboard's options as its help prints them, under a title saying whose they are.
    static var discussion: String {
        // ArgumentParser wraps the root's discussion again at the screen width, which would
        // split lines exactly that long: lay the options out one column narrower.
        let help = DashboardCommand.helpMessage(columns: max(40, screenWidth - 1))
        guard let start = help.range(of: "OPTIONS:\n") else { return "" }
        let options = help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("--help") && !$0.allSatisfy { $0 == " " } }
        return """
            With no subcommand, kubesim opens the live dashboard (kubesim dashboard). Present a scenario \
            with `kubesim --scenario NAME` (see `kubesim scenarios`).

            DASHBOARD OPTIONS:
            \(options.joined(separator: "\n"))
            """
    }

    /// The width ArgumentParser wraps help at: COLUMNS, else the terminal's, else 80.
    private static var screenWidth: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
