import Foundation
import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// The highlight stays on the object the presenter chose, so the next `x` kills that pod.
@Suite struct SelectionTests {
    /// A manifest with one bare pod whose name sorts before the demo's pods.
    static func podManifest(named name: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-\(UUID().uuidString).yaml")
        try """
            apiVersion: v1
            kind: Pod
            metadata: {name: \(name)}
            spec:
              containers: [{name: web, image: nginx:1.27}]
            """.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test func selectionSurvivesAnApplyThatInsertsARowAbove() throws {
        let dashboard = try demoDashboard()
        _ = dashboard.render(width: 120, height: 40)
        let chosen = try #require(dashboard.selectedName())
        #expect(chosen == dashboard.podNames[0])
        let file = try Self.podManifest(named: "aaa-first")
        defer { try? FileManager.default.removeItem(atPath: file) }
        dashboard.press(.character(":"))
        dashboard.type("apply -f \(file)")
        dashboard.press(.enter)
        dashboard.tick(realElapsed: .seconds(2))
        _ = dashboard.render(width: 120, height: 40)
        #expect(dashboard.rowNames(.pods).first == "aaa-first")
        #expect(dashboard.selectedName() == chosen)
        // The highlighted row in the frame is the chosen pod's.
        let frame = dashboard.render(width: 120, height: 40)
        let row = try #require(frame.find(chosen))
        #expect(frame[row.x, row.y].style == dashboard.theme[.selection])
        dashboard.press(.character("x"))
        #expect(dashboard.cluster.store.get(Pod.self, chosen, namespace: "default")?.isTerminating == true)
        #expect(dashboard.cluster.store.get(Pod.self, "aaa-first", namespace: "default")?.isTerminating == false)
    }

    @Test func selectionSurvivesARelabelAndTheReplacementItBrings() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.down)
        let chosen = try #require(dashboard.selectedName())
        let other = dashboard.podNames.first { $0 != chosen }!
        dashboard.press(.character(":"))
        dashboard.type("label pod \(other) app=debug --overwrite")
        dashboard.press(.enter)
        dashboard.tick(realElapsed: .seconds(10))
        _ = dashboard.render(width: 120, height: 40)
        #expect(dashboard.podNames.count == 4) // the replacement came
        #expect(dashboard.selectedName() == chosen)
        dashboard.press(.character("x"))
        #expect(dashboard.cluster.store.get(Pod.self, chosen, namespace: "default")?.isTerminating == true)
        #expect(dashboard.cluster.store.list(Pod.self).filter(\.isTerminating).count == 1)
    }

    @Test func whenTheSelectedPodGoesTheNeighbourIsSelectedAndTheStatusSaysSo() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.down)
        let chosen = try #require(dashboard.selectedName())
        _ = dashboard.render(width: 120, height: 40)
        // Removed behind the presenter's back (another terminal, a scenario).
        dashboard.session.execute("kubectl delete pod \(chosen) --grace-period=0 --force")
        #expect(dashboard.cluster.store.get(Pod.self, chosen, namespace: "default") == nil)
        // A destructive key pressed before the screen showed the change does nothing.
        let before = dashboard.cluster.store.list(Pod.self).filter(\.isTerminating).count
        dashboard.press(.character("x"))
        #expect(dashboard.cluster.store.list(Pod.self).filter(\.isTerminating).count == before)
        let neighbour = try #require(dashboard.selectedName())
        #expect(neighbour != chosen)
        #expect(dashboard.status?.text == "pod/\(chosen) is gone; selection moved to pod/\(neighbour)")
        // Once the frame shows the new highlight, keys act on it.
        _ = dashboard.render(width: 120, height: 40)
        dashboard.press(.character("x"))
        #expect(dashboard.cluster.store.get(Pod.self, neighbour, namespace: "default")?.isTerminating == true)
    }
}
