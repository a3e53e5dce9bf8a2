import Testing
@testable import Cluster

/// Lists keep their key order (namespace, then name) while the store remembers it between
/// lists: objects that come or go between two lists are in the next, in their place, and
/// updates are seen.
@Suite struct ListOrderTests {
    func deployment(_ name: String, in namespace: String = "default") -> Deployment {
        var d = makeDeployment(name)
        d.metadata.namespace = namespace
        return d
    }

    func names(_ objects: [any APIObject]) -> [String] { objects.map { "\($0.metadata.namespace)/\($0.name)" } }

    @Test func listsFollowKeysThatComeAndGoAndSeeUpdates() throws {
        let cluster = Cluster(seed: 1, nodes: 0)
        let store = cluster.store
        try store.create(Namespace(name: "a"))
        for name in ["web", "api", "db"] { try store.create(deployment(name)) }
        #expect(names(store.objects(kind: .deployment)) == ["default/api", "default/db", "default/web"])

        try store.create(deployment("cache"))
        try store.create(deployment("web", in: "a"))
        try store.delete(Deployment.self, "db", namespace: "default")
        #expect(names(store.objects(kind: .deployment)) == ["a/web", "default/api", "default/cache", "default/web"])
        #expect(store.list(Deployment.self).map(\.name) == ["web", "api", "cache", "web"])
        #expect(names(store.objects(kind: .deployment, namespace: "default")) == ["default/api", "default/cache", "default/web"])

        try store.modify(Deployment.self, "api", namespace: "default") { $0.spec.replicas = 7 }
        let api = store.objects(kind: .deployment).compactMap { $0 as? Deployment }.first { $0.name == "api" }
        #expect(api?.spec.replicas == 7)
        #expect(store.list(Deployment.self, namespace: "default").first?.spec.replicas == 7)
    }
}
