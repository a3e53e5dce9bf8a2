import Testing
@testable import Cluster

/// The components' events are kept as compact records (RecordedEvents) and read back as Events:
/// a client sees what it saw when they were stored objects — get, list, watch, change, delete,
/// expiry — and a build-up stores none of them as objects.
@Suite struct RecordedEventsTests {
    private func record(_ nanos: UInt64, name: String = "web-1") -> RecordedEvents.Record {
        RecordedEvents.Record(nanos: nanos, involvedKind: .pod, involvedName: name, involvedNamespace: "default",
                              involvedUID: "u", fieldPath: "", reason: "Tested",
                              source: RecordedEvents.Source(type: "Normal", component: "test", host: ""),
                              message: "m", count: 1, firstTimestamp: .zero, lastTimestamp: .zero)
    }

    @Test func aNameReadsBackAsItsObjectAndStampAndNoOtherNameDoes() throws {
        for nanos: UInt64 in [1, 0xa, 0x17f0_a1b2_c3d4_e5f6, .max] {
            let name = RecordedEvents.name("web-1.x", nanos)
            #expect(name == "web-1.x.\(String(nanos, radix: 16))")
            let parsed = try #require(RecordedEvents.parse(name))
            #expect(parsed.objectName == "web-1.x" && parsed.nanos == nanos)
        }
        for name in ["web", "web.", "web.0a", "web.A1", "web.1g", "web.1234567890abcdef0", "web.-1"] {
            #expect(RecordedEvents.parse(name) == nil, "\(name)")
        }
    }

    /// Deletions free whole chunks, compact half-empty ones and leave the last alone; every
    /// lookup must still find exactly the live records.
    @Test func lookupsFindExactlyTheLiveRecordsThroughFreesAndCompactions() throws {
        let records = RecordedEvents()
        var live = Set<UInt64>()
        for n in 1...20_000 as ClosedRange<UInt64> {
            var r = record(n * 3)
            r.resourceVersion = Int64(n)
            records.append(r)
            live.insert(n * 3)
        }
        var generator = SeededRandom(seed: 7)
        // The first chunk all, then most of the next ones, then a scattering.
        // Deleted out of order, as repeats renew some events and clients delete others.
        let doomed = (1...20_000 as ClosedRange<UInt64>).filter { n in n <= 4096 || (n <= 12_000 && n % 5 != 0) || generator.next() % 7 == 0 }
        for n in doomed.shuffled(using: &generator) {
            let p = try #require(records.position(ofNanos: n * 3))
            records.remove(at: p)
            live.remove(n * 3)
        }
        #expect(records.count == live.count)
        #expect((1...60_002 as ClosedRange<UInt64>).filter { records.position(ofNanos: $0) != nil } == live.sorted())
        #expect(records.positions().map { records[$0].nanos } == live.sorted())
        #expect(records.position(of: ObjectKey(namespace: "default", name: RecordedEvents.name("web-1", 60_000))) != nil)
        #expect(records.position(of: ObjectKey(namespace: "default", name: RecordedEvents.name("web-2", 60_000))) == nil)
        #expect(records.position(of: ObjectKey(namespace: "other", name: RecordedEvents.name("web-1", 60_000))) == nil)
    }

    @Test func aBuildUpStoresItsEventsAsRecordsAndServesThemAsEvents() throws {
        let cluster = Cluster(seed: 1, nodes: 3)
        try cluster.store.create(makeDeployment("web", replicas: 3))
        cluster.advance(by: .seconds(30))
        #expect(cluster.store.events.count == 0)
        #expect(cluster.store.recordedEvents.count > 20)
        let events = cluster.store.list(Event.self)
        #expect(events.count == cluster.store.count(Event.self))
        #expect(events.map(\.key) == events.map(\.key).sorted())
        #expect(cluster.store.names(kind: .event, namespace: "default") == events.filter { $0.namespace == "default" }.map(\.name))
        for event in events {
            #expect(cluster.store.get(Event.self, event.name, namespace: event.namespace) == event)
            #expect(!event.metadata.uid.isEmpty && event.metadata.creationTimestamp == event.firstTimestamp)
        }
        let pod = try #require(cluster.store.list(Pod.self).first)
        #expect(cluster.store.events(about: pod.metadata.uid).map(\.reason) == ["Scheduled", "Pulling", "Pulled", "Created", "Started"])
        #expect(cluster.store.get(Event.self, "\(pod.name).1", namespace: "default") == nil)
    }

    /// No controller watches events, so a cluster no client watches never builds one as an
    /// object (a watcher of every kind added to a controller would quietly undo that).
    @Test func noControllerWatchesEvents() {
        let cluster = Cluster(seed: 1, nodes: 3)
        #expect(!cluster.store.watchesEvents)
        cluster.store.watch([.pod]) { _ in }
        #expect(!cluster.store.watchesEvents)
        cluster.store.watch { _ in }
        #expect(cluster.store.watchesEvents)
    }

    @Test func watchersOfEventsSeeRecordedEventsAsAGetReadsThem() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        var seen: [WatchEvent] = []
        cluster.store.watch([.event]) { seen.append($0) }
        let node = try #require(cluster.store.get(Node.self, "node-1"))
        cluster.recorder.record(node, reason: "Again", message: "twice", component: "test")
        let added = try #require(seen.last?.event)
        #expect(seen.last?.type == .added && cluster.store.get(Event.self, key: added.key) == added)
        cluster.advance(by: .seconds(5))
        cluster.recorder.record(node, reason: "Again", message: "twice", component: "test")
        #expect(seen.last?.type == .modified)
        #expect(seen.last?.event?.count == 2 && (seen.last?.old as? Event)?.count == 1)
        #expect(cluster.store.get(Event.self, key: added.key) == seen.last?.event)
        try cluster.store.delete(Event.self, key: added.key)
        #expect(seen.last?.type == .deleted && cluster.store.get(Event.self, key: added.key) == nil)
    }

    /// `kubectl label event`, a PUT or a patch: the event moves to the table unchanged, the
    /// change is an ordinary update, and the recorder's next repeat counts on it there.
    @Test func aClientsChangeTakesTheEventOutAndLaterRepeatsFollowIt() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        let node = try #require(cluster.store.get(Node.self, "node-1"))
        cluster.recorder.record(node, reason: "Again", message: "twice", component: "test")
        let recorded = try #require(cluster.store.list(Event.self).first { $0.reason == "Again" })
        let changed = try cluster.store.modify(Event.self, key: recorded.key) { $0.metadata.labels = ["seen": "yes"] }
        #expect(changed.count == 1 && changed.metadata.uid == recorded.metadata.uid)
        #expect(Int(changed.metadata.resourceVersion)! > Int(recorded.metadata.resourceVersion)!)
        #expect(cluster.store.events.count == 1)
        cluster.advance(by: .seconds(1800))
        cluster.recorder.record(node, reason: "Again", message: "twice", component: "test")
        let repeated = try #require(cluster.store.get(Event.self, key: recorded.key))
        #expect(repeated.count == 2 && repeated.metadata.labels == ["seen": "yes"])
        #expect(cluster.store.list(Event.self).filter { $0.reason == "Again" }.count == 1)
        // A client's create under a recorded event's name is refused as for any object.
        cluster.recorder.record(node, reason: "Other", message: "once", component: "test")
        let other = try #require(cluster.store.list(Event.self).first { $0.reason == "Other" })
        #expect(throws: APIError.alreadyExists(.event, other.name)) { try cluster.store.create(other) }
    }

    /// A refused update (a stale resourceVersion) takes the event out but writes nothing, so
    /// it goes when it would have: an hour after the recorder's last write.
    @Test func aRefusedChangeLeavesTheEventsExpiryAlone() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        let node = try #require(cluster.store.get(Node.self, "node-1"))
        cluster.recorder.record(node, reason: "Once", message: "once", component: "test")
        var stale = try #require(cluster.store.list(Event.self).first { $0.reason == "Once" })
        stale.metadata.resourceVersion = "1"
        cluster.advance(by: .seconds(1800))
        #expect(throws: APIError.conflict(.event, stale.name)) { try cluster.store.update(stale) }
        #expect(cluster.store.events.count == 1)
        cluster.advance(by: .seconds(1799))
        #expect(cluster.store.get(Event.self, key: stale.key) != nil)
        cluster.advance(by: .seconds(1))
        #expect(cluster.store.get(Event.self, key: stale.key) == nil)
    }
}
