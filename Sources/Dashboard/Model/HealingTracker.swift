import Cluster

/// Follows the watch stream to reconstruct what the cluster does after the latest disruption,
/// step by step, each stamped with virtual time and credited to whoever acted: a pod is lost
/// (deleted, force deleted, evicted, relabeled out of its ReplicaSet, or its node lost); the
/// ReplicaSet controller notices and creates a replacement; the scheduler binds it; the kubelet
/// pulls, starts and readies it; the chain completes when the ReplicaSet is back to desired.
/// A scale-down is told as one (victims chosen by rank), not as a loss that never heals.
final class HealingTracker {
    enum Stage {
        case cause, released, adopted, eviction, resized, create, scheduled, pulling, started, ready, victims, restored, gone
    }

    private struct Stamp {
        var time: SimTime
        var text: String
        var actor: String
    }

    private struct Chain {
        var kind: HealingTimeline.Kind
        var title: String
        var plan: [Stage]
        var replicaSetUID: String
        var replicaSet: String
        var replicaSetNamespace = "default"
        var image: String
        /// Pods whose loss started the chain (several when one command removed several).
        var lost: [String] = []
        var nodeLost: String?
        var evicted: [String] = []
        /// The pod whose labels changed (relabel away, or back for adoption).
        var relabeled: String?
        var created: [String] = []
        /// Active pods the ReplicaSet had when it started creating or deleting.
        var countBefore = 0
        var victims: [String] = []
        /// The first victims with the ranking rule that chose each (the rest are only counted).
        var explained: [String] = []
        var remaining: Set<String> = []
        var stamps: [Stage: Stamp] = [:]
        /// The pod whose container creation the image step tells of.
        var imagePod: String?
        /// A Deployment's ReplicaSet scaled by itself (`kubectl scale rs`, `+` on it): the
        /// count its deployment controller sets it back to.
        var overruledTo: Int?

        var replacement: String? { created.first }
        /// A scale reaches a new count; everything else (a loss, a surplus, a scale set back)
        /// returns to the one it had.
        var reachesNewCount: Bool { (kind == .scaleUp || kind == .scaleDown) && overruledTo == nil }
        func has(_ stage: Stage) -> Bool { stamps[stage] != nil }
    }

    /// A Deployment's replicas change, waiting for the deployment controller to pass it on.
    private struct ScaleRequest {
        var from: Int, to: Int
        var time: SimTime
        var actor: String
    }

    private let store: Store
    private var chain: Chain?
    /// Active pods per owning ReplicaSet uid, kept from the watch stream, so judging a deletion
    /// (replaced, or surplus?) never lists pods: scaling by 100,000 must not cost n² here.
    private var activeOwned: [String: Int] = [:]
    private var scaleRequests: [String: ScaleRequest] = [:]
    private let tolerationSeconds: Int
    /// A rollout, told by its own story; the pane shows whichever began last.
    private let rollouts: RolloutStory
    /// When the current chain began.
    private var chainStartedAt: SimTime?

    static let replicaSetController = "replicaset-controller"
    /// The most pods a ReplicaSet may have for its scale-down victims to be explained.
    static let explainedScaleDownLimit = 200
    static let deploymentController = "deployment-controller"

    init(cluster: Cluster) {
        store = cluster.store
        tolerationSeconds = cluster.pace.defaultTolerationSeconds
        rollouts = RolloutStory(store: cluster.store)
        for pod in store.list(Pod.self) { if let uid = Self.activeOwner(pod) { activeOwned[uid, default: 0] += 1 } }
        store.watch { [unowned self] in self.observe($0) }
    }

    private static func activeOwner(_ pod: Pod?) -> String? {
        guard let pod, pod.isActive, let ref = pod.metadata.controllerRef, ref.kind == "ReplicaSet" else { return nil }
        return ref.uid
    }

    private func countActive(_ event: WatchEvent) {
        let before = event.type == .added ? nil : Self.activeOwner(event.oldPod)
        let after = event.type == .deleted ? nil : Self.activeOwner(event.pod)
        guard before != after else { return }
        if let before { activeOwned[before] = (activeOwned[before] ?? 1) > 1 ? activeOwned[before]! - 1 : nil }
        if let after { activeOwned[after, default: 0] += 1 }
    }

    private func activeCount(_ rs: ReplicaSet) -> Int { activeOwned[rs.metadata.uid] ?? 0 }

    // MARK: the timeline

    var timeline: HealingTimeline? {
        if let rolloutStart = rollouts.startedAt, chainStartedAt.map({ rolloutStart >= $0 }) ?? true { return rollouts.timeline }
        guard let chain else { return nil }
        var plan = chain.plan
        // Back to desired: steps that never came (nothing to wait for any more) are left out.
        if chain.has(.restored), let i = plan.firstIndex(of: .restored) {
            plan = plan[..<i].filter { chain.has($0) } + plan[i...]
        }
        let steps = plan.map { stage -> HealingStep in
            guard let stamp = chain.stamps[stage] else {
                return HealingStep(state: .pending, time: nil, text: placeholder(stage, chain), actor: "")
            }
            let inProgress = (stage == .pulling && !chain.has(.started)) || (stage == .victims && !chain.has(.gone))
            return HealingStep(state: inProgress ? .active : .done, time: stamp.time, text: stamp.text, actor: stamp.actor)
        }
        return HealingTimeline(kind: chain.kind, title: chain.title, steps: steps)
    }

    private func placeholder(_ stage: Stage, _ chain: Chain) -> String {
        let rs = "replicaset \(chain.replicaSet)"
        return switch stage {
        case .cause: ""
        case .released: "\(rs) notices the labels no longer match → releases the pod"
        case .adopted: "\(rs) notices a matching pod without owner → adopts it"
        case .eviction: "pods on \(chain.nodeLost ?? "the node") evicted after their \(tolerationSeconds)s toleration"
        case .resized: chain.overruledTo.map { "deployment controller sets \(rs) back to \($0)" } ?? "deployment controller resizes \(rs)"
        case .create: chain.kind == .scaleUp ? "\(rs) creates the new pods" : "\(rs) notices and creates a replacement"
        case .scheduled: "scheduled to a node"
        case .pulling: "kubelet pulls image \(chain.image)"
        case .started: "container started (Running)"
        case .ready: "Ready 1/1"
        case .victims: "\(rs) picks pods to delete by rank"
        case .restored: chain.reachesNewCount ? "\(rs) at desired" : "\(rs) back to desired"
        case .gone: chain.kind == .unowned ? "the pod stops and goes" : "deleted pods stop and go"
        }
    }

    // MARK: building chains

    private func stamp(_ stage: Stage, _ text: String, _ actor: String, at time: SimTime? = nil) {
        guard chain != nil, chain!.plan.contains(stage), !chain!.has(stage) else { return }
        chain!.stamps[stage] = Stamp(time: time ?? store.now, text: text, actor: actor)
    }

    /// Rewrites a step's text as more pods join it, keeping when it happened.
    private func restamp(_ stage: Stage, _ text: String, _ actor: String) {
        guard chain != nil, chain!.plan.contains(stage) else { return }
        chain!.stamps[stage] = Stamp(time: chain!.stamps[stage]?.time ?? store.now, text: text, actor: actor)
    }

    private static let replacementStages: [Stage] = [.create, .scheduled, .pulling, .started, .ready, .restored]

    private func begin(_ kind: HealingTimeline.Kind, _ title: String, plan: [Stage], replicaSet: ReplicaSet?, image: String) {
        chainStartedAt = store.now
        chain = Chain(kind: kind, title: title, plan: plan, replicaSetUID: replicaSet?.metadata.uid ?? "",
                      replicaSet: replicaSet?.name ?? "", replicaSetNamespace: replicaSet?.metadata.namespace ?? "default", image: image)
    }

    /// The ReplicaSet a pod's controller reference points at, if it still exists under that uid.
    /// The cluster's own pods (kube-system, e.g. coredns) are never followed.
    private func owner(of pod: Pod) -> ReplicaSet? {
        guard pod.metadata.namespace != SystemComponents.namespace, let ref = pod.metadata.controllerRef, ref.kind == "ReplicaSet",
              let rs = store.get(ReplicaSet.self, ref.name, namespace: pod.metadata.namespace), rs.metadata.uid == ref.uid else { return nil }
        return rs
    }

    private func activePods(of rs: ReplicaSet) -> [Pod] { store.pods(ownedBy: rs.metadata.uid).filter(\.isActive) }

    // MARK: watching

    private func observe(_ event: WatchEvent) {
        switch event.kind {
        case .node: observeNode(event)
        // The cluster's own pods (kube-system) are not the demo's story.
        case .pod where event.object.metadata.namespace != SystemComponents.namespace: observePod(event)
        case .deployment: observeDeployment(event)
        case .replicaSet: observeReplicaSet(event)
        case .event where event.type == .added: observeImageEvent(event)
        default: break
        }
    }

    /// The image step as the kubelet's event tells it: an image already on the node is not
    /// pulled (`IfNotPresent`, a tagged image seen there before).
    private func observeImageEvent(_ event: WatchEvent) {
        guard let pod = chain?.imagePod, let image = chain?.image, let e = event.object as? Event,
              e.reason == "Pulled", e.involvedObject.name == pod, e.message == ImageEventMessages.alreadyPresent(image) else { return }
        restamp(.pulling, "image \(image) already present", "kubelet \(e.sourceHost)")
    }

    private func observeNode(_ event: WatchEvent) {
        guard event.type == .modified, let old = event.old as? Node, let node = event.object as? Node,
              old.isReady, node.status.condition("Ready")?.status == "Unknown" else { return }
        // Follow the ReplicaSet of the first pod on the lost node.
        let onNode = store.pods(onNode: node.name).filter(\.isActive)
        guard let first = onNode.first(where: { owner(of: $0) != nil }), let rs = owner(of: first) else { return }
        begin(.healing, "node \(node.name) lost", plan: [.cause, .eviction] + Self.replacementStages, replicaSet: rs,
              image: first.spec.containers.first?.image ?? "")
        chain!.nodeLost = node.name
        chain!.lost = onNode.filter { $0.metadata.controllerRef?.uid == rs.metadata.uid }.map(\.name)
        stamp(.cause, "node \(node.name) stopped renewing its lease → NotReady, tainted unreachable", NodeRole.nodeController)
    }

    private func observeDeployment(_ event: WatchEvent) {
        guard event.type == .modified, let old = event.old as? Deployment, let d = event.object as? Deployment,
              old.spec.replicas != d.spec.replicas else { return }
        // Only the replica count changed: `kubectl scale`; more of the spec: an apply or edit.
        var rest = d.spec
        rest.replicas = old.spec.replicas
        let actor = rest == old.spec ? "kubectl scale (user)" : "kubectl apply (user)"
        scaleRequests[d.name] = ScaleRequest(from: old.spec.replicas, to: d.spec.replicas, time: store.now, actor: actor)
    }

    private func observeReplicaSet(_ event: WatchEvent) {
        guard let rs = event.object as? ReplicaSet else { return }
        if event.type == .modified, let old = event.old as? ReplicaSet, old.spec.replicas != rs.spec.replicas {
            beginScale(rs, from: old.spec.replicas)
        }
        if event.type != .deleted, chain?.replicaSetUID == rs.metadata.uid { checkRestored(rs) }
    }

    /// A ReplicaSet resized because its Deployment was scaled, by a rollout (the deployment
    /// controller moving pods from the old ReplicaSet to the new), or by itself being scaled.
    private func beginScale(_ rs: ReplicaSet, from: Int) {
        let to = rs.spec.replicas
        let kind: HealingTimeline.Kind = to < from ? .scaleDown : .scaleUp
        let tail: [Stage] = kind == .scaleDown ? [.victims, .restored, .gone] : Self.replacementStages
        let image = rs.spec.template.spec.containers.first?.image ?? ""
        if let ref = rs.metadata.controllerRef, ref.kind == "Deployment" {
            // Moved by a rollout: the rollout's story tells it.
            if rollouts.isRollingOut(deploymentUID: ref.uid) {
                scaleRequests[ref.name] = nil
                return
            }
            if scaleRequests[ref.name] == nil, let d = store.get(Deployment.self, ref.name, namespace: rs.metadata.namespace) {
                // The deployment owns the count of its ReplicaSets: its own for the current
                // template, none for an old one.
                let wanted = rs.runsTemplate(d.spec.template) ? d.spec.replicas : 0
                if let current = chain, current.replicaSetUID == rs.metadata.uid, current.overruledTo == to, !current.has(.resized) {
                    stamp(.resized, "deployment \(ref.name) owns the count: scales replicaset back \(from) → \(to)", Self.deploymentController)
                    checkRestored(rs)
                    return
                }
                if to != wanted {
                    begin(kind, "replicaset \(rs.name) \(from) → \(to) (deployment \(ref.name) wants \(wanted))", plan: [.cause, .resized, .restored],
                          replicaSet: rs, image: image)
                    stamp(.cause, "replicaset \(rs.name) replicas \(from) → \(to)", "kubectl scale (user)")
                    chain!.overruledTo = wanted
                    return
                }
            }
            guard let request = scaleRequests.removeValue(forKey: ref.name) else {
                begin(kind, "replicaset \(rs.name) \(from) → \(to) (rollout)", plan: [.cause] + tail, replicaSet: rs, image: image)
                stamp(.cause, "rolling out deployment \(ref.name): scales replicaset \(from) → \(to)", Self.deploymentController)
                return
            }
            begin(kind, "deployment \(ref.name) \(request.from) → \(request.to)", plan: [.cause, .resized] + tail, replicaSet: rs, image: image)
            stamp(.cause, "deployment \(ref.name) replicas \(request.from) → \(request.to)", request.actor, at: request.time)
            stamp(.resized, "scales replicaset \(rs.name) \(from) → \(to)", Self.deploymentController)
        } else {
            begin(kind, "replicaset \(rs.name) \(from) → \(to)", plan: [.cause] + tail, replicaSet: rs, image: image)
            stamp(.cause, "replicaset \(rs.name) replicas \(from) → \(to)", "kubectl scale (user)")
        }
    }

    private func checkRestored(_ rs: ReplicaSet) {
        guard let chain, !chain.has(.restored) else { return }
        let started = chain.overruledTo != nil ? chain.has(.resized)
            : chain.kind == .scaleDown || chain.kind == .surplus ? chain.has(.victims) || chain.has(.adopted) : chain.has(.create)
        guard started, rs.status.replicas == rs.spec.replicas, rs.status.readyReplicas == rs.spec.replicas else { return }
        var text = "replicaset \(chain.reachesNewCount ? "at" : "back to") desired: \(rs.spec.replicas) of \(rs.spec.replicas) ready"
        if chain.kind == .healing, chain.has(.released) { text += "; the orphan runs on" }
        stamp(.restored, text, Self.replicaSetController)
        // Adopted without a surplus: there is nobody to delete.
        if chain.victims.isEmpty, chain.plan.contains(.gone), chain.kind != .unowned { self.chain!.plan.removeAll { $0 == .gone } }
    }

    private func observePod(_ event: WatchEvent) {
        countActive(event)
        let pod = event.pod!
        let old = event.oldPod
        switch event.type {
        case .added:
            podAdded(pod)
        case .deleted:
            if let old, old.metadata.deletionTimestamp == nil { deletionStarted(old, immediate: true) }
            podGone(pod)
        case .modified:
            guard let old else { return }
            if old.metadata.deletionTimestamp == nil && pod.metadata.deletionTimestamp != nil {
                deletionStarted(old, immediate: false)
            } else if old.metadata.labels != pod.metadata.labels {
                labelsChanged(old, pod)
            }
            if old.metadata.controllerRef != nil && pod.metadata.controllerRef == nil { released(old, pod) }
            if old.metadata.controllerRef == nil, pod.metadata.controllerRef != nil { adopted(pod) }
            if pod.name == chain?.replacement { replacementProgressed(old, pod) }
        }
    }

    // MARK: pods leaving

    /// A pod starts going (Terminating), or went at once (grace 0, force, never scheduled).
    /// `pod` is its state just before.
    private func deletionStarted(_ pod: Pod, immediate: Bool) {
        guard let rs = owner(of: pod), !rs.isTerminating else {
            unownedDeleted(pod, immediate: immediate)
            return
        }
        let active = activeCount(rs)
        if active >= rs.spec.replicas {
            // An old ReplicaSet shrinking under a rollout: its story tells it.
            if let ref = rs.metadata.controllerRef, rollouts.isRollingOut(deploymentUID: ref.uid) { return }
            victimChosen(pod, rs, active: active, immediate: immediate)
            return
        }
        let disruption = pod.status.condition("DisruptionTarget")?.reason
        if disruption == "DeletionByTaintManager" {
            evictedFromLostNode(pod, rs)
            return
        }
        // Step texts stay short: the pane gives them about 70 columns at 120, and a pod name takes 31.
        let how: (title: String, cause: String, actor: String)
        if disruption == "EvictionByEvictionAPI" {
            how = ("evicted", "evicted by drain → " + (immediate ? "gone at once (grace 0)" : "Terminating"), "kubectl drain (user)")
        } else if immediate && !pod.isScheduled {
            how = ("deleted", "deleted while Pending → gone at once", "kubectl delete (user)")
        } else if immediate {
            how = ("force deleted", "force deleted → gone at once (grace 0)", "kubectl delete (user)")
        } else {
            how = ("deleted", "deleted → Terminating", "kubectl delete (user)")
        }
        // Several pods of one ReplicaSet going in one command make one chain.
        if var current = chain, current.kind == .healing, current.replicaSetUID == rs.metadata.uid, current.nodeLost == nil,
           current.relabeled == nil, !current.has(.create), current.stamps[.cause]?.time == store.now {
            current.lost.append(pod.name)
            current.title = "\(current.lost.count) pods \(how.title)"
            chain = current
            restamp(.cause, "\(current.lost.count) pods \(how.cause)", how.actor)
            return
        }
        begin(.healing, "pod \(pod.name) \(how.title)", plan: [.cause] + Self.replacementStages, replicaSet: rs,
              image: pod.spec.containers.first?.image ?? "")
        chain!.lost = [pod.name]
        stamp(.cause, "\(pod.name) \(how.cause)", how.actor)
    }

    private func evictedFromLostNode(_ pod: Pod, _ rs: ReplicaSet) {
        if chain?.nodeLost != pod.spec.nodeName || chain?.has(.restored) == true {
            // The loss began before we watched: start from the eviction.
            begin(.healing, "node \(pod.spec.nodeName) lost", plan: [.cause, .eviction] + Self.replacementStages, replicaSet: rs,
                  image: pod.spec.containers.first?.image ?? "")
            chain!.nodeLost = pod.spec.nodeName
            stamp(.cause, "node \(pod.spec.nodeName) NotReady, tainted unreachable", NodeRole.nodeController)
        }
        chain!.evicted.append(pod.name)
        let evicted = chain!.evicted
        let subject = evicted.count == 1 ? evicted[0] : "\(evicted.count) pods"
        restamp(.eviction, "\(subject) evicted after \(tolerationSeconds)s toleration", NodeRole.taintEviction)
    }

    /// The ReplicaSet has as many pods as it wants without this one: nothing replaces it.
    private func victimChosen(_ pod: Pod, _ rs: ReplicaSet, active: Int, immediate: Bool) {
        // Victims of one sync join one chain, even when the first ones went at once (unscheduled
        // pods are deleted immediately): otherwise a scale-down of thousands would start, and
        // explain, a chain per victim.
        let joins = chain.map {
            ($0.kind == .scaleDown || $0.kind == .surplus || $0.overruledTo != nil) && $0.replicaSetUID == rs.metadata.uid
                && (!$0.has(.gone) || $0.stamps[.victims]?.time == store.now)
        } ?? false
        // A ReplicaSet scaled by itself deletes before (or after) its deployment sets it back:
        // the victims join that story, in the order they came.
        if joins, chain!.overruledTo != nil, !chain!.plan.contains(.victims) {
            let at = chain!.has(.resized) ? chain!.plan.firstIndex(of: .restored)! : chain!.plan.firstIndex(of: .resized)!
            chain!.plan.insert(.victims, at: at)
            chain!.plan.append(.gone)
        }
        if !joins {
            begin(.scaleDown, "replicaset \(rs.name) above desired", plan: [.cause, .victims, .restored, .gone], replicaSet: rs,
                  image: pod.spec.containers.first?.image ?? "")
            stamp(.cause, "replicaset \(rs.name) has \(active + 1) pods, wants \(rs.spec.replicas)", Self.replicaSetController)
        }
        chain!.victims.append(pod.name)
        if !immediate { chain!.remaining.insert(pod.name) }
        // Explaining a choice compares with every pod: done for the first two victims only, and
        // only at a size an audience reads pod by pod (a scale-down of thousands is not).
        if chain!.explained.count < 2 && active <= Self.explainedScaleDownLimit {
            let reason = PodRanking.whyFirst(pod, among: activePods(of: rs) + [pod], related: PodRanking.relatedPods(of: rs, in: store),
                                             now: store.now)
            chain!.explained.append("\(pod.name) (\(reason))")
        }
        let more = chain!.victims.count - chain!.explained.count
        let victims = chain!.explained.isEmpty ? "deletes \(more) pod\(more == 1 ? "" : "s") by rank"
            : "deletes by rank: \(chain!.explained.joined(separator: ", "))\(more > 0 ? " +\(more) more" : "")"
        restamp(.victims, victims, Self.replicaSetController)
        if immediate { victimsGone(lastNode: pod.spec.nodeName) }
    }

    private func unownedDeleted(_ pod: Pod, immediate: Bool) {
        let collected = pod.metadata.controllerRef != nil
        let actor = collected ? "garbage-collector" : "kubectl delete (user)"
        // Several pods going in one step (a deleted Deployment's pods, `delete -l`) make one chain.
        if var current = chain, current.kind == .unowned, current.stamps[.cause]?.actor == actor,
           current.stamps[.cause]?.time == store.now, !current.has(.gone) || immediate {
            current.lost.append(pod.name)
            current.title = "\(current.lost.count) pods deleted"
            if !immediate { current.remaining.insert(pod.name) }
            chain = current
            restamp(.cause, "\(current.lost.count) pods deleted" + (collected ? ": their owner is being deleted" : "; no owner, so no replacement"), actor)
            return
        }
        let cause = collected ? "\(pod.name) deleted: its owner is being deleted" : "\(pod.name) deleted; no owner, so no replacement"
        begin(.unowned, "pod \(pod.name) deleted", plan: [.cause, .gone], replicaSet: nil, image: pod.spec.containers.first?.image ?? "")
        chain!.lost = [pod.name]
        stamp(.cause, cause, actor)
        if immediate {
            stamp(.gone, "\(pod.name) gone at once (grace 0)", "API server")
        } else {
            chain!.remaining = [pod.name]
        }
    }

    private func podGone(_ pod: Pod) {
        guard chain?.remaining.remove(pod.name) != nil, chain!.remaining.isEmpty else { return }
        if chain!.kind == .unowned {
            let lost = chain!.lost
            let subject = lost.count == 1 ? "\(lost[0]) gone: container stopped" : "\(lost.count) pods gone: containers stopped"
            stamp(.gone, subject, "kubelet \(pod.spec.nodeName)")
        } else {
            victimsGone(lastNode: pod.spec.nodeName)
        }
    }

    private func victimsGone(lastNode: String) {
        guard let chain, chain.remaining.isEmpty else { return }
        let names = chain.victims
        let subject = names.count == 1 ? names[0] : "\(names.count) pods"
        stamp(.gone, "\(subject) gone: \(names.count == 1 ? "container" : "containers") stopped", lastNode.isEmpty ? "API server" : "kubelet \(lastNode)")
    }

    // MARK: labels

    private func labelsChanged(_ old: Pod, _ pod: Pod) {
        // A pod already going counts for no ReplicaSet: relabeling it changes nothing.
        guard old.isActive else { return }
        let changed = pod.metadata.labels.keys.sorted().filter { old.metadata.labels[$0] != pod.metadata.labels[$0] }
            .map { "\($0)=\(pod.metadata.labels[$0]!)" } + old.metadata.labels.keys.sorted().filter { pod.metadata.labels[$0] == nil }.map { "\($0)-" }
        let labels = changed.joined(separator: ",")
        if let rs = owner(of: old), !rs.spec.selector.matches(pod.metadata.labels) {
            begin(.healing, "pod \(pod.name) relabeled", plan: [.cause, .released] + Self.replacementStages, replicaSet: rs,
                  image: pod.spec.containers.first?.image ?? "")
            chain!.relabeled = pod.name
            chain!.lost = [pod.name]
            stamp(.cause, "\(pod.name) relabeled \(labels) → leaves its selector", "kubectl label (user)")
        } else if old.metadata.controllerRef == nil,
                  let rs = store.list(ReplicaSet.self, namespace: pod.metadata.namespace).first(where: { !$0.isTerminating && $0.spec.selector.matches(pod.metadata.labels) }) {
            begin(.surplus, "pod \(pod.name) relabeled back", plan: [.cause, .adopted, .victims, .restored, .gone], replicaSet: rs,
                  image: pod.spec.containers.first?.image ?? "")
            chain!.relabeled = pod.name
            stamp(.cause, "\(pod.name) relabeled \(labels) → selected again", "kubectl label (user)")
        }
    }

    private func released(_ old: Pod, _ pod: Pod) {
        guard let ref = old.metadata.controllerRef, ref.kind == "ReplicaSet" else { return }
        if chain?.relabeled != pod.name || chain?.kind != .healing || chain?.replicaSetUID != ref.uid {
            // We missed the label change: the release is where the story starts.
            guard let rs = store.get(ReplicaSet.self, ref.name, namespace: pod.metadata.namespace), rs.metadata.uid == ref.uid, !rs.isTerminating else { return }
            begin(.healing, "pod \(pod.name) released", plan: [.cause] + Self.replacementStages, replicaSet: rs,
                  image: pod.spec.containers.first?.image ?? "")
            chain!.relabeled = pod.name
            chain!.lost = [pod.name]
            stamp(.cause, "\(pod.name) released: its labels no longer match", Self.replicaSetController)
            return
        }
        // Name only the requirements the pod now fails.
        let failing = store.get(ReplicaSet.self, ref.name, namespace: pod.metadata.namespace)?.spec.selector.requirements
            .filter { !$0.matches(pod.metadata.labels) }.map(\.description).joined(separator: ",") ?? ""
        stamp(.released, "no longer matches \(failing.isEmpty ? "the selector" : failing) → releases it (orphan)", Self.replicaSetController)
    }

    private func adopted(_ pod: Pod) {
        guard var current = chain, current.kind == .surplus, current.relabeled == pod.name, let rs = owner(of: pod),
              rs.metadata.uid == current.replicaSetUID else { return }
        current.countBefore = activeCount(rs)
        chain = current
        stamp(.adopted, "adopts \(pod.name) → has \(current.countBefore) of \(rs.spec.replicas)", Self.replicaSetController)
    }

    // MARK: the replacement

    private func podAdded(_ pod: Pod) {
        // Read and changed in place, never copied out: a copy of the chain held while its list
        // of created pods grows would copy that list for every pod, which a scale-up of
        // thousands turns quadratic.
        guard chain?.kind == .healing || chain?.kind == .scaleUp, chain?.has(.restored) == false,
              pod.metadata.controllerRef?.uid == chain?.replicaSetUID, chain?.has(.cause) == true,
              chain?.nodeLost == nil || chain?.has(.eviction) == true,
              let name = chain?.replicaSet, let namespace = chain?.replicaSetNamespace,
              let rs = store.get(ReplicaSet.self, name, namespace: namespace) else { return }
        if chain!.created.isEmpty { chain!.countBefore = activeCount(rs) - 1 }
        chain!.created.append(pod.name)
        let created = chain!.created.count
        let what = created == 1 ? "creates \(pod.name)" : "creates \(created) pods"
        restamp(.create, "has \(chain!.countBefore) of \(rs.spec.replicas) → \(what)", Self.replicaSetController)
    }

    private func replacementProgressed(_ old: Pod, _ pod: Pod) {
        if !old.isScheduled && pod.isScheduled { stamp(.scheduled, "\(pod.name) Pending → scheduled to \(pod.spec.nodeName)", "default-scheduler") }
        let kubelet = "kubelet \(pod.spec.nodeName)"
        if old.status.containerStatuses.isEmpty && !pod.status.containerStatuses.isEmpty, chain?.has(.pulling) == false {
            stamp(.pulling, "pulling image \(chain?.image ?? "")", kubelet)
            chain?.imagePod = pod.name
        }
        if old.status.phase != "Running" && pod.status.phase == "Running" { stamp(.started, "container started (Running)", kubelet) }
        if !old.isReady && pod.isReady, let chain, let rs = store.get(ReplicaSet.self, chain.replicaSet, namespace: chain.replicaSetNamespace) {
            // Counted in place: listing the ReplicaSet's pods sorts and copies all of them, 124 ms
            // inside one step when the replacement is one of 20,000 pods of a scale-up.
            let uid = rs.metadata.uid
            let ready = store.countPods { $0.metadata.controllerRef?.uid == uid && $0.isActive && $0.isReady }
            stamp(.ready, "\(pod.name) Ready 1/1 → \(ready) of \(rs.spec.replicas) ready", kubelet)
        }
    }
}

/// Who acts when a node goes quiet (the components' names in events).
private enum NodeRole {
    static let nodeController = "node-controller"
    static let taintEviction = "taint-eviction-controller"
}
