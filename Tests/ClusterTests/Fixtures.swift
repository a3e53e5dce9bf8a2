@testable import Cluster

/// A Deployment as `kubectl create deployment NAME --image=IMAGE --replicas=N` builds it.
func makeDeployment(_ name: String, image: String = "kiamol/ch02-hello-kiamol", replicas: Int = 1) -> Deployment {
    let labels = ["app": name]
    let container = Container(name: String(image.split(separator: "/").last!.split(separator: ":").first!), image: image)
    return Deployment(metadata: ObjectMeta(name: name, labels: labels),
                      spec: DeploymentSpec(replicas: replicas, selector: LabelSelector(matchLabels: labels),
                                           template: PodTemplate(labels: labels, spec: PodSpec(containers: [container]))))
}

/// The pod alphabet and shape of generated names.
let nameAlphabet = "[bcdfghjklmnpqrstvwxz2456789]"

extension Cluster {
    func pods(app: String) -> [Pod] { store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": app])) }

    func runningReadyPods(app: String) -> [Pod] {
        pods(app: app).filter { $0.status.phase == "Running" && $0.isReady && !$0.isTerminating }
    }

    /// Advances virtual time until `app` has exactly `count` Running, Ready pods and nothing else.
    @discardableResult
    func settle(app: String, count: Int, timeout: SimDuration = .seconds(120)) -> Bool {
        advance(until: { self.pods(app: app).count == count && self.runningReadyPods(app: app).count == count }, timeout: timeout)
    }

    func events(reason: String) -> [Event] {
        store.list(Event.self).filter { $0.reason == reason }.sorted { ($0.firstTimestamp ?? .zero, $0.name) < ($1.firstTimestamp ?? .zero, $1.name) }
    }

    func replicaSet(of deployment: String) -> ReplicaSet? {
        guard let d = store.get(Deployment.self, deployment, namespace: "default") else { return nil }
        return store.replicaSets(ownedBy: d.metadata.uid).first
    }
}
