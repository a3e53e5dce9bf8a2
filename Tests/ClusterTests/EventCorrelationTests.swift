import Testing
@testable import Cluster

/// The recorder bounds events as client-go's EventCorrelator does: similar events past ten
/// distinct messages are combined, and a source's writes about one object come from a bucket
/// of 25 tokens that refills one every 5 minutes (virtual time).
@Suite struct EventCorrelationTests {
    private func events(_ cluster: Cluster, reason: String) -> [Event] {
        cluster.store.list(Event.self).filter { $0.reason == reason }.sorted { ($0.firstTimestamp ?? .zero, $0.name) < ($1.firstTimestamp ?? .zero, $1.name) }
    }

    @Test func aStormOfOneEventIsCountedUpTo25WritesThenOneEveryFiveMinutes() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        let node = try #require(cluster.store.get(Node.self, "node-1"))
        for _ in 1...100 { cluster.recorder.record(node, type: "Warning", reason: "Storm", message: "again", component: "test") }
        // The first write creates the event, 24 more count repeats; the other 75 are dropped.
        #expect(events(cluster, reason: "Storm").map(\.count) == [25])
        cluster.advance(by: .seconds(299))
        cluster.recorder.record(node, type: "Warning", reason: "Storm", message: "again", component: "test")
        #expect(events(cluster, reason: "Storm").map(\.count) == [25])
        // A token is back: the write carries every repeat seen, dropped ones included (upstream's logger counts them).
        cluster.advance(by: .seconds(1))
        cluster.recorder.record(node, type: "Warning", reason: "Storm", message: "again", component: "test")
        #expect(events(cluster, reason: "Storm").map(\.count) == [102])
        cluster.recorder.record(node, type: "Warning", reason: "Storm", message: "again", component: "test")
        #expect(events(cluster, reason: "Storm").map(\.count) == [102])
    }

    @Test func theBudgetIsPerSourceAndObject() throws {
        let cluster = Cluster(seed: 1, nodes: 2)
        let first = try #require(cluster.store.get(Node.self, "node-1"))
        let second = try #require(cluster.store.get(Node.self, "node-2"))
        for _ in 1...30 { cluster.recorder.record(first, reason: "Storm", message: "again", component: "test") }
        cluster.recorder.record(second, reason: "Storm", message: "again", component: "test")
        cluster.recorder.record(first, reason: "Storm", message: "again", component: "other")
        let counts = events(cluster, reason: "Storm").map { "\($0.involvedObject.name) \($0.sourceComponent) \($0.count)" }.sorted()
        #expect(counts == ["node-1 other 1", "node-1 test 25", "node-2 test 1"])
    }

    /// Pods that need not exist: an event's object is only referred to.
    private func pods(_ count: Int) -> [Pod] {
        (0..<count).map { i in
            var metadata = ObjectMeta(name: "pod-\(i)")
            metadata.uid = "uid-\(i)"
            return Pod(metadata: metadata, spec: PodSpec(containers: []))
        }
    }

    private func storm(_ cluster: Cluster, _ pod: Pod, times: Int = 1, component: String = "test") {
        for _ in 0..<times { cluster.recorder.record(pod, reason: "Storm", message: "again", component: component) }
    }

    /// client-go's correlator caches hold 4,096 entries and forget the least recently used: a
    /// scheduler that placed thousands of pods does not remember them all. A forgotten object's
    /// budget starts full again, so its next event is written, as a new event.
    @Test func aSourceRemembersOnlyThe4096ObjectsItUsedLast() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        let started = cluster.recorder.trackedSourceObjects // the node's start-up events
        let all = pods(4_098)
        let (first, second) = (all[0], all[1])
        storm(cluster, first, times: 26)
        storm(cluster, second, times: 26)
        storm(cluster, first, times: 26, component: "other")
        for (i, pod) in all.dropFirst(2).enumerated() {
            storm(cluster, pod)
            // The first is used again (its write dropped), so the second is now the oldest.
            if i == 100 { storm(cluster, first) }
        }
        #expect(cluster.recorder.trackedSourceObjects == started + 4_096 + 1)
        storm(cluster, first)
        storm(cluster, second)
        storm(cluster, first, component: "other")
        func counts(_ pod: Pod) -> [String] {
            events(cluster, reason: "Storm").filter { $0.involvedObject.name == pod.name }.map { "\($0.sourceComponent) \($0.count)" }
        }
        // The first, used more recently, is still out of budget; the second was forgotten and
        // starts over; the other source, with one object, forgot nothing.
        #expect(counts(first) == ["test 25", "other 25"])
        #expect(counts(second) == ["test 25", "test 1"])
    }

    /// The similar-events and logged-events caches are bounded too: four reasons an object (a
    /// kubelet's Pulling, Pulled, Created, Started) fill 4,096 entries with 1,024 objects.
    @Test func theBoundCountsEveryCacheNotJustObjects() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        let started = cluster.recorder.trackedSourceObjects
        let all = pods(1_025)
        storm(cluster, all[0], times: 26)
        for pod in all.dropFirst() {
            for reason in ["Pulling", "Pulled", "Created", "Started"] {
                cluster.recorder.record(pod, reason: reason, message: reason, component: "test")
            }
        }
        #expect(cluster.recorder.trackedSourceObjects == started + 1_024)
        storm(cluster, all[0])
        #expect(events(cluster, reason: "Storm").map(\.count) == [25, 1])
    }

    /// One event about object `i` through a source's correlator directly.
    private func observe(_ correlator: EventCorrelator, _ i: Int, message: String = "again") {
        _ = correlator.observe(ObjectInstance(uid: "uid-\(i)", keyHash: i), type: "Normal", reason: "Storm", message: message,
                               fieldPath: "", now: .zero) { UInt64(i + 1) }
    }

    private func tracks(_ correlator: EventCorrelator, _ i: Int) -> Bool {
        correlator.isTracking(ObjectInstance(uid: "uid-\(i)", keyHash: i))
    }

    /// Once full, each new object pushes out the one used longest ago, counting uses made
    /// after the correlator filled up.
    @Test func theLeastRecentlyUsedObjectGoesFirstOnceTheSourceIsFull() {
        let correlator = EventCorrelator(source: EventSource(component: "test"))
        for i in 0..<4_096 { observe(correlator, i) }
        observe(correlator, 4_096)
        #expect(!tracks(correlator, 0) && tracks(correlator, 1))
        observe(correlator, 1)
        observe(correlator, 4_097)
        #expect(tracks(correlator, 1) && !tracks(correlator, 2))
        observe(correlator, 4_098)
        #expect(!tracks(correlator, 3) && tracks(correlator, 4))
        #expect(correlator.trackedObjects == 4_096)
    }

    /// A scheduler at the bound for hours (a new pod every event) keeps its order of uses
    /// within twice the objects it remembers, not one entry per event ever recorded.
    @Test func theOrderOfUsesStaysBoundedAtTheBound() {
        let correlator = EventCorrelator(source: EventSource(component: "test"))
        for i in 0..<30_000 { observe(correlator, i) }
        #expect(correlator.trackedObjects == 4_096)
        #expect(correlator.recencyLength <= 2 * 4_096 + 64)
        #expect(tracks(correlator, 30_000 - 4_096) && !tracks(correlator, 30_000 - 4_097))
    }

    /// The logged-events cache has its own bound: 456 objects with nine messages each (below
    /// the aggregation's ten) are 4,104 logged events, so the oldest object goes although the
    /// objects and their similar-events records are far fewer than 4,096.
    @Test func theLoggedEventsCacheIsBoundedOnItsOwn() {
        let correlator = EventCorrelator(source: EventSource(component: "test"))
        for i in 0..<456 {
            for m in 0..<9 { observe(correlator, i, message: "message \(m)") }
        }
        #expect(correlator.trackedObjects == 455)
        #expect(!tracks(correlator, 0) && tracks(correlator, 1))
    }

    @Test func theTenthDistinctMessageWithinTenMinutesStartsTheCombinedEvent() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        let node = try #require(cluster.store.get(Node.self, "node-1"))
        for i in 1...15 { cluster.recorder.record(node, reason: "Made", message: "made thing-\(i)", component: "test") }
        let made = events(cluster, reason: "Made")
        #expect(made.map(\.message) == (1...9).map { "made thing-\($0)" } + ["(combined from similar events): made thing-15"])
        #expect(made.map(\.count) == Array(repeating: 1, count: 9) + [6])
        // A repeat of one of the nine still counts on its own event.
        cluster.recorder.record(node, reason: "Made", message: "made thing-3", component: "test")
        #expect(events(cluster, reason: "Made")[2].count == 2)
        // So does a repeat of the first (kept apart from the others in the record).
        cluster.recorder.record(node, reason: "Made", message: "made thing-1", component: "test")
        #expect(events(cluster, reason: "Made")[0].count == 2)
        #expect(events(cluster, reason: "Made").count == 10)
        // Ten quiet minutes close the window: a new message is an event of its own again.
        cluster.advance(by: .seconds(601))
        cluster.recorder.record(node, reason: "Made", message: "made thing-16", component: "test")
        #expect(events(cluster, reason: "Made").last?.message == "made thing-16")
    }

    @Test func aScaleUpShowsNineCreatedPodEventsAndACombinedOneCappedByTheBudget() throws {
        let cluster = Cluster(seed: 1, nodes: 3)
        try cluster.store.create(makeDeployment("web", replicas: 40))
        #expect(cluster.settle(app: "web", count: 40))
        let rs = try #require(cluster.replicaSet(of: "web"))
        let created = cluster.store.events(about: rs.metadata.uid).filter { $0.reason == "SuccessfulCreate" }
        #expect(created.count == 10)
        let combined = try #require(created.first { $0.message.hasPrefix("(combined from similar events): Created pod: web-") })
        // 25 writes about the ReplicaSet: nine events, the combined one's creation and 15 of its counts.
        #expect(combined.count == 16)
    }
}
