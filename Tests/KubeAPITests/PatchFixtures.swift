import Cluster
import Commands
import KubeAPI

/// Objects as the API serves them (ObjectEncoder), from a seeded cluster running the demo deployment.
enum PatchFixtures {
    static func cluster() -> Cluster {
        let cluster = Cluster(seed: 7)
        DemoDeployment.create(in: cluster)
        cluster.advance(by: .seconds(30))
        return cluster
    }

    static func deployment() throws -> JSONValue {
        let cluster = cluster()
        guard let d = cluster.store.get(Deployment.self, DemoDeployment.name, namespace: "default") else { throw Missing() }
        return ObjectEncoder.encode(d)
    }

    static func pod() throws -> JSONValue {
        guard let p = cluster().store.list(Pod.self, namespace: "default").first else { throw Missing() }
        return ObjectEncoder.encode(p)
    }

    struct Missing: Error {}

    static func json(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }
}
