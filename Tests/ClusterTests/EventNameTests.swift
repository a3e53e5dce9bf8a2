import Testing
@testable import Cluster

/// Event names are `<object>.<hex nanoseconds>` (client-go's makeEvent), strictly increasing
/// within a recorder: written byte by byte now, they must read as the formatted ones did.
@Suite struct EventNameTests {
    @Test func namesAreTheObjectAndItsNanosecondsInHex() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        let node = try #require(cluster.store.get(Node.self, "node-1"))
        cluster.advance(by: .milliseconds(1234))
        let nanos = cluster.store.now.unixMilliseconds * 1_000_000
        cluster.recorder.record(node, reason: "First", message: "one", component: "test")
        cluster.recorder.record(node, reason: "Second", message: "two", component: "test")
        let names = cluster.store.list(Event.self).filter { $0.reason == "First" || $0.reason == "Second" }
            .sorted { $0.reason < $1.reason }.map(\.metadata.name)
        #expect(names == ["node-1.\(String(nanos, radix: 16))", "node-1.\(String(nanos + 1, radix: 16))"])
    }
}
