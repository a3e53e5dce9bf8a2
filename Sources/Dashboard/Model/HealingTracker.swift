import Cluster

/// One step of a healing chain, as the timeline pane shows it.
public struct HealingStep: Equatable, Sendable {
    public enum State: Sendable { case done, active, pending }
    public var state: State
    public var time: SimTime?
    public var text: String
    public var actor: String
}

/// The latest disruption and how the cluster is repairing it, step by step.
public struct HealingTimeline: Equatable, Sendable {
    public var title: String
    public var steps: [HealingStep]
}

/// Follows the watch stream to reconstruct the chain the seed post describes: a pod is lost
/// (deleted, relabeled out of its ReplicaSet, or evicted from a lost node); the ReplicaSet
/// controller notices and creates a replacement; the scheduler binds it; the kubelet pulls,
/// starts and readies it. Every step is a change in the store, stamped with virtual time.
final class HealingTracker {
    private enum Stage: Int, CaseIterable { case cause, eviction, create, pending, scheduled, pulling, started, ready }

    private struct Chain {
        var title: String
        var nodeLost: String?
        var lostPod: String
        var replicaSetUID: String
        var replicaSet: String
        var image: String
        var replacement: String?
        var node: String?
        var stamps: [Stage: (time: SimTime, text: String, actor: String)] = [:]
    }

    private let store: Store
    private var chain: Chain?
    private let tolerationSeconds: Int

    init(cluster: Cluster) {
        store = cluster.store
        tolerationSeconds = cluster.pace.defaultTolerationSeconds
        store.watch { [unowned self] in self.observe($0) }
    }

    var timeline: HealingTimeline? {
        guard let chain else { return nil }
        let stages: [Stage] = chain.nodeLost == nil ? Stage.allCases.filter { $0 != .eviction } : Stage.allCases
        var steps: [HealingStep] = []
        for stage in stages {
            if let stamp = chain.stamps[stage] {
                let inProgress = stage == .pulling && chain.stamps[.started] == nil
                steps.append(HealingStep(state: inProgress ? .active : .done, time: stamp.time, text: stamp.text, actor: stamp.actor))
            } else {
                steps.append(HealingStep(state: .pending, time: nil, text: placeholder(stage, chain), actor: ""))
            }
        }
        return HealingTimeline(title: chain.title, steps: steps)
    }

    private func placeholder(_ stage: Stage, _ chain: Chain) -> String {
        switch stage {
        case .cause: ""
        case .eviction: "pods on \(chain.nodeLost ?? "the node") evicted after their \(tolerationSeconds)s toleration"
        case .create: "replicaset \(chain.replicaSet) notices and creates a replacement"
        case .pending: "new pod Pending, unscheduled"
        case .scheduled: "scheduled to a node"
        case .pulling: "kubelet pulls image \(chain.image)"
        case .started: "container started (Running 0/1)"
        case .ready: "Ready 1/1 → replicaset back to desired"
        }
    }

    private func stamp(_ stage: Stage, _ text: String, _ actor: String) {
        guard chain != nil, chain!.stamps[stage] == nil else { return }
        chain!.stamps[stage] = (store.now, text, actor)
    }

    private func begin(title: String, pod: Pod, nodeLost: String? = nil) -> Bool {
        guard let ref = pod.metadata.controllerRef, ref.kind == "ReplicaSet" else { return false }
        chain = Chain(title: title, nodeLost: nodeLost, lostPod: pod.name, replicaSetUID: ref.uid, replicaSet: ref.name,
                      image: pod.spec.containers.first?.image ?? "")
        return true
    }

    private func observe(_ event: WatchEvent) {
        switch event.kind {
        case .node: observeNode(event)
        case .pod: observePod(event)
        default: break
        }
    }

    private func observeNode(_ event: WatchEvent) {
        guard event.type == .modified, let old = event.old as? Node, let node = event.object as? Node,
              old.isReady, node.status.condition("Ready")?.status == "Unknown" else { return }
        // Follow the first pod of a ReplicaSet on the lost node.
        guard let pod = store.pods(onNode: node.name).first(where: { $0.metadata.controllerRef?.kind == "ReplicaSet" && !$0.isTerminating }),
              begin(title: "node \(node.name) lost", pod: pod, nodeLost: node.name) else { return }
        stamp(.cause, "node \(node.name) stopped renewing its lease → NotReady, tainted unreachable", "node-controller")
    }

    private func observePod(_ event: WatchEvent) {
        let pod = event.object as! Pod
        let old = event.old as? Pod
        switch event.type {
        case .modified where old?.metadata.deletionTimestamp == nil && pod.metadata.deletionTimestamp != nil:
            if let lost = chain?.nodeLost, pod.spec.nodeName == lost {
                if pod.name == chain?.lostPod { stamp(.eviction, "pod \(pod.name) evicted after its \(tolerationSeconds)s toleration", "taint-eviction-controller") }
            } else if pod.status.condition("DisruptionTarget")?.reason == "EvictionByEvictionAPI" {
                if begin(title: "pod \(pod.name) evicted", pod: pod) {
                    stamp(.cause, "pod \(pod.name) evicted (kubectl drain → eviction API, deletionTimestamp set)", "API server → etcd")
                }
            } else if begin(title: "pod \(pod.name) deleted", pod: pod) {
                stamp(.cause, "pod \(pod.name) deleted (deletionTimestamp set)", "API server → etcd")
            }
        case .modified where old?.metadata.controllerRef != nil && pod.metadata.controllerRef == nil:
            if let old, begin(title: "pod \(pod.name) relabeled", pod: old) {
                let labels = pod.metadata.labels.keys.sorted().map { "\($0)=\(pod.metadata.labels[$0]!)" }.joined(separator: ",")
                stamp(.cause, "pod \(pod.name) relabeled (\(labels)) → released, keeps running", "replicaset-controller")
            }
        case .added:
            guard var chain, chain.replacement == nil, pod.metadata.controllerRef?.uid == chain.replicaSetUID,
                  chain.stamps[.cause] != nil, chain.nodeLost == nil || chain.stamps[.eviction] != nil else { return }
            chain.replacement = pod.name
            self.chain = chain
            let desired = store.get(ReplicaSet.self, chain.replicaSet)?.spec.replicas ?? 0
            let active = store.pods(ownedBy: chain.replicaSetUID).filter(\.isActive).count
            stamp(.create, "replicaset \(chain.replicaSet) sees \(active - 1) of \(desired) → creates \(pod.name)", "replicaset-controller")
            stamp(.pending, "pod \(pod.name) Pending, unscheduled", "API server")
        case .modified where pod.name == chain?.replacement:
            if old?.isScheduled == false && pod.isScheduled {
                chain?.node = pod.spec.nodeName
                stamp(.scheduled, "scheduled to \(pod.spec.nodeName)", "default-scheduler")
            }
            let kubelet = "kubelet \(pod.spec.nodeName)"
            if old?.status.containerStatuses.isEmpty == true && !pod.status.containerStatuses.isEmpty {
                stamp(.pulling, "pulling image \(chain?.image ?? "")", kubelet)
            }
            if old?.status.phase != "Running" && pod.status.phase == "Running" { stamp(.started, "container started (Running 0/1)", kubelet) }
            if old?.isReady == false && pod.isReady, let chain {
                let desired = store.get(ReplicaSet.self, chain.replicaSet)?.spec.replicas ?? 0
                let ready = store.pods(ownedBy: chain.replicaSetUID).filter { $0.isActive && $0.isReady }.count
                stamp(.ready, "Ready 1/1 → replicaset \(chain.replicaSet) \(ready) of \(desired) ready", kubelet)
            }
        default:
            break
        }
    }
}
