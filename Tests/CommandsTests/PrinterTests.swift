import Foundation
import Testing
import KubesimTestSupport
@testable import Cluster
@testable import Commands

@Suite struct PrinterTests {
    @Test func tabWriterAlignsByColumnBlocksLikeGo() {
        // A line without tabs ends the block; each block sizes its own column.
        let text = "a:\tx\nbbb:\ty\nc\nlonger:\tz\n"
        #expect(TabWriter.describe.format(text) == "a:    x\nbbb:  y\nc\nlonger:  z\n")
        // A block spans every consecutive line with a cell in that column, whatever its indent:
        // `IP:` is padded to the width of `  Ready ` above it, as in kubectl describe pod.
        let nested = "Conditions:\n  Type\tStatus\n  Ready \tTrue \nIP:\t1\n"
        #expect(TabWriter.describe.format(nested) == "Conditions:\n  Type    Status\n  Ready   True \nIP:       1\n")
        // get tables: padding 3, minimum width 6, last column unpadded.
        #expect(TabWriter.format([["NAME", "AGE"], ["a", "5s"]]) == "NAME   AGE\na      5s\n")
    }

    func shellWithDeployment() -> Shell {
        let shell = Shell(seed: 3)
        shell.run("create deployment hello-kiamol-2 --image=kiamol/ch02-hello-kiamol --replicas=2")
        shell.advance(30)
        return shell
    }

    @Test func describeSnapshots() {
        let shell = shellWithDeployment()
        let pod = shell.names("get pods")[0]
        let rs = shell.names("get rs")[0]
        #expect(snapshotMismatch(shell.out("describe deployment hello-kiamol-2"), named: "describe-deployment") == nil)
        #expect(snapshotMismatch(shell.out("describe rs \(rs)"), named: "describe-replicaset") == nil)
        #expect(snapshotMismatch(shell.out("describe pod \(pod)"), named: "describe-pod") == nil)
        #expect(snapshotMismatch(shell.out("describe node node-1"), named: "describe-node") == nil)
    }

    @Test func getTablesSnapshots() {
        let shell = shellWithDeployment()
        let tables = ["get deployments -o wide", "get rs -o wide", "get pods -o wide", "get nodes -o wide", "get events"]
            .map { "$ \($0)\n" + shell.out($0) }.joined()
        #expect(snapshotMismatch(tables, named: "get-tables") == nil)
    }

    @Test func yamlAndJsonAreKubernetesObjects() throws {
        let shell = shellWithDeployment()
        let yaml = shell.out("get deployment hello-kiamol-2 -o yaml")
        #expect(yaml.hasPrefix("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n    deployment.kubernetes.io/revision: \"1\"\n  creationTimestamp: \"2024-09-01T11:24:17Z\"\n"))
        #expect(yaml.contains("\n  replicas: 2\n"))
        #expect(yaml.contains("      containers:\n      - image: kiamol/ch02-hello-kiamol\n        imagePullPolicy: Always\n        name: ch02-hello-kiamol\n"))
        let json = shell.out("get pods -o json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "List")
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items.allSatisfy { ($0["status"] as? [String: Any])?["phase"] as? String == "Running" })
        #expect(json.hasPrefix("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        {\n            \"apiVersion\": \"v1\",\n            \"kind\": \"Pod\",\n"))
        #expect(snapshotMismatch(shell.out("get rs -o yaml"), named: "get-rs-yaml") == nil)
    }

    @Test func jsonpathAndNameOutputs() {
        let shell = shellWithDeployment()
        let names = shell.names("get pods")
        #expect(shell.out("get pods -o jsonpath={.items[*].metadata.name}") == names.joined(separator: " "))
        #expect(shell.out("get pods -o jsonpath='{range .items[*]}{.metadata.name}{\"\\n\"}{end}'") == names.map { $0 + "\n" }.joined())
        #expect(shell.out("get deployment hello-kiamol-2 -o jsonpath={.spec.replicas}") == "2")
        #expect(shell.out("get deploy -o name") == "deployment.apps/hello-kiamol-2\n")
        #expect(shell.out("get pods -o name") == names.map { "pod/\($0)\n" }.joined())
        #expect(shell.out("get no -o name") == "node/node-1\nnode/node-2\nnode/node-3\n")
        #expect(shell.out("get pods --show-labels").contains("app=hello-kiamol-2,pod-template-hash="))
    }

    @Test func podStatusColumnFollowsPrintPod() {
        var pod = Pod(metadata: ObjectMeta(name: "p"), spec: PodSpec(containers: [Container(name: "c", image: "i")]))
        #expect(PodStatusFormatter.status(pod) == "Pending")
        pod.status.containerStatuses = [ContainerStatus(name: "c", image: "i", state: .waiting(reason: "ContainerCreating"))]
        #expect(PodStatusFormatter.status(pod) == "ContainerCreating")
        #expect(PodStatusFormatter.ready(pod) == "0/1")
        pod.status.phase = "Running"
        pod.status.containerStatuses[0].state = .running(startedAt: .zero)
        pod.status.containerStatuses[0].ready = true
        #expect(PodStatusFormatter.status(pod) == "Running")
        #expect(PodStatusFormatter.ready(pod) == "1/1")
        pod.metadata.deletionTimestamp = .zero
        #expect(PodStatusFormatter.status(pod) == "Terminating")
        pod.status.reason = "NodeLost"
        #expect(PodStatusFormatter.status(pod) == "Unknown")
        pod.status.containerStatuses[0].restartCount = 2
        pod.status.containerStatuses[0].lastState = ContainerTermination(reason: "Error", exitCode: 1, startedAt: .zero, finishedAt: .zero)
        #expect(PodStatusFormatter.restarts(pod, now: SimTime(milliseconds: 375_000)) == "2 (6m15s ago)")
    }
}
