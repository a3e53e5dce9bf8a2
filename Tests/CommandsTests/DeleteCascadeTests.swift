import Testing
@testable import Cluster
@testable import Commands

/// `kubectl delete --cascade`: what happens to the dependents, in kubectl's words, through the
/// same store deletion the API's propagationPolicy reaches.
@Suite struct DeleteCascadeTests {
    /// A two-replica deployment, rolled out.
    static func shell() -> Shell {
        let shell = Shell(seed: 8)
        shell.run("kubectl create deployment web --image=nginx --replicas=2")
        shell.run("kubectl rollout status deployment/web")
        return shell
    }

    @Test func orphanKeepsTheReplicaSetAndPodsWithoutTheirOwner() throws {
        let shell = Self.shell()
        let rs = try #require(shell.cluster.store.list(ReplicaSet.self, namespace: "default").first)
        let result = shell.run("kubectl delete deployment web --cascade=orphan")
        #expect(result.stdout == "deployment.apps \"web\" deleted\n" && result.stderr == "")
        shell.advance(60)
        #expect(shell.cluster.store.get(Deployment.self, "web", namespace: "default") == nil)
        let kept = try #require(shell.cluster.store.get(ReplicaSet.self, rs.name, namespace: "default"))
        #expect(kept.metadata.ownerReferences.isEmpty)
        let pods = shell.cluster.store.pods(ownedBy: rs.metadata.uid)
        #expect(pods.count == 2 && pods.allSatisfy { $0.isReady && !$0.isTerminating })
        // The ReplicaSet, now on its own, still keeps its pods: orphaning them too leaves bare pods.
        let again = shell.run("kubectl delete rs \(rs.name) --cascade=false")
        #expect(again.stderr == "warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n")
        shell.advance(60)
        let bare = shell.cluster.store.list(Pod.self, namespace: "default")
        #expect(bare.count == 2 && bare.allSatisfy { $0.metadata.ownerReferences.isEmpty && $0.isReady })
    }

    /// A deployment made again after `--cascade=orphan` adopts the ReplicaSet its selector
    /// matches (its template is the same, so it is the new ReplicaSet): no second one, no
    /// collision, the same two pods.
    @Test func aDeploymentMadeAgainAdoptsItsOrphanedReplicaSet() throws {
        let shell = Self.shell()
        let rs = try #require(shell.cluster.store.list(ReplicaSet.self, namespace: "default").first)
        let pods = Set(shell.cluster.store.pods(ownedBy: rs.metadata.uid).map(\.name))
        shell.run("kubectl delete deployment web --cascade=orphan")
        shell.run("kubectl create deployment web --image=nginx --replicas=2")
        shell.run("kubectl rollout status deployment/web")
        shell.advance(30)
        let d = try #require(shell.cluster.store.get(Deployment.self, "web", namespace: "default"))
        let replicaSets = shell.cluster.store.list(ReplicaSet.self, namespace: "default")
        #expect(replicaSets.map(\.metadata.uid) == [rs.metadata.uid])
        #expect(replicaSets.first?.metadata.controllerRef?.uid == d.metadata.uid)
        #expect(d.status.collisionCount == 0 && d.status.readyReplicas == 2)
        #expect(Set(shell.cluster.store.list(Pod.self, namespace: "default").map(\.name)) == pods)
    }

    /// A ReplicaSet relabelled out of its deployment's selector is released (it keeps its pods)
    /// and the deployment makes a new one.
    @Test func aReplicaSetRelabelledOutOfTheSelectorIsReleased() throws {
        let shell = Self.shell()
        let rs = try #require(shell.cluster.store.list(ReplicaSet.self, namespace: "default").first)
        #expect(!shell.run("kubectl label rs \(rs.name) app=kept --overwrite").failed)
        shell.advance(30)
        let released = try #require(shell.cluster.store.get(ReplicaSet.self, rs.name, namespace: "default"))
        #expect(released.metadata.ownerReferences.isEmpty)
        #expect(shell.cluster.store.pods(ownedBy: rs.metadata.uid).count == 2)
        let d = try #require(shell.cluster.store.get(Deployment.self, "web", namespace: "default"))
        let owned = shell.cluster.store.replicaSets(ownedBy: d.metadata.uid)
        #expect(owned.count == 1 && owned.first?.name != rs.name)
    }

    @Test(arguments: ["--cascade", "--cascade=background", "--cascade=true", "--cascade=foreground"])
    func theOtherStrategiesTakeTheDependentsAlong(flag: String) throws {
        let shell = Self.shell()
        let result = shell.run("kubectl delete deployment web \(flag)")
        #expect(result.stdout == "deployment.apps \"web\" deleted\n")
        #expect(result.stderr == (flag == "--cascade=true"
            ? "warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n" : ""))
        shell.advance(60)
        #expect(shell.cluster.store.list(ReplicaSet.self, namespace: "default").isEmpty)
        #expect(shell.cluster.store.list(Pod.self, namespace: "default").isEmpty)
    }

    @Test func foregroundDeletesTheDependentsAtOnce() throws {
        let shell = Self.shell()
        shell.run("kubectl delete deployment web --cascade=foreground --wait=false")
        // No wait for the garbage collector: the ReplicaSet is gone and its pods Terminating.
        #expect(shell.cluster.store.list(ReplicaSet.self, namespace: "default").isEmpty)
        let pods = shell.cluster.store.list(Pod.self, namespace: "default")
        #expect(pods.count == 2 && pods.allSatisfy { $0.isTerminating })
    }

    @Test func anUnknownStrategyIsRefusedBeforeAnythingGoes() {
        let shell = Self.shell()
        let result = shell.run("kubectl delete deployment web --cascade=all")
        #expect(result.failed)
        #expect(result.stderr == "error: invalid cascade value (all). Must be \"background\", \"foreground\", or \"orphan\"\n")
        #expect(shell.cluster.store.get(Deployment.self, "web", namespace: "default") != nil)
    }
}
