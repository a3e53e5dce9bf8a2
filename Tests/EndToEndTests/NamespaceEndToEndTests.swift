import Foundation
import Testing

/// The real dashboard switching namespaces in a real terminal: `:ns NAME` from the command
/// line, `N` from the keyboard, the header naming what is shown.
@Suite(.serialized) struct NamespaceEndToEndTests {
    @Test func switchNamespacesFromTheCommandLineAndWithN() throws {
        guard TmuxSession.available() else { return }
        let tmux = try DashboardEndToEndTests.start()
        try tmux.waitFor("three Running pods", DashboardEndToEndTests.threeRunning)
        try tmux.waitFor(text: " kubesim ─ default ─ t=")
        try tmux.send(":")
        try tmux.type("create namespace team-a")
        try tmux.send("Enter")
        try tmux.waitFor(text: "namespace/team-a created")
        try tmux.send(":")
        try tmux.type("ns team-a")
        try tmux.send("Enter")
        let teamScreen = try tmux.waitFor(text: " kubesim ─ team-a ─ t=")
        // Nothing runs in team-a: its tables are empty, the map still shows every pod.
        #expect(DashboardEndToEndTests.pods(teamScreen).isEmpty)
        #expect(teamScreen.contains("pods 0/0 Ready"))
        try tmux.send("N")
        try tmux.waitFor(text: " kubesim ─ default ─ t=")
        try tmux.waitFor("the demo's pods listed again", DashboardEndToEndTests.threeRunning)
    }
}
