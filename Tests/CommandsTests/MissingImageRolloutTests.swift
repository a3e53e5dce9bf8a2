import Testing
@testable import Cluster
@testable import Commands

/// A rollout to an image the registry does not have: it stalls with the old pods serving, the
/// deadline condition appears at the deadline, and undo brings the deployment back.
@Suite struct MissingImageRolloutTests {
    func readyPods(_ shell: Shell) -> [Pod] {
        shell.cluster.store.list(Pod.self, namespace: "default").filter { $0.metadata.labels["app"] == "web" && $0.isReady && !$0.isTerminating }
    }

    func progressing(_ shell: Shell) -> DeploymentCondition? {
        shell.cluster.store.get(Deployment.self, "web", namespace: "default")?.status.condition("Progressing")
    }

    @Test func aMissingImageStallsWithinTheLimitUntilTheDeadlineAndUndoRecovers() throws {
        let shell = Shell(seed: 5)
        #expect(!shell.run("create deployment web --image=nginx:1.26 --replicas=4").failed)
        #expect(!shell.run("rollout status deployment/web").failed)
        try shell.cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.progressDeadlineSeconds = 120 }
        #expect(shell.out("sim image nginx:9.99 --missing") == "image/nginx:9.99 configured: missing from the registry\n")
        #expect(shell.out("set image deployment/web nginx=nginx:9.99") == "deployment.apps/web image updated\n")
        let changed = shell.cluster.now

        // 4 replicas, maxUnavailable 25% → 1: at least 3 old pods stay ready at every second.
        var sawPullFailure = false
        while shell.cluster.now - changed < .seconds(115) {
            shell.cluster.advance(by: .seconds(1))
            #expect(readyPods(shell).count >= 3, "at \(shell.cluster.now - changed)")
            #expect(progressing(shell)?.reason != "ProgressDeadlineExceeded", "at \(shell.cluster.now - changed)")
            sawPullFailure = sawPullFailure || shell.cluster.store.list(Pod.self, namespace: "default").contains { pod in
                pod.status.containerStatuses.contains { if case .waiting(let reason) = $0.state { reason == "ImagePullBackOff" } else { false } }
            }
        }
        #expect(sawPullFailure)
        #expect(readyPods(shell).allSatisfy { $0.spec.containers[0].image == "nginx:1.26" })

        shell.cluster.advance(by: .seconds(15))
        let condition = try #require(progressing(shell))
        #expect(condition.status == "False" && condition.reason == "ProgressDeadlineExceeded")
        #expect(condition.message == "ReplicaSet \"\(try #require(newReplicaSetName(shell)))\" has timed out progressing.")
        #expect(readyPods(shell).count >= 3)

        #expect(shell.out("rollout undo deployment/web") == "deployment.apps/web rolled back\n")
        #expect(shell.run("rollout status deployment/web").stdout.hasSuffix("deployment \"web\" successfully rolled out\n"))
        shell.cluster.advance(by: .seconds(30))
        let pods = shell.cluster.store.list(Pod.self, namespace: "default").filter { $0.metadata.labels["app"] == "web" }
        #expect(pods.count == 4)
        #expect(pods.allSatisfy { $0.isReady && $0.spec.containers[0].image == "nginx:1.26" })
        #expect(progressing(shell)?.reason == "NewReplicaSetAvailable")
    }

    /// The ReplicaSet running the deployment's current template.
    func newReplicaSetName(_ shell: Shell) -> String? {
        shell.cluster.store.list(ReplicaSet.self, namespace: "default")
            .first { $0.spec.template.spec.containers.first?.image == "nginx:9.99" }?.name
    }
}
