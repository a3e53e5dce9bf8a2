import Cluster

/// One disruption of a chaos run, named by small numbers and resolved against the cluster only
/// when it runs ("the third pod", "the second node"): a run with some actions removed (while
/// shrinking) still acts on objects that exist. Each becomes the kubectl or `sim` lines a user
/// would type, so a run is a `kubesim run` script.
public enum ChaosAction: Equatable, Sendable {
    case killPod(Int)
    /// Takes a pod out of its ReplicaSet (`app=stray`); `relabelBack` returns a stray one.
    case relabelPod(Int)
    case relabelBack(Int)
    case scale(deployment: Int, replicas: Int)
    case cordon(node: Int)
    case uncordon(node: Int)
    case drain(node: Int)
    case failNode(Int)
    case recoverNode(Int)
    case addNode
    case createDeployment(replicas: Int)
    case deleteDeployment(Int)
    case rollout(deployment: Int, image: Int)
    case badImage(deployment: Int)
    /// The end of a run: every node recovered and uncordoned, good images back, strays removed.
    case heal

    /// The kinds `--actions` names.
    public enum Kind: String, CaseIterable, Sendable {
        case kill, relabel, scale, cordon, drain, fail, addNode = "add-node", create, delete, rollout, badImage = "bad-image"
    }

    public var kind: String {
        switch self {
        case .killPod: "kill"
        case .relabelPod, .relabelBack: "relabel"
        case .scale: "scale"
        case .cordon, .uncordon: "cordon"
        case .drain: "drain"
        case .failNode, .recoverNode: "fail"
        case .addNode: "add-node"
        case .createDeployment: "create"
        case .deleteDeployment: "delete"
        case .rollout: "rollout"
        case .badImage: "bad-image"
        case .heal: "heal"
        }
    }

    static let namespace = "default"
    static let goodImages = ["nginx:1.25", "nginx:1.26", "nginx:1.27"]
    /// Declared missing at the start of every run (`sim image … --missing`).
    static let missingImage = "registry.example/chaos/missing:1.0"
    static let mostNodes = 8
    static let strayLabel = "stray"
    static let originLabel = "chaos-from"

    /// The lines that carry the action out in `cluster` now; empty when there is nothing to act on.
    func lines(in cluster: Cluster) -> [String] {
        let store = cluster.store
        let pods = store.list(Pod.self, namespace: Self.namespace).filter { !$0.isTerminating }
        let nodes = store.list(Node.self)
        let deployments = store.list(Deployment.self, namespace: Self.namespace)
        func pick<T>(_ items: [T], _ index: Int) -> T? { items.isEmpty ? nil : items[index % items.count] }
        switch self {
        case .killPod(let i):
            return pick(pods, i).map { ["delete pod \($0.name) --wait=false"] } ?? []
        case .relabelPod(let i):
            let owned = pods.filter { $0.metadata.controllerRef != nil && $0.metadata.labels["app"] != nil }
            return pick(owned, i).map { ["label pod \($0.name) app=\(Self.strayLabel) \(Self.originLabel)=\($0.metadata.labels["app"]!) --overwrite"] } ?? []
        case .relabelBack(let i):
            let strays = pods.filter { $0.metadata.labels["app"] == Self.strayLabel && $0.metadata.labels[Self.originLabel] != nil }
            return pick(strays, i).map { ["label pod \($0.name) app=\($0.metadata.labels[Self.originLabel]!) \(Self.originLabel)- --overwrite"] } ?? []
        case .scale(let d, let replicas):
            return pick(deployments, d).map { ["scale deployment \($0.name) --replicas=\(replicas)"] } ?? []
        case .cordon(let n):
            return pick(nodes, n).map { ["cordon \($0.name)"] } ?? []
        case .uncordon(let n):
            return pick(nodes, n).map { ["uncordon \($0.name)"] } ?? []
        case .drain(let n):
            return pick(nodes, n).map { ["drain \($0.name) --ignore-daemonsets --delete-emptydir-data --force --timeout=2m"] } ?? []
        case .failNode(let n):
            return pick(nodes.filter { cluster.kubeletIsRunning($0.name) }, n).map { ["sim fail \($0.name)"] } ?? []
        case .recoverNode(let n):
            return pick(nodes.filter { !cluster.kubeletIsRunning($0.name) }, n).map { ["sim recover \($0.name)"] } ?? []
        case .addNode:
            // Bounded, so a long run's cost (every node's heartbeats) stays flat.
            return nodes.count < Self.mostNodes ? ["sim add-node"] : []
        case .createDeployment(let replicas):
            let taken = Set(deployments.map(\.name))
            let name = (1...).lazy.map { "chaos-\($0)" }.first { !taken.contains($0) }!
            return ["create deployment \(name) --image=\(Self.goodImages[0]) --replicas=\(replicas)"]
        case .deleteDeployment(let d):
            return pick(deployments, d).map { ["delete deployment \($0.name)"] } ?? []
        case .rollout(let d, let image):
            return pick(deployments, d).map { ["set image deployment/\($0.name) \(Self.container($0))=\(Self.goodImages[image % Self.goodImages.count])"] } ?? []
        case .badImage(let d):
            return pick(deployments, d).map { ["set image deployment/\($0.name) \(Self.container($0))=\(Self.missingImage)"] } ?? []
        case .heal:
            var lines = nodes.filter { !cluster.kubeletIsRunning($0.name) }.map { "sim recover \($0.name)" }
            lines += nodes.filter(\.spec.unschedulable).map { "uncordon \($0.name)" }
            lines += deployments.filter { $0.spec.template.spec.containers.contains { $0.image == Self.missingImage } }
                .map { "set image deployment/\($0.name) \(Self.container($0))=\(Self.goodImages[0])" }
            if pods.contains(where: { $0.metadata.labels["app"] == Self.strayLabel }) {
                lines.append("delete pods -l app=\(Self.strayLabel) --wait=false")
            }
            return lines
        }
    }

    private static func container(_ d: Deployment) -> String { d.spec.template.spec.containers.first?.name ?? "" }
}
