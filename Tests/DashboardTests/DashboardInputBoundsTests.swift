import Testing
@testable import Dashboard

/// What users hand the dashboard (theme files, cluster sizes) cannot crash it.
@Suite struct DashboardInputBoundsTests {
    /// The node map's resource bars stay within their width whatever the requests: a pod bound
    /// by `spec.nodeName` skips the scheduler's fit check, so it may ask 8Ei of a 1m node.
    @Test func barsClampInsteadOfTrapping() {
        #expect(NodeMapView.bar(.max, of: 1, width: 6) == "▮▮▮▮▮▮")
        #expect(NodeMapView.bar(1, of: .max, width: 6) == "▮▯▯▯▯▯")
        #expect(NodeMapView.bar(2, of: 4, width: 6) == "▮▮▮▯▯▯")
        #expect(NodeMapView.bar(5, of: 0, width: 6) == "▯▯▯▯▯▯")
    }

    @Test func anAliasBombInAThemeIsAnError() {
        var lines = ["name: bomb", "description: nine levels of nine aliases", "x:", "  a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            lines.append("  \(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
            previous = name
        }
        #expect(throws: ThemeError("bomb.yaml: expected valid YAML, got document contains excessive aliasing")) {
            try ThemeParser.parse(lines.joined(separator: "\n"), file: "bomb.yaml")
        }
    }
}
