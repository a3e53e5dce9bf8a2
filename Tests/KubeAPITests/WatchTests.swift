import Cluster
import Commands
import Testing
@testable import KubeAPI

/// Watches: replay from a resourceVersion, 410 past the history, initial events and bookmarks,
/// selectors that objects move in and out of, Table watches, and streams that end.
@Suite struct WatchTests {
    func webCluster(replicas: Int = 2) throws -> APICluster {
        let c = try APICluster()
        #expect(c.run("kubectl create deployment web --image=nginx:1.27 --replicas=\(replicas)").stderr == "")
        c.advance(30)
        return c
    }

    var pods: String { "/api/v1/namespaces/default/pods" }

    @Test func watchFromAVersionReplaysLaterChangesThenStreamsLiveOnes() throws {
        let c = try webCluster()
        let rv = c.store.currentResourceVersion
        let victim = c.store.list(Pod.self, namespace: "default")[0].name
        try c.store.delete(Pod.self, victim, namespace: "default", gracePeriodSeconds: 0)
        c.advance(1)
        let (_, sink) = try c.watch("\(pods)?watch=true&resourceVersion=\(rv)")
        #expect(sink.summary.first == "DELETED \(victim)")
        let replayed = sink.events.count
        // What was replayed is every change to default's pods after rv, in order.
        let expectedVersions = c.api.watches.history.changes(after: rv)
            .filter { $0.event.kind == .pod && $0.event.object.metadata.namespace == "default" }
            .map { String($0.resourceVersion) }
        #expect(sink.events.map { $0["object"]?["metadata"]?["resourceVersion"]?.text ?? "" } == expectedVersions)

        #expect(c.run("kubectl scale deployment web --replicas=3").stderr == "")
        c.advance(20)
        let live = Array(sink.events.dropFirst(replayed))
        #expect(live.first?["type"] == .string("ADDED"))
        #expect(live.allSatisfy { $0["object"]?["kind"] == .string("Pod") })
        // Each event's object is the stored object at that version.
        let last = try #require(sink.events.last?["object"])
        let name = try #require(last["metadata"]?["name"]?.text)
        if let stored = c.store.get(Pod.self, name, namespace: "default"), stored.metadata.resourceVersion == last["metadata"]?["resourceVersion"]?.text {
            #expect(last == ObjectEncoder.encode(stored))
        }
        #expect(sink.lines.allSatisfy { $0.hasSuffix("}\n") && !$0.dropLast().contains("\n") })
    }

    @Test func aVersionOlderThanTheHistoryIsExpired() throws {
        let c = try webCluster()
        let rv = c.store.currentResourceVersion
        c.api.watches.historyLimit = 3
        for i in 0..<5 { _ = try c.store.modify(Deployment.self, "web", namespace: "default") { $0.metadata.annotations["n"] = "\(i)" } }
        let oldest = c.api.watches.history.coveredFrom
        #expect(oldest > rv)
        let (_, sink) = try c.watch("\(pods)?watch=true&resourceVersion=\(rv)")
        #expect(sink.types == ["ERROR"])
        let status = try #require(sink.events.first?["object"])
        #expect(status["kind"] == .string("Status"))
        #expect(status["code"] == .int(410))
        #expect(status["reason"] == .string("Expired"))
        #expect(status["message"] == .string("too old resource version: \(rv) (\(oldest))"))
        #expect(sink.finished)
        #expect(c.api.watches.watchCount == 0)
        // From the oldest kept version it still works.
        let (_, fresh) = try c.watch("\(pods)?watch=true&resourceVersion=\(oldest)")
        #expect(!fresh.types.contains("ERROR"))
        #expect(c.api.watches.watchCount == 1)
    }

    @Test func theHistoryStaysBoundedOverManyWrites() throws {
        let c = try webCluster()
        c.api.watches.historyLimit = 50
        let start = c.store.currentResourceVersion
        for i in 0..<2_000 { _ = try c.store.modify(Deployment.self, "web", namespace: "default") { $0.metadata.annotations["n"] = "\(i)" } }
        let history = c.api.watches.history
        // Only the last 50 changes are kept, however many were written.
        #expect(history.count == 50)
        #expect(history.changes(after: 0).count == 50)
        #expect(history.coveredFrom == c.store.currentResourceVersion - 50)
        // A list at a compacted version is refused as the API server refuses it…
        let exact = c.get("\(pods)?resourceVersion=\(start + 1)&resourceVersionMatch=Exact")
        #expect(exact.status == 410)
        let status = try JSONParser.parse(exact.body)
        #expect(status["reason"] == .string("Expired"))
        #expect(status["message"] == .string("too old resource version: \(start + 1) (\(history.coveredFrom))"))
        // …and a watch from it gets the ERROR event a reflector relists on.
        let (_, sink) = try c.watch("\(pods)?watch=true&resourceVersion=\(start + 1)")
        #expect(sink.types == ["ERROR"])
        #expect(sink.events.first?["object"]?["code"] == .int(410))
    }

    @Test func watchWithoutAVersionStartsWithTheCurrentObjects() throws {
        let c = try webCluster(replicas: 3)
        let names = c.store.list(Pod.self, namespace: "default").map(\.name)
        for rv in ["", "&resourceVersion=0"] {
            let (_, sink) = try c.watch("\(pods)?watch=true\(rv)")
            #expect(sink.summary == names.map { "ADDED \($0)" })
        }
        let (_, bookmarked) = try c.watch("\(pods)?watch=true&allowWatchBookmarks=true")
        #expect(bookmarked.types == Array(repeating: "ADDED", count: 3) + ["BOOKMARK"])
        let bookmark = try #require(bookmarked.events.last?["object"])
        #expect(bookmark["kind"] == .string("Pod"))
        #expect(bookmark["apiVersion"] == .string("v1"))
        #expect(bookmark["metadata"] == .object([("resourceVersion", .string(String(c.store.currentResourceVersion)))]))
        #expect(bookmark["spec"] == nil)
    }

    @Test func watchListEndsItsInitialEventsWithAnAnnotatedBookmark() throws {
        let c = try webCluster(replicas: 2)
        let (_, sink) = try c.watch("\(pods)?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=30")
        #expect(sink.types == ["ADDED", "ADDED", "BOOKMARK"])
        let end = try #require(sink.events.last?["object"]?["metadata"])
        #expect(end["annotations"]?["k8s.io/initial-events-end"] == .string("true"))
        #expect(end["resourceVersion"] == .string(String(c.store.currentResourceVersion)))
        // Then live changes.
        #expect(c.run("kubectl scale deployment web --replicas=3").stderr == "")
        c.advance(1)
        #expect(sink.types.dropFirst(3).first == "ADDED")

        // Without bookmarks or with another match the request is refused before streaming.
        #expect(throws: WatchRefused.self) { try c.watch("\(pods)?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan") }
        do {
            _ = try c.watch("\(pods)?watch=true&sendInitialEvents=true&allowWatchBookmarks=true")
            Issue.record("accepted")
        } catch let refused as WatchRefused {
            #expect(refused.response?.status == 422)
            let status = try JSONParser.parse(refused.response?.body ?? [])
            #expect(status["message"] == .string(#"ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"#))
            #expect(status["details"]?["causes"]?.items.first?["field"] == .string("resourceVersionMatch"))
        }
        do {
            _ = try c.watch("\(pods)?watch=true&labelSelector=a%3D%3D%3Db")
            Issue.record("accepted")
        } catch let refused as WatchRefused {
            #expect(refused.response?.status == 400)
        }
    }

    @Test func timeoutSecondsReachesTheStream() throws {
        let c = try webCluster(replicas: 1)
        let (stream, _) = try c.watch("\(pods)?watch=true&timeoutSeconds=42")
        #expect(stream.timeoutSeconds == 42)
        #expect(stream.head.status == 200)
        let (plain, _) = try c.watch("\(pods)?watch=true")
        #expect(plain.timeoutSeconds == nil)
    }

    @Test func objectsMovingAcrossTheSelectorAreAddedAndDeleted() throws {
        let c = try webCluster(replicas: 2)
        let (_, sink) = try c.watch("\(pods)?watch=true&labelSelector=app%3Dweb")
        #expect(sink.types == ["ADDED", "ADDED"])
        sink.clear()
        let pod = c.store.list(Pod.self, namespace: "default")[0]
        let rv = c.store.currentResourceVersion
        _ = try c.store.modify(Pod.self, pod.name, namespace: "default") { $0.metadata.labels["app"] = "elsewhere" }
        let moved = try #require(sink.events.first)
        #expect(moved["type"] == .string("DELETED"))
        // The object as it was (still selected), at the version of the change.
        #expect(moved["object"]?["metadata"]?["labels"]?["app"] == .string("web"))
        #expect(moved["object"]?["metadata"]?["resourceVersion"] == .string(String(rv + 1)))
        sink.clear()
        _ = try c.store.modify(Pod.self, pod.name, namespace: "default") { $0.metadata.labels["app"] = "web" }
        #expect(sink.summary.first == "ADDED \(pod.name)")
        #expect(sink.events.first?["object"]?["metadata"]?["labels"]?["app"] == .string("web"))

        // A field selector the same way: a pod leaving Running.
        let (_, running) = try c.watch("\(pods)?watch=true&fieldSelector=status.phase%3DRunning")
        running.clear()
        _ = try c.store.modify(Pod.self, pod.name, namespace: "default") { $0.status.phase = "Failed" }
        #expect(running.summary.first == "DELETED \(pod.name)")
    }

    @Test func namespacesAndKindsAreKeptApart() throws {
        let c = try webCluster(replicas: 1)
        let (_, other) = try c.watch("/api/v1/namespaces/other/pods?watch=true")
        let (_, deployments) = try c.watch("/apis/apps/v1/namespaces/default/deployments?watch=true")
        let (_, everywhere) = try c.watch("/api/v1/pods?watch=true")
        deployments.clear(); everywhere.clear()
        #expect(c.run("kubectl scale deployment web --replicas=2").stderr == "")
        c.advance(10)
        #expect(other.lines.isEmpty)
        #expect(deployments.events.allSatisfy { $0["object"]?["kind"] == .string("Deployment") })
        #expect(deployments.types.contains("MODIFIED"))
        #expect(everywhere.types.first == "ADDED")
    }

    @Test func tableWatchesSendColumnsWithTheFirstEventOnly() throws {
        let c = try webCluster(replicas: 2)
        let list = try c.json(pods, accept: APICluster.table)
        let rv = try #require(list["metadata"]?["resourceVersion"]?.text)
        let (stream, sink) = try c.watch("\(pods)?resourceVersion=\(rv)&watch=true", accept: APICluster.table)
        #expect(stream.head.contentType == "application/json;as=Table;v=v1;g=meta.k8s.io")
        #expect(sink.lines.isEmpty)
        let victim = c.store.list(Pod.self, namespace: "default")[0].name
        try c.store.delete(Pod.self, victim, namespace: "default")
        c.advance(40)
        let events = sink.events
        #expect(events.count >= 3)
        let first = try #require(events.first?["object"])
        #expect(first["kind"] == .string("Table"))
        #expect(first["columnDefinitions"]?.items.count == ResourceTables.columns(.pods).count)
        #expect(first["rows"]?.items.count == 1)
        #expect(first["rows"]?.items.first?["object"]?["kind"] == .string("PartialObjectMetadata"))
        for later in events.dropFirst() {
            #expect(later["object"]?["columnDefinitions"] == .null)
            #expect(later["object"]?["rows"]?.items.count == 1)
        }
        // The kill and its replacement, as `kubectl get pods -w` shows them.
        let statuses = events.map { ($0["object"]?["rows"]?.items.first?["cells"]?.items[0].text ?? "", $0["object"]?["rows"]?.items.first?["cells"]?.items[2].text ?? "") }
        #expect(statuses.contains { $0 == (victim, "Terminating") })
        #expect(events.contains { $0["type"] == .string("DELETED") })
        #expect(statuses.contains { $0.0 != victim && $0.1 == "Running" })
    }

    @Test func streamsThatEndAreDropped() throws {
        let c = try webCluster(replicas: 1)
        let gone = LineSink()
        gone.capacity = 1
        _ = try c.watch("\(pods)?watch=true&resourceVersion=\(c.store.currentResourceVersion)", sink: gone)
        let (stream, _) = try c.watch("\(pods)?watch=true")
        #expect(c.api.watches.watchCount == 2)
        #expect(c.run("kubectl scale deployment web --replicas=3").stderr == "")
        c.advance(5)
        #expect(gone.lines.count == 1)
        #expect(c.api.watches.watchCount == 1)
        stream.stop()
        #expect(c.api.watches.watchCount == 0)
    }

    @Test func quietWatchesGetBookmarksAsTheHistoryMoves() throws {
        let c = try webCluster(replicas: 1)
        c.api.watches.bookmarkInterval = 4
        let (_, quiet) = try c.watch("/api/v1/namespaces/other/pods?watch=true&allowWatchBookmarks=true&resourceVersion=\(c.store.currentResourceVersion)")
        let (_, noBookmarks) = try c.watch("/api/v1/namespaces/other/pods?watch=true&resourceVersion=\(c.store.currentResourceVersion)")
        quiet.clear()
        for i in 0..<8 { _ = try c.store.modify(Deployment.self, "web", namespace: "default") { $0.metadata.annotations["n"] = "\(i)" } }
        #expect(quiet.types == ["BOOKMARK", "BOOKMARK"])
        let versions = quiet.events.compactMap { $0["object"]?["metadata"]?["resourceVersion"]?.text.flatMap { Int64($0) } }
        #expect(versions.count == 2 && versions[1] == versions[0] + 4)
        // And when the owner asks.
        c.api.watches.sendBookmarks()
        #expect(quiet.events.last?["object"]?["metadata"]?["resourceVersion"] == .string(String(c.store.currentResourceVersion)))
        #expect(noBookmarks.lines.isEmpty)
    }
}
