import Testing
@testable import Cluster

/// A table's indexes keep each object under its current keys, however many indexes the table
/// has and whenever one is added: the first three keys of an object are held in its box, the
/// rest beside them.
@Suite struct ObjectTableIndexTests {
    private func pod(_ name: String, app: String, node: String, tier: String) -> Pod {
        var pod = Pod(metadata: ObjectMeta(name: name, labels: ["app": app, "tier": tier]), spec: PodSpec(containers: []))
        pod.spec.nodeName = node
        return pod
    }

    private func names(_ table: ObjectTable<Pod>, _ index: String, _ key: String) -> [String] {
        table.names(index: index, key: key).map(\.name).sorted()
    }

    @Test func fiveIndexesSomeAddedLaterFollowWritesAndRemovals() {
        let table = ObjectTable<Pod>()
        table.addIndex("app", key: { $0.metadata.labels["app"] })
        table.addIndex("node", key: { $0.spec.nodeName.isEmpty ? nil : $0.spec.nodeName })
        table.addIndex("tier", key: { $0.metadata.labels["tier"] })
        table.put(pod("a", app: "web", node: "node-1", tier: "front"))
        table.put(pod("b", app: "web", node: "node-2", tier: "back"))
        // Two indexes added once objects are stored: they are filed under them at once.
        table.addIndex("name-length", key: { String($0.name.count) })
        table.addIndex("labels", { $0.metadata.labels.map { "\($0.key)=\($0.value)" } })
        #expect(names(table, "name-length", "1") == ["a", "b"])
        #expect(names(table, "labels", "tier=back") == ["b"])

        // A write moves the object in every index whose key changed, and only those.
        table.put(pod("b", app: "api", node: "node-2", tier: "front"))
        #expect(names(table, "app", "web") == ["a"])
        #expect(names(table, "app", "api") == ["b"])
        #expect(names(table, "node", "node-2") == ["b"])
        #expect(names(table, "tier", "front") == ["a", "b"])
        #expect(names(table, "labels", "tier=back").isEmpty)
        #expect(names(table, "labels", "app=api") == ["b"])

        table.remove(ObjectKey(namespace: "default", name: "a"))
        for (index, key) in [("app", "web"), ("node", "node-1"), ("name-length", "1"), ("labels", "app=web")] {
            #expect(!names(table, index, key).contains("a"), "\(index) \(key)")
        }
        #expect(names(table, "name-length", "1") == ["b"])
    }
}
