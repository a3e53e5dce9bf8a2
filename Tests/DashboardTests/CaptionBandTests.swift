import Testing
@testable import Dashboard

@Suite struct CaptionBandTests {
    @Test func captionShowsAsABandUnderTheHeader() throws {
        let dashboard = try demoDashboard(seconds: 20)
        dashboard.caption = "Delete the pod: the ReplicaSet notices it has 2 of 3 and creates a replacement"
        let frame = dashboard.render(width: 120, height: 40)
        let lines = frame.text.split(separator: "\n").map(String.init)
        #expect(lines[1].trimmingCharacters(in: CharacterSet(charactersIn: "│ ")).isEmpty)
        #expect(lines[2].contains("Delete the pod: the ReplicaSet notices it has 2 of 3 and creates a replacement"))
        let at = try #require(frame.find("Delete the pod"))
        #expect(frame[at.x, at.y].style == dashboard.theme[.caption])
        #expect(frame[2, 1].style == dashboard.theme[.caption])
        // The panes move down beneath it and all pods are still shown.
        #expect(lines[4].contains("1 Nodes"))
        #expect(dashboard.podNames.allSatisfy { frame.text.contains($0) })
        dashboard.caption = nil
        #expect(dashboard.frameText().split(separator: "\n")[1].contains("1 Nodes"))
    }

    @Test func longCaptionsWrapOnTwoCenteredLines() {
        let lines = CaptionBand.lines(String(repeating: "word ", count: 40), width: 50)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.count <= 50 })
        #expect(lines[1].hasSuffix("…"))
        #expect(CaptionBand.lines("short", width: 50) == ["short"])
        #expect(CaptionBand.lines("", width: 50).isEmpty)
    }
}

import Foundation
