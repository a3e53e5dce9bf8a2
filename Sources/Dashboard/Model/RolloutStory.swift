import Cluster
import Commands

/// Tells a deployment's rollout step by step for the Healing pane, as `HealingTracker` tells a
/// kill: the template change and who made it, the new ReplicaSet created (or an old one taken
/// back, for an undo), each scale of the new one up and the old ones down, new pods Ready, pods
/// that fail to pull or keep crashing, pause and resume, and the end: complete, or stalled at
/// the progress deadline. Read from the watch stream only.
final class RolloutStory {
    private struct Story {
        var deploymentUID: String
        var deployment: String
        var namespace: String
        var title: String
        var startedAt: SimTime
        var steps: [HealingStep] = []
        /// The ReplicaSet running the new template, once known.
        var newReplicaSetUID: String?
        /// Failure reasons already told (one step each, not one per back-off).
        var failuresTold: Set<String> = []
        var finished = false
    }

    private let store: Store
    private var story: Story?

    static let deploymentController = "deployment-controller"
    static let revisionAnnotation = "deployment.kubernetes.io/revision"
    static let restartedAtAnnotation = "kubectl.kubernetes.io/restartedAt"

    init(store: Store) {
        self.store = store
        store.watch { [unowned self] in self.observe($0) }
    }

    /// When the latest rollout began, to weigh it against the latest disruption.
    var startedAt: SimTime? { story?.startedAt }

    /// Whether ReplicaSets of this deployment are being moved by a rollout still under way (their
    /// scales belong to this story, not to a scale chain of their own).
    func isRollingOut(deploymentUID uid: String) -> Bool {
        guard let story else { return false }
        return story.deploymentUID == uid && !story.finished
    }

    var timeline: HealingTimeline? {
        guard let story else { return nil }
        var steps = story.steps
        if !story.finished, let d = store.get(Deployment.self, story.deployment, namespace: story.namespace) {
            steps.append(HealingStep(state: .pending, time: nil, text: "rollout complete: \(d.spec.replicas) of \(d.spec.replicas) updated and available", actor: ""))
        }
        return HealingTimeline(kind: .rollout, title: story.title, steps: steps)
    }

    private func add(_ text: String, _ actor: String, state: HealingStep.State = .done) {
        story?.steps.append(HealingStep(state: state, time: store.now, text: text, actor: actor))
    }

    // MARK: watching

    private func observe(_ event: WatchEvent) {
        guard event.object.metadata.namespace != SystemComponents.namespace else { return }
        switch event.kind {
        case .deployment: observeDeployment(event)
        case .replicaSet: observeReplicaSet(event)
        case .pod where event.type == .modified: observePod(event)
        default: break
        }
    }

    private func follows(_ d: Deployment) -> Bool {
        story?.deploymentUID == d.metadata.uid && story?.finished == false
    }

    private func observeDeployment(_ event: WatchEvent) {
        guard event.type == .modified, let old = event.old as? Deployment, let d = event.object as? Deployment else { return }
        if old.spec.template != d.spec.template {
            begin(d, from: old)
        } else if follows(d), old.spec.paused != d.spec.paused {
            add(d.spec.paused ? "rollout paused: the controller makes no more steps" : "rollout resumed",
                d.spec.paused ? "kubectl rollout pause (user)" : "kubectl rollout resume (user)")
        }
        guard follows(d) else { return }
        let progressing = d.status.condition("Progressing")
        if progressing?.reason == "ProgressDeadlineExceeded", old.status.condition("Progressing")?.reason != "ProgressDeadlineExceeded" {
            add("stalled: ProgressDeadlineExceeded after \(d.spec.progressDeadlineSeconds)s without progress", Self.deploymentController, state: .failed)
            story?.finished = true
            return
        }
        let status = d.status
        if story?.newReplicaSetUID != nil, status.observedGeneration >= d.metadata.generation, status.updatedReplicas == d.spec.replicas,
           status.replicas == status.updatedReplicas, status.availableReplicas == status.updatedReplicas {
            add("rollout complete: \(status.updatedReplicas) of \(d.spec.replicas) updated and available", Self.deploymentController)
            story?.finished = true
        }
    }

    /// The template changed: what changed decides the story's title and who is credited.
    private func begin(_ d: Deployment, from old: Deployment) {
        let owned = store.replicaSets(ownedBy: d.metadata.uid)
        let existing = owned.first { d.runsCurrentTemplate($0) }
        let cause: String, actor: String
        let oldRestart = old.spec.template.annotations[Self.restartedAtAnnotation]
        let images = zip(old.spec.template.spec.containers, d.spec.template.spec.containers)
            .filter { $0.0.name == $0.1.name && $0.0.image != $0.1.image }
        if let existing {
            let revision = existing.metadata.annotations[Self.revisionAnnotation] ?? "?"
            // `rollout undo`, or an apply of an earlier template: the old ReplicaSet grows again.
            cause = "back to the pod template of revision \(revision)"
            actor = "kubectl (user)"
        } else if d.spec.template.annotations[Self.restartedAtAnnotation] != oldRestart {
            cause = "restarted: a new restartedAt annotation on the pod template"
            actor = "kubectl rollout restart (user)"
        } else if let (before, after) = images.first {
            let container = d.spec.template.spec.containers.count > 1 ? " (container \(after.name))" : ""
            cause = "image \(before.image) → \(after.image)\(container)"
            actor = "kubectl (user)"
        } else {
            cause = "pod template changed"
            actor = "kubectl (user)"
        }
        story = Story(deploymentUID: d.metadata.uid, deployment: d.name, namespace: d.metadata.namespace,
                      title: "deployment \(d.name) (\(d.spec.strategy.type.rawValue))", startedAt: store.now)
        story!.newReplicaSetUID = existing?.metadata.uid
        add(cause, actor)
    }

    private func observeReplicaSet(_ event: WatchEvent) {
        guard let rs = event.object as? ReplicaSet, let ref = rs.metadata.controllerRef, ref.kind == "Deployment",
              let story, story.deploymentUID == ref.uid, !story.finished else { return }
        let revision = rs.metadata.annotations[Self.revisionAnnotation].map { " (revision \($0))" } ?? ""
        switch event.type {
        case .added:
            self.story!.newReplicaSetUID = rs.metadata.uid
            add("creates new replicaset \(rs.name)\(revision), \(rs.spec.replicas) replica\(rs.spec.replicas == 1 ? "" : "s")", Self.deploymentController)
        case .modified:
            guard let old = event.old as? ReplicaSet, old.spec.replicas != rs.spec.replicas else { return }
            let isNew = rs.metadata.uid == story.newReplicaSetUID
            let direction = rs.spec.replicas > old.spec.replicas ? "scales up" : "scales down"
            add("\(direction) \(isNew ? "new" : "old") replicaset \(rs.name) \(old.spec.replicas) → \(rs.spec.replicas)", Self.deploymentController)
        case .deleted:
            break
        }
    }

    private func observePod(_ event: WatchEvent) {
        guard let story, !story.finished, let uid = story.newReplicaSetUID, let pod = event.pod, let old = event.oldPod,
              pod.metadata.controllerRef?.uid == uid else { return }
        let kubelet = "kubelet \(pod.spec.nodeName)"
        if !old.isReady && pod.isReady {
            let ready = store.pods(ownedBy: uid).filter { $0.isActive && $0.isReady }.count
            let wanted = store.get(Deployment.self, story.deployment, namespace: story.namespace)?.spec.replicas ?? ready
            add("\(pod.name) Ready → \(ready) of \(wanted) new ready", kubelet)
        }
        let status = PodStatusFormatter.status(pod)
        let reason = PodTileState.withoutInitPrefix(status)
        if PaneTable.failureReasons.contains(reason), PodStatusFormatter.status(old) != status, !story.failuresTold.contains(reason) {
            self.story!.failuresTold.insert(reason)
            let image = pod.spec.containers.first?.image ?? ""
            let why = PodTileState.imagePullReasons.contains(reason) ? "image \(image) cannot be pulled" : "its container keeps failing"
            add("\(pod.name) \(status): \(why); the rollout waits", kubelet, state: .failed)
        }
    }
}
