import Foundation
import Testing
@testable import Cluster
@testable import Commands

/// Namespaces as kubectl 1.33 and the API server show them: the four a cluster starts with,
/// objects of the same name side by side, `-n` and `-A`, and deletion that empties a namespace
/// before it goes.
struct NamespaceTests {
    /// A shell with `team-a` created and `web` (2 replicas) running in both it and `default`.
    func twoTeams() -> Shell {
        let shell = Shell()
        #expect(shell.out("create namespace team-a") == "namespace/team-a created\n")
        shell.run("create deployment web --image=nginx:1.27 --replicas=2")
        #expect(shell.out("create deployment web --image=nginx:1.27 --replicas=2 -n team-a") == "deployment.apps/web created\n")
        shell.advance(30)
        return shell
    }

    @Test func aClusterStartsWithTheFourNamespacesKubeadmMakes() {
        let shell = Shell()
        let rows = shell.rows("get namespaces")
        #expect(shell.out("get ns").hasPrefix("NAME              STATUS   AGE\n"))
        #expect(rows.map { $0["NAME"]! } == ["default", "kube-node-lease", "kube-public", "kube-system"])
        #expect(rows.allSatisfy { $0["STATUS"] == "Active" })
        // Node leases live in kube-node-lease, one per node.
        #expect(shell.cluster.store.list(Lease.self, namespace: "kube-node-lease").map(\.name) == ["node-1", "node-2", "node-3"])
        #expect(shell.cluster.store.list(Lease.self, namespace: "default").isEmpty)
    }

    @Test func theSameNameLivesInTwoNamespacesEachWithItsOwnPods() throws {
        let shell = twoTeams()
        let store = shell.cluster.store
        let mine = try #require(store.get(Deployment.self, "web", namespace: "default"))
        let theirs = try #require(store.get(Deployment.self, "web", namespace: "team-a"))
        #expect(mine.metadata.uid != theirs.metadata.uid)
        #expect(mine.status.readyReplicas == 2 && theirs.status.readyReplicas == 2)
        // Each ReplicaSet claims only the pods of its own namespace (the selectors are the same).
        let defaultPods = shell.names("get pods")
        let teamPods = shell.names("get pods -n team-a")
        #expect(defaultPods.count == 2 && teamPods.count == 2)
        #expect(Set(defaultPods).isDisjoint(with: teamPods))
        for pod in store.list(Pod.self, namespace: "team-a") {
            let owner = try #require(pod.metadata.controllerRef)
            #expect(store.get(ReplicaSet.self, owner.name, namespace: "team-a")?.metadata.uid == owner.uid)
        }
        // Acting on one leaves the other alone.
        #expect(shell.out("scale deployment web --replicas=3 -n team-a") == "deployment.apps/web scaled\n")
        shell.advance(30)
        #expect(shell.names("get pods -n team-a").count == 3)
        #expect(shell.names("get pods").count == 2)
        // The scheduler names the namespace in its event.
        let scheduled = store.list(Event.self, namespace: "team-a").filter { $0.reason == "Scheduled" }.map(\.message)
        #expect(scheduled.count == 3)
        #expect(scheduled.allSatisfy { $0.hasPrefix("Successfully assigned team-a/web-") })
        #expect(store.list(Event.self, namespace: "default").filter { $0.reason == "Scheduled" }
            .allSatisfy { $0.message.hasPrefix("Successfully assigned default/web-") })
    }

    @Test func allNamespacesPutsTheNamespaceColumnFirst() {
        let shell = twoTeams()
        let table = shell.out("get deployments -A")
        #expect(table.hasPrefix("NAMESPACE   NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n"))
        let rows = shell.rows("get pods --all-namespaces")
        #expect(rows.map { $0["NAMESPACE"]! } == ["default", "default", "team-a", "team-a"])
        #expect(rows.allSatisfy { $0["NAME"]!.hasPrefix("web-") && $0["STATUS"] == "Running" })
        #expect(shell.run("get pod x -A").stderr == "error: a resource cannot be retrieved by name across all namespaces\n")
        // Cluster-scoped kinds have no namespace column.
        #expect(shell.out("get nodes -A").hasPrefix("NAME     STATUS   ROLES    AGE   VERSION\n"))
    }

    @Test func anEmptyNamespaceSaysWhichOneItLookedIn() {
        let shell = Shell()
        let pods = shell.run("get pods -n kube-public")
        #expect(!pods.failed && pods.stdout.isEmpty)
        #expect(pods.stderr == "No resources found in kube-public namespace.\n")
        #expect(shell.run("get deploy --namespace=nowhere").stderr == "No resources found in nowhere namespace.\n")
        #expect(shell.run("get pods -A").stderr == "No resources found\n")
        #expect(shell.run("describe pods -n kube-public").stderr == "No resources found in kube-public namespace.\n")
    }

    @Test func creatingIntoAMissingNamespaceIsNotFound() throws {
        let shell = Shell()
        let created = shell.run("create deployment web --image=nginx -n nowhere")
        #expect(created.failed)
        #expect(created.stderr == "error: failed to create deployment: namespaces \"nowhere\" not found\n")
        #expect(throws: APIError.notFound(.namespace, "nowhere")) {
            try shell.cluster.store.create(Pod(metadata: ObjectMeta(name: "x", namespace: "nowhere"),
                                               spec: PodSpec(containers: [Container(name: "x", image: "nginx")])))
        }
    }

    @Test func deletingANamespaceTerminatesItUntilItsContentsAreGone() throws {
        let shell = twoTeams()
        let teamPods = shell.names("get pods -n team-a")
        let deleted = shell.run("delete namespace team-a --wait=false")
        #expect(deleted.stdout == "namespace \"team-a\" deleted\n")
        let row = try #require(shell.rows("get ns team-a").first)
        #expect(row["STATUS"] == "Terminating")
        // NamespaceLifecycle admission refuses new content while it terminates.
        let late = shell.run("create deployment late --image=nginx -n team-a")
        #expect(late.stderr == "error: failed to create deployment: deployments.apps \"late\" is forbidden: unable to create new content in namespace team-a because it is being terminated\n")
        // Its pods stop gracefully (Terminating), and the namespace stays until they are gone.
        shell.advance(1)
        #expect(shell.rows("get pods -n team-a").allSatisfy { $0["STATUS"] == "Terminating" })
        #expect(shell.rows("get ns team-a").first?["STATUS"] == "Terminating")
        // The namespace controller says what is left, in its conditions.
        let described = shell.out("describe ns team-a")
        #expect(described.contains("Status:       Terminating\nConditions:\n  Type                                         Status  LastTransitionTime               Reason                  Message\n"))
        #expect(described.contains("  NamespaceContentRemaining                    True    "))
        #expect(described.contains("SomeResourcesRemain     Some resources are remaining: pods. has 2 resource instances\n"))
        #expect(described.contains("  NamespaceDeletionContentFailure              False   "))
        #expect(shell.out("get ns team-a -o jsonpath={.status.conditions[3].message}") == "Some resources are remaining: pods. has 2 resource instances")
        shell.advance(60)
        #expect(shell.run("get ns team-a").stderr == "Error from server (NotFound): namespaces \"team-a\" not found\n")
        #expect(shell.run("get pods -n team-a").stderr == "No resources found in team-a namespace.\n")
        for kind in [Kind.deployment, .replicaSet, .pod, .event] {
            #expect(shell.cluster.store.objects(kind: kind, namespace: "team-a").isEmpty, "\(kind) left in team-a")
        }
        #expect(teamPods.allSatisfy { shell.cluster.store.get(Pod.self, $0, namespace: "team-a") == nil })
        // The other namespace's web is untouched.
        #expect(shell.names("get pods").count == 2)
        #expect(shell.cluster.store.get(Deployment.self, "web", namespace: "default")?.status.readyReplicas == 2)
    }

    @Test func deleteNamespaceWaitsUntilItIsGone() {
        let shell = twoTeams()
        let started = shell.cluster.now
        let deleted = shell.run("delete ns team-a")
        #expect(deleted.stdout == "namespace \"team-a\" deleted\n" && !deleted.failed)
        #expect(shell.cluster.now > started)
        #expect(!shell.cluster.store.namespaceExists("team-a"))
    }

    @Test func describeNamespacePrintsKubectlsLayout() {
        let shell = Shell()
        shell.run("create ns team-a")
        #expect(shell.out("describe namespace team-a") == """
            Name:         team-a
            Labels:       kubernetes.io/metadata.name=team-a
            Annotations:  <none>
            Status:       Active

            No resource quota.

            No LimitRange resource.

            """)
    }

    @Test func everyCommandTakesTheNamespaceFlag() throws {
        let shell = twoTeams()
        let pod = shell.names("get pods -n team-a")[0]
        #expect(shell.run("get pod \(pod)").stderr == "Error from server (NotFound): pods \"\(pod)\" not found\n")
        #expect(shell.out("get pod \(pod) -n team-a").contains(pod))
        #expect(shell.out("describe pod \(pod) -n team-a").contains("Namespace:        team-a\n"))
        #expect(shell.out("label pod \(pod) tier=web -n team-a") == "pod/\(pod) labeled\n")
        #expect(shell.cluster.store.get(Pod.self, pod, namespace: "team-a")?.metadata.labels["tier"] == "web")
        #expect(shell.out("get pods -n team-a -l tier=web").contains(pod))
        #expect(shell.run("get pods -l tier=web").stderr == "No resources found in default namespace.\n")
        #expect(shell.out("delete pod \(pod) -n team-a --wait=false") == "pod \"\(pod)\" deleted\n")
        #expect(shell.cluster.store.get(Pod.self, pod, namespace: "team-a")?.isTerminating == true)
        // Drain evicts the node's pods whatever their namespace, naming each.
        let node = try #require(shell.cluster.store.list(Pod.self, namespace: "team-a").first { !$0.isTerminating }?.spec.nodeName)
        let drain = shell.run("drain \(node) --ignore-daemonsets")
        let onNode = drain.stdout.split(separator: "\n").filter { $0.hasPrefix("evicting pod ") }
        #expect(onNode.contains { $0.hasPrefix("evicting pod team-a/web-") })
        #expect(drain.stdout.hasSuffix("node/\(node) drained\n"))
    }
}
