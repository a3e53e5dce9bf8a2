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
