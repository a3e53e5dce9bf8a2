import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// Help, describe and command output open over the panes: nothing of the panes may show
/// between the overlay's border and theirs.
@Suite struct OverlayTests {
    @Test func nothingOfThePanesShowsBesideAnOverlay() throws {
        let dashboard = try demoDashboard()
        // Long Events messages, cut with `…` at the pane's last column.
        dashboard.press(.character("4"), .character("x"))
        dashboard.tick(realElapsed: .seconds(3))
        let width = 120, height = 40
        let plain = dashboard.render(width: width, height: height)
        #expect(plain.text.contains("…"), "some row is cut")
        for key in [Key.character("?"), .enter, .character("o")] {
            dashboard.press(key)
            let frame = dashboard.render(width: width, height: height)
            guard case .overlay = dashboard.mode else { Issue.record("no overlay for \(key)"); continue }
            // Each row inside the overlay: the outer border, a pane's border, then the overlay's.
            for y in 3..<(height - 3) {
                let left = String((0..<3).map { frame[$0, y].character }), right = String(((width - 3)..<width).map { frame[$0, y].character })
                #expect(left.last == "│" && right.first == "│", "row \(y): \(left) … \(right)")
            }
            dashboard.press(.escape)
        }
    }
}
