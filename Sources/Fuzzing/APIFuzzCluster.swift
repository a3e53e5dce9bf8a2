import Cluster
import Commands
import KubeAPI

/// The cluster the HTTP API targets answer from, as `kubesim serve` holds it: system pods, a
/// deployment and service `web` in default, a namespace team-a with a deployment `api`. It is
/// built again after many writes, so the cost of an input stays flat over a long run.
final class APIFuzzCluster {
    private(set) var api: KubeAPIHandler
    private var writes = 0

    init() { api = Self.freshAPI() }

    var cluster: Cluster { api.cluster }
    var store: Store { api.cluster.store }

    static func freshAPI() -> KubeAPIHandler {
        let cluster = Cluster(seed: 7, pace: .demo, nodes: 3)
        try? SystemComponents.install(into: cluster)
        let session = Session(cluster: cluster)
        for line in ["create deployment web --image=nginx --replicas=3 --port=80", "expose deployment web --port=80",
                     "create namespace team-a", "create deployment api -n team-a --image=httpd --replicas=2",
                     "create pdb web --selector=app=web --min-available=1"] {
            _ = session.runToCompletion(line)
        }
        cluster.advance(by: .seconds(30))
        return KubeAPIHandler(cluster: cluster)
    }

    /// Counts a write; past 200 of them, or with the cluster grown past 2,000 pods, starts over.
    func answered(changed: Bool) {
        if changed { writes += 1 }
        if writes >= 200 || store.count(Pod.self) > 2_000 {
            api = Self.freshAPI()
            writes = 0
        }
    }

    /// The first pod of deployment web, which seeds name.
    var webPod: String { store.list(Pod.self, namespace: "default").map(\.metadata.name).filter { $0.hasPrefix("web-") }.sorted().first ?? "web" }

    /// What a GET of `target` answers, as JSON (seeds built from the live objects: an update
    /// sends back what it read, a paged list sends back the continue token it got).
    func json(_ target: String) -> JSONValue? {
        guard let response = api.handle(APIRequest(method: "GET", target: target)).response else { return nil }
        return try? JSONParser.parse(response.body)
    }
}
