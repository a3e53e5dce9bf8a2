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
