import Testing
@testable import Cluster

/// The store files namespaced objects by namespace and name, as the API server's storage keys
/// them, and NamespaceLifecycle admission guards what goes in.
struct NamespaceStoreTests {
    func inNamespace(_ deployment: Deployment, _ namespace: String) -> Deployment {
        var d = deployment
        d.metadata.namespace = namespace
        return d
    }

    @Test func theSameNameInTwoNamespacesIsTwoObjectsListedInKeyOrder() throws {
        let cluster = Cluster(seed: 1)
        try cluster.store.create(Namespace(name: "team-a"))
        let a = try cluster.store.create(inNamespace(makeDeployment("web"), "team-a"))
        let b = try cluster.store.create(makeDeployment("web"))
        #expect(a.metadata.uid != b.metadata.uid)
        #expect(throws: APIError.alreadyExists(.deployment, "web")) { try cluster.store.create(makeDeployment("web")) }
        #expect(cluster.store.list(Deployment.self).map(\.key.description) == ["default/web", "team-a/web"])
        #expect(cluster.store.list(Deployment.self, namespace: "team-a").map(\.metadata.uid) == [a.metadata.uid])
        // Cluster-scoped objects have no namespace.
        #expect(cluster.store.get(Namespace.self, "team-a")?.metadata.namespace == "")
        #expect(cluster.store.get(Node.self, "node-1")?.key == ObjectKey(namespace: "", name: "node-1"))
        try cluster.store.delete(Deployment.self, "web", namespace: "team-a")
        #expect(cluster.store.get(Deployment.self, "web", namespace: "default")?.metadata.uid == b.metadata.uid)
    }

    @Test func podsCannotBeCreatedInATerminatingNamespace() throws {
        let cluster = Cluster(seed: 1)
        try cluster.store.create(Namespace(name: "team-a"))
        try cluster.store.delete(Namespace.self, "team-a")
        let ns = try #require(cluster.store.get(Namespace.self, "team-a"))
        #expect(ns.phase == "Terminating" && ns.isTerminating)
        // Admission runs before a generated name exists, so the message names none.
        var pod = Pod(metadata: ObjectMeta(generateName: "web-", namespace: "team-a"),
                      spec: PodSpec(containers: [Container(name: "web", image: "nginx")]))
        #expect(throws: APIError(.forbidden, "pods is forbidden: unable to create new content in namespace team-a because it is being terminated")) {
            try cluster.store.create(pod)
        }
        pod.metadata.name = "web"
        #expect(throws: APIError(.forbidden, "pods \"web\" is forbidden: unable to create new content in namespace team-a because it is being terminated")) {
            try cluster.store.create(pod)
        }
        // Empty, it goes at the namespace controller's next sync.
        cluster.advance(by: .seconds(5))
        #expect(cluster.store.get(Namespace.self, "team-a") == nil)
    }

    /// Admission remembers the namespace it last let an object into; a namespace going into
    /// Terminating, or gone, must still refuse the next object, however recently it admitted one.
    @Test func aNamespaceThatJustAdmittedAnObjectRefusesTheNextOnceTerminatingOrGone() throws {
        let cluster = Cluster(seed: 1)
        try cluster.store.create(Namespace(name: "team-a"))
        func pod(_ name: String) -> Pod {
            Pod(metadata: ObjectMeta(name: name, namespace: "team-a"), spec: PodSpec(containers: [Container(name: "web", image: "nginx")]))
        }
        try cluster.store.create(pod("web-1"))
        try cluster.store.create(pod("web-2"))
        try cluster.store.delete(Namespace.self, "team-a")
        #expect(throws: APIError(.forbidden, "pods \"web-3\" is forbidden: unable to create new content in namespace team-a because it is being terminated")) {
            try cluster.store.create(pod("web-3"))
        }
        cluster.advance(by: .seconds(60))
        #expect(cluster.store.get(Namespace.self, "team-a") == nil)
        #expect(throws: APIError.notFound(.namespace, "team-a")) { try cluster.store.create(pod("web-4")) }
        // Made again, it admits again.
        try cluster.store.create(Namespace(name: "team-a"))
        #expect(try cluster.store.create(pod("web-5")).metadata.namespace == "team-a")
    }
}
