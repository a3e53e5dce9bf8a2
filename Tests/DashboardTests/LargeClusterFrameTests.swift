import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// Frames of a cluster at Kubernetes' documented limits, 5,000 nodes and 150,000 pods: the node
/// map aggregates, the tables scroll to the end and the selection holds. The pods are put
/// straight into the store (the controllers would take minutes in a debug build) as copies of
/// one pod the controllers made, so each row is a real pod's.
@Suite(.serialized) struct LargeClusterFrameTests {
    static let nodeCount = 5000
    static let podCount = 150_000

    /// Built once for the suite, with one dashboard (a view watches its cluster for as long as
    /// the cluster lives); each test puts back what it changed.
    nonisolated(unsafe) static let shared: (cluster: Cluster, names: [String], dashboard: Dashboard) = {
        let (cluster, names) = try! largeCluster()
        return (cluster, names, try! Dashboard(session: Session(cluster: cluster), theme: themeLibrary.load("default")))
    }()

    /// The cluster, and the pods' names in name order.
    static func largeCluster() throws -> (Cluster, [String]) {
        let cluster = Cluster(seed: 1, nodes: nodeCount)
        let session = Session(cluster: cluster)
        session.execute("kubectl create deployment app --image=nginx:1.25 --replicas=1")
        #expect(cluster.advance(until: { cluster.store.list(Pod.self).first?.isReady == true }, timeout: .seconds(60)))
        let model = try #require(cluster.store.list(Pod.self).first)
        let base = String(model.name.dropLast(5))
        var names = [model.name]
        for i in 1..<podCount {
            var pod = model
            let number = String(i)
            pod.metadata.name = base + String(repeating: "0", count: 6 - number.count) + number
            pod.metadata.uid = "large-\(i)"
            pod.spec.nodeName = "node-\(i % nodeCount + 1)"
            cluster.store.pods.put(pod)
            names.append(pod.metadata.name)
        }
        return (cluster, names.sorted())
    }

    @Test func theNodeMapShowsEveryNodeAsACellOfItsWorstPodState() throws {
        let (cluster, _, dashboard) = Self.shared
        // One node fails: its pods stay bound to it, and its cell shows it is down.
        try cluster.store.modify(Node.self, "node-2") { node in
            node.status.conditions = node.status.conditions.map { condition in
                var condition = condition
                if condition.type == "Ready" { condition.status = "Unknown" }
                return condition
            }
        }
        let frame = dashboard.render(width: 200, height: 60)
        let map = NodeMapTests.mapLines(frame.text)
        let text = map.joined(separator: "\n")
        // 196 × 15 cells for 5,000 nodes: a cell per 2 nodes, in the nodes' order.
        #expect(text.contains("5000 nodes, a cell per 2 nodes, worst pod state · Z zooms in"))
        #expect(text.contains("\(cluster.store.count(Pod.self)) ready"))
        #expect(frame.text.contains("nodes 4999/5000 Ready"))
        let firstRow = map[1]
        // node-1 and node-2 share the first cell: down. Every other node's pods are ready.
        #expect(firstRow.hasPrefix("││ ✗■■■■"))
        #expect(map.dropFirst().dropLast().joined().filter { $0 == "■" }.count == Self.nodeCount / 2 - 1)
        try cluster.store.modify(Node.self, "node-2") { node in
            node.status.conditions = node.status.conditions.map { condition in
                var condition = condition
                if condition.type == "Ready" { condition.status = "True" }
                return condition
            }
        }
        #expect(!text.contains("node-1 "), "no cards: the map aggregates")

        // Z zooms into the selected node's region: cards again; Esc back to the whole cluster.
        dashboard.press(.character("1"), .character("Z"))
        let zoomed = NodeMapTests.mapLines(dashboard.frameText(200, 60)).joined(separator: "\n")
        #expect(zoomed.contains("node-1 ") && zoomed.contains("5000 nodes, ↑↓ to scroll"))
        dashboard.press(.escape)
        #expect(NodeMapTests.mapLines(dashboard.frameText(200, 60)).joined(separator: "\n").contains("a cell per 2 nodes"))
    }

    @Test func thePodsTableScrollsToTheEndAndTheSelectionHolds() throws {
        let (cluster, names, dashboard) = Self.shared
        dashboard.press(.character("4"), .character("G"))
        let last = try #require(names.last)
        #expect(dashboard.selectedName() == last)
        #expect(names.count == Self.podCount)
        let frame = dashboard.frameText(200, 60)
        #expect(frame.contains(last))
        #expect(!frame.contains(names[0]), "only the rows around the selection are on screen")
        dashboard.press(.up, .up)
        let chosen = names[names.count - 3]
        #expect(dashboard.selectedName() == chosen)
        // A pod named before it appears (through the watch): the highlight stays on the same pod.
        var newcomer = try #require(cluster.store.list(Pod.self).first)
        newcomer.metadata.name = "aaa-first"
        newcomer.metadata.uid = ""
        newcomer.metadata.resourceVersion = ""
        try cluster.store.create(newcomer)
        _ = dashboard.render(width: 200, height: 60)
        #expect(dashboard.selectedName() == chosen)
        #expect(dashboard.frameText(200, 60).contains(chosen))

        // A filter over all 150,001 rows: the last pods by name (a name match), then Esc.
        dashboard.press(.character("/"))
        dashboard.type(String(last.suffix(6)))
        dashboard.press(.enter)
        let filtered = dashboard.frameText(200, 60)
        #expect(filtered.contains("4 Pods /\(last.suffix(6)) (1)"))
        #expect(dashboard.selectedName() == last)
        dashboard.press(.escape)
        try cluster.store.delete(Pod.self, "aaa-first", namespace: "default", gracePeriodSeconds: 0)
    }

    /// `/` over 150,000 rows matches each row's text (a column here, NODE) and gives the rows
    /// in name order; a pod that changes is searched as it now reads.
    @Test func aFilterOverEveryPodGivesTheRowsWhoseTextMatches() throws {
        let (cluster, names, dashboard) = Self.shared
        dashboard.press(.character("4"), .character("/"))
        dashboard.type("node-4999")
        dashboard.press(.enter)
        let onNode = names.filter { cluster.store.get(Pod.self, $0, namespace: "default")?.spec.nodeName == "node-4999" }
        #expect(onNode.count == Self.podCount / Self.nodeCount)
        #expect(dashboard.rowNames(.pods) == onNode)

        // One pod is evicted: a filter on its new STATUS finds it, and only it.
        let evicted = names[names.count / 2]
        let before = try #require(cluster.store.get(Pod.self, evicted, namespace: "default"))
        try cluster.store.modify(Pod.self, evicted, namespace: "default") { pod in
            pod.status.phase = "Failed"
            pod.status.reason = "Evicted"
        }
        dashboard.press(.escape, .character("/"))
        dashboard.type("evicted")
        dashboard.press(.enter)
        #expect(dashboard.rowNames(.pods) == [evicted])
        _ = try cluster.store.modify(Pod.self, evicted, namespace: "default") { $0.status = before.status }
        dashboard.press(.escape)
    }

    /// Sorted by NODE (natural order, ties in name order), 150,000 rows scroll to the end; the
    /// same key again reverses; a filter keeps the order.
    @Test func podsSortedByNodeScrollToTheEnd() throws {
        let (cluster, names, dashboard) = Self.shared
        // Pods of node-1 and node-5000 in name order (`names` is), found by one pass over the store.
        var onFirst: [String] = [], onLast: [String] = []
        for name in names {
            switch cluster.store.get(Pod.self, name, namespace: "default")?.spec.nodeName {
            case "node-1": onFirst.append(name)
            case "node-5000": onLast.append(name)
            default: break
            }
        }
        dashboard.press(.character("4"), .character("O"), .character("G"))
        #expect(dashboard.selectedName() == onLast.last)
        let frame = dashboard.frameText(200, 60)
        #expect(frame.contains("NODE↑") && frame.contains(onLast.last!))
        dashboard.press(.character("g"))
        #expect(dashboard.selectedName() == onFirst.first)
        // Descending: node-5000 first, ties still in name order.
        dashboard.press(.character("O"), .character("g"))
        #expect(dashboard.selectedName() == onLast.first)
        dashboard.press(.character("G"))
        #expect(dashboard.selectedName() == onFirst.last)
        #expect(dashboard.frameText(200, 60).contains("NODE↓"))
        dashboard.press(.character("/"))
        dashboard.type("node-5000")
        dashboard.press(.enter)
        #expect(dashboard.rowNames(.pods) == onLast)
        dashboard.press(.escape, .character(":"))
        dashboard.type("sort name")
        dashboard.press(.enter)
        #expect(dashboard.rowNames(.pods) == names)
    }

    /// After a namespace switch and back, the pods are in name order, with one made meanwhile
    /// in its place.
    @Test func podsStayInNameOrderAcrossANamespaceSwitch() throws {
        let (cluster, names, dashboard) = Self.shared
        dashboard.press(.character("4"))
        #expect(dashboard.rowNames(.pods) == names)
        _ = dashboard.run("kubectl create namespace elsewhere")
        dashboard.press(.character(":"))
        dashboard.type("ns elsewhere")
        dashboard.press(.enter)
        #expect(dashboard.rowNames(.pods).isEmpty)
        var newcomer = try #require(cluster.store.get(Pod.self, names[0], namespace: "default"))
        newcomer.metadata.name = names[1000] + "a"
        newcomer.metadata.uid = ""
        newcomer.metadata.resourceVersion = ""
        try cluster.store.create(newcomer)
        dashboard.press(.character(":"))
        dashboard.type("ns default")
        dashboard.press(.enter)
        let shown = dashboard.rowNames(.pods)
        #expect(shown.count == names.count + 1)
        #expect(shown[1001] == newcomer.metadata.name && Array(shown[..<1001]) == Array(names[..<1001]) && Array(shown[1002...]) == Array(names[1001...]))
        try cluster.store.delete(Pod.self, newcomer.metadata.name, namespace: "default", gracePeriodSeconds: 0)
    }
}
