import Testing
import KubesimTestSupport
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// The node map a projector shows: which pod is where, in what state, and who replaced whom.
@Suite struct NodeMapTests {
    /// The Nodes pane's lines (its box) from a frame.
    static func mapLines(_ frame: String) -> [String] {
        let lines = frame.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(where: { $0.contains("1 Nodes") }) else { return [] }
        let end = lines[(start + 1)...].firstIndex { $0.contains("└") } ?? start
        return Array(lines[start...end])
    }

    @Test func tilesCarryPodSuffixesAndNodesComeInNaturalOrder() throws {
        let session = Session(cluster: Cluster(seed: 1, nodes: 10))
        let dashboard = Dashboard(session: session, theme: try themeLibrary.load("default"))
        DemoDeployment.create(in: session.cluster)
        session.execute("kubectl scale deployment/hello-kiamol-2 --replicas=12")
        dashboard.tick(realElapsed: .seconds(30))
        let map = Self.mapLines(dashboard.frameText(160, 50))
        #expect(snapshotMismatch(map.joined(separator: "\n"), named: "node-map-10-nodes") == nil)
        let text = map.joined(separator: "\n")
        let order = ["node-1 ", "node-2 ", "node-9 ", "node-10 "].map { text.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        for pod in dashboard.podNames { #expect(text.contains("■" + pod.suffix(5)), "\(pod)") }
        // Requests make the bars move: each node carries at least one pod of 100m.
        #expect(text.contains("0.1/4") || text.contains("0.2/4"))
    }

    @Test func killedAndNewPodsAreToldApartOnTheMap() throws {
        let dashboard = try demoDashboard()
        let victim = dashboard.podNames[0]
        dashboard.press(.character("x"))
        dashboard.tick(realElapsed: .seconds(1))
        let frame = dashboard.render(width: 120, height: 40)
        let theme = dashboard.theme
        let dying = try #require(frame.find("▒" + victim.suffix(5)))
        #expect(frame[dying.x + 1, dying.y].style.foreground == theme[.terminating].foreground)
        let replacement = try #require(dashboard.cluster.store.list(Pod.self).max { $0.metadata.creationTimestamp < $1.metadata.creationTimestamp }?.name)
        #expect(replacement != victim)
        // On the map (above the Deployments pane), the new tile's glyph glows.
        let fresh = try #require(["◌", "◐", "□", "■"].lazy.compactMap { frame.find($0 + replacement.suffix(5)) }.first)
        #expect(fresh.y < frame.find("2 Deployments")!.y)
        #expect(frame[fresh.x, fresh.y].style == theme[.new])
        #expect(frame.text.contains("▒ terminating"))
    }

    @Test func anOrphanIsMarkedOnTheMap() throws {
        let dashboard = try demoDashboard()
        let pod = dashboard.podNames[1]
        dashboard.session.execute("kubectl label pod \(pod) app=debug --overwrite")
        dashboard.tick(realElapsed: .seconds(10))
        let frame = dashboard.render(width: 120, height: 40)
        let tile = try #require(frame.find("◇" + pod.suffix(5)))
        #expect(frame[tile.x, tile.y].style.foreground == dashboard.theme[.orphan].foreground)
        #expect(frame.text.contains("◇ orphan"))
    }

    /// A cordoned node's status is too long for a narrow card's first line: it gets a line of
    /// its own, and the card still shows what the node's pods request and the pods themselves.
    @Test func aNarrowCordonedCardKeepsItsFiguresAndTiles() throws {
        let session = Session(cluster: Cluster(seed: 1, nodes: 4))
        let dashboard = Dashboard(session: session, theme: try themeLibrary.load("default"))
        DemoDeployment.create(in: session.cluster)
        dashboard.tick(realElapsed: .seconds(20))
        let node = try #require(dashboard.cluster.store.list(Pod.self).first { $0.metadata.namespace == "default" && $0.isScheduled }?.spec.nodeName)
        session.execute("kubectl cordon \(node)")
        dashboard.tick(realElapsed: .seconds(1))
        // Rows as columns of characters (tiles are multi-byte, so string indices do not line up).
        let map = Self.mapLines(dashboard.frameText(120, 40)).map(Array.init)
        let status = Array("Ready,SchedulingDisabled")
        let statusRow = try #require(map.firstIndex { row in row.indices.contains { row[$0...].starts(with: status) } })
        let column = try #require(map[statusRow].indices.first { map[statusRow][$0...].starts(with: status) })
        #expect(String(map[statusRow + 1][column...]).hasPrefix("cpu "), "\(map.map { String($0) }.joined(separator: "\n"))")
        let onNode = dashboard.cluster.store.pods(onNode: node).map { String($0.name.suffix(5)) }
        #expect(!onNode.isEmpty)
        let text = map.map { String($0) }.joined(separator: "\n")
        for suffix in onNode { #expect(text.contains("■" + suffix), "\(suffix)") }
        // At 80 columns three cards leave a status line no room for its indent: it gives up the
        // indent rather than its last letter.
        let small = Dashboard(session: Session(cluster: Cluster(seed: 1, nodes: 3)), theme: try themeLibrary.load("default"))
        small.session.execute("kubectl cordon node-2")
        small.tick(realElapsed: .seconds(1))
        #expect(Self.mapLines(small.frameText(80, 24)).joined().contains("Ready,SchedulingDisabled"))
    }

    @Test func zoomCyclesFromManySmallToFewLarge() throws {
        let dashboard = try demoDashboard()
        let pod = dashboard.podNames[0]
        #expect(dashboard.mapZoom == .tiles)
        dashboard.press(.character("z"))
        #expect(dashboard.mapZoom == .large)
        let large = Self.mapLines(dashboard.frameText()).joined(separator: "\n")
        #expect(large.contains("■" + pod.suffix(5) + " Running"))
        #expect(large.contains("cpu ▮"))
        dashboard.press(.character("z"))
        #expect(dashboard.mapZoom == .blocks)
        let blocks = Self.mapLines(dashboard.frameText()).joined(separator: "\n")
        #expect(!blocks.contains(String(pod.suffix(5))))
        #expect(blocks.contains("■"))
        dashboard.press(.character("z"))
        #expect(dashboard.mapZoom == .tiles)
    }

    @Test func naturalOrderCountsDigitRunsAsNumbers() {
        let names = ["node-10", "node-2", "node-1", "a", "node-02", "node-100000000000000000000000", "node-9"]
        #expect(names.sorted(by: NaturalOrder.less) == ["a", "node-1", "node-2", "node-02", "node-9", "node-10", "node-100000000000000000000000"])
    }
}
