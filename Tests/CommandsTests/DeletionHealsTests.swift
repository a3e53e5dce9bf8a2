import Testing
@testable import Cluster
@testable import Commands

/// Whatever removes a pod — force delete, a grace-0 drain, deleting a Pending pod — its
/// ReplicaSet replaces it, and `get deploy` never keeps counting a pod that is gone.
@Suite struct DeletionHealsTests {
    static let forceWarning = "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n"

    func readyShell(replicas: Int = 3) -> Shell {
        let shell = Shell(seed: 7)
        shell.run("kubectl create deployment web --image=nginx:1.25 --replicas=\(replicas)")
        shell.advance(20)
        return shell
    }

    /// `get deploy web` READY as (ready, desired).
    func deploymentReady(_ shell: Shell) -> (ready: Int, desired: Int)? {
        guard let cell = shell.rows("get deploy web").first?["READY"] else { return nil }
        let parts = cell.split(separator: "/").compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    /// Pods of `web` that exist, are not Terminating and are ready, as `get pods` shows them.
    func readyPods(_ shell: Shell) -> [String] {
        shell.rows("get pods -l app=web").filter { $0["READY"] == "1/1" && $0["STATUS"] == "Running" }.map { $0["NAME"]! }
    }

    func webPods(_ cluster: Cluster) -> [Pod] { cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "web"])) }

    /// Advances virtual time until `web` has `count` Running, ready pods and `get deploy` says
    /// count/count, auditing the deployment's status after every timer that fires: once the
    /// controllers have had their reaction time (ReplicaSet, then Deployment) since the last
    /// pod vanished, status must not count more pods than exist.
    @discardableResult
    func healAndAudit(_ shell: Shell, count: Int, timeout: SimDuration = .seconds(60)) -> [String] {
        let cluster = shell.cluster
        let reaction = cluster.pace.controllerReaction + cluster.pace.controllerReaction
        var violations: [String] = []
        var lastVanish = cluster.now
        var known = Set(webPods(cluster).map(\.metadata.uid))
        let healed = cluster.advance(until: {
            let pods = webPods(cluster)
            let uids = Set(pods.map(\.metadata.uid))
            if !known.isSubset(of: uids) { lastVanish = cluster.now }
            known = uids
            let active = pods.filter(\.isActive)
            let ready = active.filter(\.isReady).count
            let deployment = cluster.store.get(Deployment.self, "web", namespace: "default")
            if let status = deployment?.status, cluster.now - lastVanish > reaction,
               status.readyReplicas > ready || status.replicas > active.count {
                violations.append("t=\(cluster.now): status \(status.readyReplicas) ready/\(status.replicas) but \(ready) ready/\(active.count) pods")
            }
            let rs = cluster.store.list(ReplicaSet.self).first
            return active.count == count && ready == count && pods.count == count
                && deployment?.status.readyReplicas == count && rs?.status.readyReplicas == count
        }, timeout: timeout)
        #expect(healed, "web did not get back to \(count) ready pods")
        #expect(violations.isEmpty, "\(violations)")
        // What the user reads agrees: get deploy says count/count and get pods lists that many ready pods.
        #expect(deploymentReady(shell)! == (count, count))
        #expect(readyPods(shell).count == count)
        return readyPods(shell)
    }

    @Test func forceDeleteEveryPodIsHealed() {
        let shell = readyShell()
        let before = shell.names("get pods")
        #expect(before.count == 3)
        let deleted = shell.run("kubectl delete pod -l app=web --grace-period=0 --force")
        #expect(!deleted.failed)
        #expect(deleted.stderr == Self.forceWarning)
        #expect(deleted.stdout == before.map { "pod \"\($0)\" force deleted\n" }.joined())
        // Gone at once: nothing Terminating is left behind.
        #expect(before.allSatisfy { shell.cluster.store.get(Pod.self, $0, namespace: "default") == nil })
        let after = healAndAudit(shell, count: 3)
        #expect(Set(after).isDisjoint(with: before))
        #expect(shell.rows("get rs").first?["CURRENT"] == "3")
    }

    @Test func forceDeleteOnePodRightAfterItWasCreated() {
        let shell = readyShell()
        shell.run("kubectl scale deployment web --replicas=4")
        // The new pod exists but is still starting (ContainerCreating or earlier).
        shell.cluster.advance(until: { webPods(shell.cluster).count == 4 }, timeout: .seconds(5))
        let young = webPods(shell.cluster).max { $0.metadata.creationTimestamp < $1.metadata.creationTimestamp }!
        #expect(!young.isReady)
        let deleted = shell.run("kubectl delete pod \(young.name) --force")
        #expect(deleted.stdout == "pod \"\(young.name)\" force deleted\n")
        #expect(deleted.stderr == Self.forceWarning)
        let after = healAndAudit(shell, count: 4)
        #expect(!after.contains(young.name))
    }

    @Test func drainWithGracePeriodZeroIsHealedOnTheOtherNodes() {
        let shell = readyShell()
        let wide = shell.rows("get pods -o wide")
        let node = wide[0]["NODE"]!
        let onNode = wide.filter { $0["NODE"] == node }.map { $0["NAME"]! }
        let drain = shell.run("kubectl drain \(node) --grace-period=0 --ignore-daemonsets")
        #expect(!drain.failed)
        #expect(drain.stdout == "node/\(node) cordoned\n"
                + onNode.map { "evicting pod default/\($0)\n" }.joined()
                + onNode.map { "pod/\($0) evicted\n" }.joined()
                + "node/\(node) drained\n")
        let after = healAndAudit(shell, count: 3)
        #expect(Set(after).isDisjoint(with: onNode))
        #expect(shell.rows("get pods -o wide").allSatisfy { $0["NODE"] != node })
    }

    @Test func deletingAPendingPodIsHealed() {
        let shell = Shell(seed: 7)
        for node in ["node-1", "node-2", "node-3"] { shell.run("kubectl cordon \(node)") }
        shell.run("kubectl create deployment web --image=nginx:1.25 --replicas=3")
        shell.advance(5)
        let pending = shell.rows("get pods")
        #expect(pending.count == 3 && pending.allSatisfy { $0["STATUS"] == "Pending" })
        let victim = pending[1]["NAME"]!
        // A Pending pod has no kubelet to confirm: the API server removes it at once.
        #expect(shell.out("kubectl delete pod \(victim)") == "pod \"\(victim)\" deleted\n")
        #expect(shell.cluster.store.get(Pod.self, victim, namespace: "default") == nil)
        shell.advance(1)
        let replaced = shell.rows("get pods")
        #expect(replaced.count == 3 && !replaced.contains { $0["NAME"] == victim })
        #expect(shell.rows("get rs").first?["CURRENT"] == "3")
        #expect(deploymentReady(shell)! == (0, 3))
        for node in ["node-1", "node-2", "node-3"] { shell.run("kubectl uncordon \(node)") }
        let after = healAndAudit(shell, count: 3)
        #expect(!after.contains(victim))
    }

    @Test func gracePeriodFlagsFollowKubectl() {
        let shell = readyShell()
        let pods = shell.names("get pods")
        // --grace-period=0 without --force is turned into 1 second, not refused.
        let soft = shell.run("kubectl delete pod \(pods[0]) --grace-period=0 --wait=false")
        #expect(!soft.failed && soft.stderr.isEmpty)
        #expect(soft.stdout == "pod \"\(pods[0])\" deleted\n")
        #expect(shell.cluster.store.get(Pod.self, pods[0], namespace: "default")?.metadata.deletionGracePeriodSeconds == 1)

        let both = shell.run("kubectl delete pod \(pods[1]) --force --grace-period=5")
        #expect(both.failed)
        #expect(both.stderr == "error: --force and --grace-period greater than 0 cannot be specified together\n")
        let now = shell.run("kubectl delete pod \(pods[1]) --now --grace-period=3")
        #expect(now.failed)
        #expect(now.stderr == "error: --now and --grace-period cannot be specified together\n")
        #expect(shell.cluster.store.get(Pod.self, pods[1], namespace: "default")?.isTerminating == false)
        healAndAudit(shell, count: 3)
    }
}
