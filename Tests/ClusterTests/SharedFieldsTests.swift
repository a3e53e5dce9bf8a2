import Testing
@testable import Cluster

/// Pods and their specs keep their fields in boxes shared between copies; a watch event carries
/// its pod already cast; uids are written digit by digit from two words. None of it may show:
/// a copy changes alone, equality is by value, and a uid is a version-4 UUID.
@Suite struct SharedFieldsTests {
    static func pod() -> Pod {
        Pod(metadata: ObjectMeta(name: "web-1", labels: ["app": "web"]),
            spec: PodSpec(containers: [Container(name: "web", image: "nginx:1.27")]))
    }

    @Test func aChangedCopyOfASpecLeavesTheOriginalAsItWas() {
        let original = Self.pod()
        var copy = original
        copy.spec.nodeName = "node-1"
        copy.spec.containers[0].image = "nginx:1.28"
        #expect(original.spec.nodeName == "")
        #expect(original.spec.containers[0].image == "nginx:1.27")
        #expect(copy != original)
        copy.spec.nodeName = ""
        copy.spec.containers[0].image = "nginx:1.27"
        #expect(copy == original, "specs built apart compare by value")
        var status = original
        status.status.phase = "Running"
        #expect(status != original, "a pod differing only in status is another pod")
    }

    /// A container's probes live in one shared block: a copy changes its own, a probe changed
    /// in place through the copy leaves the original's, and a container whose probes were all
    /// removed is the container that never had one (a write of it is a no-op, not a new spec).
    @Test func aContainersProbesChangeWithTheCopyAlone() {
        var original = Container(name: "web", image: "nginx:1.27")
        let bare = original
        original.readinessProbe = Probe(handler: .httpGet(path: "/ready", port: "8080", scheme: "HTTP"))
        original.livenessProbe = Probe(handler: .tcpSocket(port: "8080"))
        var copy = original
        copy.readinessProbe?.periodSeconds = 3
        copy.startupProbe = Probe(handler: .exec(command: ["true"]))
        #expect(original.readinessProbe?.periodSeconds == 10)
        #expect(original.startupProbe == nil)
        #expect(copy.readinessProbe?.periodSeconds == 3 && copy.livenessProbe == original.livenessProbe)
        #expect(copy != original)
        copy.readinessProbe?.periodSeconds = 10
        copy.startupProbe = nil
        #expect(copy == original, "probes compare by value")
        copy.readinessProbe = nil
        copy.livenessProbe = nil
        #expect(copy == bare, "no probes left is no probes")
    }

    @Test func aWatchEventCarriesThePodItsObjectIs() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        var seen: [WatchEvent] = []
        cluster.store.watch([.pod, .node, .event]) { seen.append($0) }
        let created = try cluster.store.create(Self.pod())
        try cluster.store.modify(Pod.self, created.name, namespace: "default") { $0.metadata.labels["tier"] = "front" }
        try cluster.store.delete(Pod.self, created.name, namespace: "default")
        _ = try cluster.store.modify(Node.self, "node-1") { $0.spec.unschedulable = true }
        let reference = Event.ObjectReference(kind: "Pod", name: created.name, namespace: "default", uid: created.metadata.uid,
                                              apiVersion: "v1", fieldPath: "")
        let note = try cluster.store.create(Event(metadata: ObjectMeta(name: "web-1.1"), involvedObject: reference, reason: "Noted",
                                                  message: "a note", type: "Normal", sourceComponent: "test", sourceHost: "",
                                                  count: 1, firstTimestamp: cluster.store.now, lastTimestamp: cluster.store.now))

        let podEvents = seen.filter { $0.kind == .pod }
        #expect(podEvents.map(\.type) == [.added, .modified, .deleted])
        for event in podEvents {
            #expect(event.pod == event.object as? Pod)
            #expect(event.oldPod == event.old as? Pod)
        }
        #expect(podEvents[0].oldPod == nil)
        #expect(podEvents[1].pod?.metadata.labels["tier"] == "front" && podEvents[1].oldPod?.metadata.labels["tier"] == nil)
        #expect(podEvents.allSatisfy { $0.event == nil })
        let nodeEvent = try #require(seen.first { $0.kind == .node })
        #expect(nodeEvent.pod == nil && nodeEvent.oldPod == nil && nodeEvent.event == nil)
        let eventEvent = try #require(seen.last)
        #expect(eventEvent.kind == .event && eventEvent.event == note && eventEvent.pod == nil)
    }

    @Test func uidsAreVersionFourUUIDs() throws {
        let cluster = Cluster(seed: 7, nodes: 0)
        var uids = Set<String>()
        for i in 0..<200 {
            var pod = Self.pod()
            pod.metadata.name = "web-\(i)"
            let uid = try cluster.store.create(pod).metadata.uid
            let bytes = Array(uid.utf8)
            #expect(bytes.count == 36)
            for (at, byte) in bytes.enumerated() {
                if [8, 13, 18, 23].contains(at) {
                    #expect(byte == UInt8(ascii: "-"), "\(uid)")
                } else {
                    #expect((UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte), "\(uid)")
                }
            }
            #expect(bytes[14] == UInt8(ascii: "4"), "version 4: \(uid)")
            #expect("89ab".utf8.contains(bytes[19]), "RFC 4122 variant: \(uid)")
            uids.insert(uid)
        }
        #expect(uids.count == 200)
    }
}
