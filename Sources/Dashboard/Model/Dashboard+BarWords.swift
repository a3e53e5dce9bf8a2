/// The command bar's own words, as k9s users type them: `:q` (or `:q!`, `:quit`) quits and
/// `:help` shows the keys, instead of reaching kubectl as unknown commands.
extension Dashboard {
    func handleBarWord(_ line: String) -> Bool {
        switch line {
        case "q", "q!", "quit":
            shouldQuit = true
        case "help", "?":
            mode = .overlay(Overlay(title: "Help", text: HelpText.text(focus: focus)))
        default:
            return false
        }
        return true
    }
}
