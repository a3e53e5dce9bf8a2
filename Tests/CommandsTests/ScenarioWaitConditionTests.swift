import Testing
@testable import Cluster
@testable import Commands

/// The states a scenario can wait for: how they are written and when they hold.
@Suite struct ScenarioWaitConditionTests {
    @Test(arguments: [
        ("deployment/web available", WaitCondition.deploymentAvailable("web")),
        ("pods -l app=web running=3", .podsRunning(selector: "app=web", count: 3)),
        ("pods -l app=web,tier!=db running=0", .podsRunning(selector: "app=web,tier!=db", count: 0)),
        ("node/node-2 Ready", .node("node-2", ready: true)),
        ("node/node-2 NotReady", .node("node-2", ready: false)),
        ("pod/web-1 Running", .podRunning("web-1")),
        ("pod/web-1 gone", .podGone("web-1")),
    ])
    func parsesAndPrintsBack(text: String, condition: WaitCondition) throws {
        #expect(try WaitCondition.parse(text) == condition)
        #expect(condition.description == text)
    }

    @Test func refusesWhatItDoesNotKnow() {
        let expected = "expected deployment/NAME available, pods -l SELECTOR running=N, node/NAME Ready|NotReady, pod/NAME Running|gone"
        for text in ["pods running", "deployment/web ready", "node/ Ready", "svc/web available", "node/a Ready now"] {
            #expect(throws: ScenarioError("unknown condition \(String(reflecting: text)); \(expected)")) {
                try WaitCondition.parse(text)
            }
        }
        #expect(throws: ScenarioError(#""pods -l app=web running=three": running= needs a number of pods, like running=3"#)) {
            try WaitCondition.parse("pods -l app=web running=three")
        }
        #expect(throws: ScenarioError.self) { try WaitCondition.parse("pods -l app=(web running=1") }
    }

    @Test func deploymentAndPodsFollowTheCluster() throws {
        let session = Session(cluster: Cluster(seed: 3))
        let cluster = session.cluster
        let available = WaitCondition.deploymentAvailable("web")
        let running = WaitCondition.podsRunning(selector: "app=web", count: 2)
        #expect(!available.isMet(cluster))
        _ = session.runToCompletion("kubectl create deployment web --image=nginx --replicas=2")
        #expect(!available.isMet(cluster))
        #expect(!running.isMet(cluster))
        #expect(cluster.advance(until: { available.isMet(cluster) }, timeout: .seconds(60)))
        #expect(running.isMet(cluster))
        #expect(!WaitCondition.podsRunning(selector: "app=web", count: 1).isMet(cluster))

        // A scale the controller has not acted on yet is not available.
        _ = session.runToCompletion("kubectl scale deployment/web --replicas=3")
        #expect(!available.isMet(cluster))
        #expect(cluster.advance(until: { available.isMet(cluster) }, timeout: .seconds(60)))

        let pod = try #require(cluster.store.list(Pod.self).first).name
        #expect(WaitCondition.podRunning(pod).isMet(cluster))
        #expect(!WaitCondition.podGone(pod).isMet(cluster))
        _ = session.execute("kubectl delete pod \(pod) --wait=false")
        // Terminating: neither Running for the wait nor gone yet; the pods count drops at once.
        #expect(!WaitCondition.podRunning(pod).isMet(cluster))
        #expect(!WaitCondition.podGone(pod).isMet(cluster))
        #expect(!WaitCondition.podsRunning(selector: "app=web", count: 3).isMet(cluster))
        #expect(cluster.advance(until: { WaitCondition.podGone(pod).isMet(cluster) }, timeout: .seconds(60)))
    }

    @Test func nodeReadiness() {
        let session = Session(cluster: Cluster(seed: 1))
        let cluster = session.cluster
        #expect(WaitCondition.node("node-2", ready: true).isMet(cluster))
        #expect(!WaitCondition.node("node-2", ready: false).isMet(cluster))
        #expect(!WaitCondition.node("node-9", ready: false).isMet(cluster), "a node that does not exist is in no state")
        _ = session.runToCompletion("sim fail node-2")
        #expect(cluster.advance(until: { WaitCondition.node("node-2", ready: false).isMet(cluster) }, timeout: .seconds(60)))
        _ = session.runToCompletion("sim recover node-2")
        #expect(cluster.advance(until: { WaitCondition.node("node-2", ready: true).isMet(cluster) }, timeout: .seconds(60)))
    }
}
