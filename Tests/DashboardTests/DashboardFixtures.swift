import Foundation
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// The shipped themes, found from this file's location.
let themeLibrary = ThemeLibrary(directory: URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes"))

/// A dashboard over the demo cluster (`kubesim --seed N`): three nodes and hello-kiamol-2 at 3
/// replicas (with requests) created at time zero, advanced `seconds` of virtual time.
func demoDashboard(seed: UInt64 = 1, seconds: Double = 20, empty: Bool = false) throws -> Dashboard {
    let session = Session(cluster: Cluster(seed: seed))
    let dashboard = Dashboard(session: session, theme: try themeLibrary.load("default"), themes: themeLibrary)
    if !empty { DemoDeployment.create(in: session.cluster) }
    dashboard.tick(realElapsed: .seconds(seconds))
    return dashboard
}

extension Dashboard {
    func press(_ keys: Key...) { for key in keys { handle(key) } }

    func type(_ text: String) { for c in text { handle(.character(c)) } }

    func frameText(_ width: Int = 120, _ height: Int = 40) -> String { render(width: width, height: height).text }

    /// Pod names in the store, sorted.
    var podNames: [String] { cluster.store.list(Pod.self).map(\.name) }
}

extension Frame {
    /// The cell where `text` first appears, searching row by row.
    func find(_ text: String) -> (x: Int, y: Int)? {
        let lines = self.text.split(separator: "\n", omittingEmptySubsequences: false)
        for (y, line) in lines.enumerated() {
            if let range = line.range(of: text) { return (line.distance(from: line.startIndex, to: range.lowerBound), y) }
        }
        return nil
    }
}
