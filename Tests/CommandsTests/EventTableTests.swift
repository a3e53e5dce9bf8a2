import Testing
@testable import Cluster
@testable import Commands

/// `kubectl get events -o wide`: printEvent's ten columns, with the container as SUBOBJECT.
@Suite struct EventTableTests {
    @Test func wideEventsHaveKubectlsTenColumns() {
        let shell = Shell(seed: 2)
        shell.run("create deployment web --image=nginx:1.27 --replicas=1")
        shell.advance(20)
        let rows = shell.rows("get events -o wide")
        let header = shell.out("get events -o wide").split(separator: "\n")[0]
        #expect(header.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
                == "LAST SEEN TYPE REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME")
        let started = try? #require(rows.first { $0["REASON"] == "Started" })
        #expect(started?["SUBOBJECT"] == "spec.containers{nginx}")
        #expect(started?["SOURCE"]?.hasPrefix("kubelet, node-") == true)
        #expect(started?["COUNT"] == "1")
        #expect(started?["NAME"]?.hasPrefix(started?["OBJECT"]?.split(separator: "/").last.map(String.init) ?? "?") == true)
        let scheduled = rows.first { $0["REASON"] == "Scheduled" }
        #expect(scheduled?["SUBOBJECT"] == "")
        #expect(scheduled?["SOURCE"] == "default-scheduler")
        // The plain table keeps its five columns.
        #expect(shell.out("get events").split(separator: "\n")[0].split(separator: " ").count == 6)
        #expect(shell.out("get events -o json").contains("\"fieldPath\": \"spec.containers{nginx}\""))
    }
}

/// An API client may leave an event's timestamps out: a real server keeps them null, and
/// kubectl prints `<unknown>` for them (translateTimestampSince of a zero time).
@Suite struct UntimedEventTests {
    @Test func anEventWithoutTimestampsReadsUnknown() throws {
        let shell = Shell(seed: 2)
        let node = try #require(shell.cluster.store.get(Node.self, "node-1"))
        try shell.cluster.store.create(Event(
            metadata: ObjectMeta(name: "untimed", namespace: "default"),
            involvedObject: Event.ObjectReference(kind: "Node", name: "node-1", namespace: "", uid: node.metadata.uid, apiVersion: "v1"),
            reason: "Hello", message: "no times", type: "Normal", sourceComponent: "me", sourceHost: "", count: 1,
            firstTimestamp: nil, lastTimestamp: nil))
        let row = try #require(shell.rows("get events -o wide").first { $0["NAME"] == "untimed" })
        #expect(row["LAST SEEN"] == "<unknown>" && row["FIRST SEEN"] == "<unknown>")
        #expect(shell.out("get event untimed -o json").contains("\"firstTimestamp\": null"))
        let described = shell.out("describe node node-1").split(separator: "\n").first { $0.contains("Hello") }
        #expect(described?.split(separator: " ").joined(separator: " ") == "Normal Hello <unknown> me no times")
    }
}

/// What a kubelet reports about its node, as describe and -o yaml show it on a real cluster.
@Suite struct NodeReportTests {
    @Test func capacityListsEveryResourceSortedAndKubeProxyVersionIsEmpty() {
        let shell = Shell(seed: 2)
        let describe = shell.out("describe node node-1")
        let capacity = describe.components(separatedBy: "Capacity:\n")[1].components(separatedBy: "Allocatable:")[0]
        #expect(capacity.split(separator: "\n").map { String($0.split(separator: ":")[0]).trimmingCharacters(in: .whitespaces) }
                == ["cpu", "ephemeral-storage", "hugepages-1Gi", "hugepages-2Mi", "memory", "pods"])
        #expect(describe.contains("\n  Kube-Proxy Version:         \n"))
        #expect(shell.out("get node node-1 -o jsonpath={.status.capacity.ephemeral-storage}") == "101203600Ki")
        #expect(shell.out("get node node-1 -o jsonpath='{.status.allocatable.hugepages-2Mi}'") == "0")
    }
}
