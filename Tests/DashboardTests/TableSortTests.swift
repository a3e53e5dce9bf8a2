import Testing
import KubesimTestSupport
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// k9s' column sort: Shift and a column's letter sorts the focused table, the same key again
/// reverses it, the heading marks the column and direction, equal values stay in name order,
/// and a filter keeps the order.
@Suite struct TableSortTests {
    /// Four pods that differ in every column, put straight into the store (no controller or
    /// kubelet touches them while the clock stands still; the header's counts, kept from the
    /// watch, do not see them):
    ///
    ///     NAME   READY  STATUS   RESTARTS  AGE (made at)  NODE
    ///     a-pod  1/1    Running  0         10 s           node-3
    ///     b-pod  0/1    Pending  3         30 s           node-1
    ///     c-pod  1/1    Running  5         20 s           node-2
    ///     d-pod  0/1    Evicted  0         20 s           node-10
    static func dashboard() throws -> Dashboard {
        let cluster = Cluster(seed: 1, nodes: 12)
        func put(_ name: String, ready: Bool, status: String, restarts: Int, madeAt seconds: Int64, node: String) {
            var pod = Pod(metadata: ObjectMeta(name: name), spec: PodSpec(containers: [Container(name: "web", image: "nginx:1.25")]))
            pod.metadata.uid = "uid-\(name)"
            pod.metadata.creationTimestamp = SimTime(milliseconds: seconds * 1000)
            pod.spec.nodeName = node
            switch status {
            case "Running":
                pod.status.phase = "Running"
                var container = ContainerStatus(name: "web", image: "nginx:1.25", state: .running(startedAt: pod.metadata.creationTimestamp))
                container.ready = ready
                container.restartCount = restarts
                pod.status.containerStatuses = [container]
            case "Evicted":
                pod.status.phase = "Failed"
                pod.status.reason = "Evicted"
            default:
                var container = ContainerStatus(name: "web", image: "nginx:1.25", state: .waiting(reason: ""))
                container.restartCount = restarts
                pod.status.containerStatuses = [container]
            }
            cluster.store.pods.put(pod)
        }
        cluster.advance(by: .seconds(40))
        put("a-pod", ready: true, status: "Running", restarts: 0, madeAt: 10, node: "node-3")
        put("b-pod", ready: false, status: "Pending", restarts: 3, madeAt: 30, node: "node-1")
        put("c-pod", ready: true, status: "Running", restarts: 5, madeAt: 20, node: "node-2")
        put("d-pod", ready: false, status: "Evicted", restarts: 0, madeAt: 20, node: "node-10")
        let dashboard = Dashboard(session: Session(cluster: cluster), theme: try themeLibrary.load("default"))
        dashboard.press(.character("4"))
        return dashboard
    }

    /// The Pods table's rows, as names without the `-pod` suffix.
    static func rows(_ dashboard: Dashboard) -> String {
        dashboard.rowNames(.pods).map { String($0.prefix(1)) }.joined()
    }

    @Test(arguments: [
        // key, ascending, descending (ties stay in name order both ways)
        ("M", "dcba", "abcd"),
        ("A", "bcda", "acdb"),
        ("S", "dbac", "acbd"),
        ("R", "bdac", "acbd"),
        ("T", "adbc", "cbad"),
        ("O", "bcad", "dacb"),
    ])
    func eachKeySortsAndTheSameKeyAgainReverses(key: Character, first: String, second: String) throws {
        let dashboard = try Self.dashboard()
        #expect(Self.rows(dashboard) == "abcd")
        let column = try #require(SortColumn(key: key, pane: .pods))
        dashboard.press(.character(key))
        #expect(Self.rows(dashboard) == first)
        dashboard.press(.character(key))
        #expect(Self.rows(dashboard) == second)
        // The heading marks the column and the direction, name order again included (the
        // second M); the status line says it.
        let header = try #require(dashboard.frameText().split(separator: "\n").first { $0.contains("NAME") && $0.contains("STATUS") })
        let mark = column == .name ? "↑" : "↓"
        #expect(header.contains(column.header + mark))
        #expect(header.filter { $0 == "↑" || $0 == "↓" }.count == 1)
        #expect(dashboard.status?.text.hasPrefix("Pods by \(column.header) \(mark)") == true)
    }

    @Test func nodesSortInNaturalOrderAndTheHeadingShowsTheMark() throws {
        let dashboard = try Self.dashboard()
        dashboard.press(.character("O"))
        let frame = dashboard.frameText()
        #expect(frame.contains("NODE↑"))
        #expect(snapshotMismatch(frame, named: "pods-sorted-by-node-120x40") == nil)
    }

    @Test func aFilterKeepsTheSortAndASortKeepsTheFilter() throws {
        let dashboard = try Self.dashboard()
        dashboard.press(.character("T"), .character("T"))
        dashboard.press(.character("/"))
        dashboard.type("running")
        dashboard.press(.enter)
        #expect(Self.rows(dashboard) == "ca")
        #expect(dashboard.frameText().contains("4 Pods /running (2)"))
        dashboard.press(.character("A"))
        #expect(Self.rows(dashboard) == "ca")
        dashboard.press(.character("A"))
        #expect(Self.rows(dashboard) == "ac")
        // Esc clears the filter; the sort stays.
        dashboard.press(.escape)
        #expect(Self.rows(dashboard) == "acdb")
    }

    @Test func theHighlightStaysOnItsPodWhenTheOrderChanges() throws {
        let dashboard = try Self.dashboard()
        dashboard.press(.down, .down)
        #expect(dashboard.selectedName() == "c-pod")
        dashboard.press(.character("O"))
        _ = dashboard.frameText()
        #expect(dashboard.selectedName() == "c-pod")
        dashboard.press(.down)
        #expect(dashboard.selectedName() == "a-pod")
    }

    @Test func theCommandLineSortsAsTheKeysDo() throws {
        let dashboard = try Self.dashboard()
        dashboard.press(.character(":"))
        dashboard.type("sort node")
        dashboard.press(.enter)
        #expect(Self.rows(dashboard) == "bcad")
        dashboard.press(.character("O"))
        #expect(Self.rows(dashboard) == "dacb")
        dashboard.press(.character(":"))
        dashboard.type("sort name")
        dashboard.press(.enter)
        #expect(Self.rows(dashboard) == "abcd")
        #expect(dashboard.sorts[.pods] == .byName)
        #expect(dashboard.frameText().contains("NAME↑"))
        dashboard.press(.character(":"))
        dashboard.type("sort ip")
        dashboard.press(.enter)
        #expect(dashboard.status == StatusMessage(text: "Pods sort by name, ready, status, restarts, age, node", isError: true, at: dashboard.cluster.now))
        // A bare `sort` is a question: the same answer, not an error, and no panel.
        dashboard.press(.character(":"))
        dashboard.type("sort")
        dashboard.press(.enter)
        #expect(dashboard.status == StatusMessage(text: "Pods sort by name, ready, status, restarts, age, node", isError: false, at: dashboard.cluster.now))
        guard case .normal = dashboard.mode else { Issue.record("a panel opened: \(dashboard.mode)"); return }
    }

    /// k9s' own command words at the `:` prompt: `help` shows the keys, `q` quits.
    @Test func theCommandBarKnowsK9sQuitAndHelp() throws {
        let dashboard = try Self.dashboard()
        dashboard.press(.character(":"))
        dashboard.type("help")
        dashboard.press(.enter)
        guard case .overlay(let help) = dashboard.mode else { Issue.record("no help: \(dashboard.mode)"); return }
        #expect(help.title == "Help")
        #expect(!dashboard.shouldQuit)
        dashboard.press(.escape)
        for word in ["q", "quit"] {
            let fresh = try Self.dashboard()
            fresh.press(.character(":"))
            fresh.type(word)
            fresh.press(.enter)
            #expect(fresh.shouldQuit, "\(word)")
            #expect(fresh.status == nil, "\(word) went to kubectl: \(String(describing: fresh.status))")
        }
    }

    /// Other tables sort by name and age; Deployments keep R (restart) and T (traffic), and
    /// Events stay newest first.
    @Test func otherTablesSortByNameAndAge() throws {
        let dashboard = try demoDashboard(seconds: 5)
        dashboard.run("kubectl create deployment zz-first --image=nginx:1.25 --replicas=0")
        dashboard.tick(realElapsed: .seconds(2))
        dashboard.run("kubectl create deployment aa-last --image=nginx:1.25 --replicas=0")
        dashboard.press(.character("2"))
        #expect(dashboard.rowNames(.deployments) == ["aa-last", "hello-kiamol-2", "zz-first"])
        dashboard.press(.character("A"))
        #expect(dashboard.rowNames(.deployments) == ["aa-last", "zz-first", "hello-kiamol-2"])
        // M from another column is name order; again, the reverse.
        dashboard.press(.character("M"))
        #expect(dashboard.rowNames(.deployments) == ["aa-last", "hello-kiamol-2", "zz-first"] && dashboard.sorts[.deployments] == .byName)
        dashboard.press(.character("M"))
        #expect(dashboard.rowNames(.deployments) == ["zz-first", "hello-kiamol-2", "aa-last"])
        dashboard.press(.character("R"), .character("T"))
        #expect(dashboard.sorts[.deployments] == TableSort(column: .name, descending: true))
        let events = dashboard.rowNames(.events)
        dashboard.press(.character("5"), .character("A"), .character("M"))
        #expect(dashboard.sorts[.events] == nil && dashboard.rowNames(.events) == events)
    }
}
