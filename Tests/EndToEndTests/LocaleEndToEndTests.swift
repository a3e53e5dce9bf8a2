import Foundation
import Testing

/// The dashboard in a terminal whose locale is not UTF-8: it must still draw a legible screen.
@Suite struct LocaleEndToEndTests {
    @Test func withoutUTF8ItDrawsWithASCIIAndCountsRight() throws {
        guard TmuxSession.available() else { return }
        let binary = try HeadlessBinaryTests.binary().path
        let tmux = try TmuxSession("\(binary) --seed 1", width: 100, height: 30, language: "C")
        let screen = try tmux.waitFor("three ready pods in ASCII") { $0.contains("pods 3/3") && $0.contains("# ready") && !$0.contains("not ready") }
        let lines = screen.split(separator: "\n").map(String.init)
        // Borders and corners in ASCII, the header's counts as digits and a slash.
        #expect(lines.first?.hasPrefix("+- kubesim - default - t=") == true)
        #expect(screen.contains("nodes 3/3 Ready"))
        #expect(screen.contains("|+ 1 Nodes ---"))
        // Ready pod tiles with their suffixes: the 3 demo pods, kube-proxy on 3 nodes, 2 coredns.
        #expect(screen.matches(of: /#[a-z0-9]{5}/).count == 8)
        #expect(lines.allSatisfy { $0.allSatisfy { $0.isASCII } }, "non-ASCII on a C-locale screen:\n\(screen)")
        try tmux.send("q")
    }
}
