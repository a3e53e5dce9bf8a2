import Cluster
import Foundation

/// `kubectl rollout status deployment/NAME [--watch=false] [--timeout=D] [--revision=N]`.
enum RolloutStatusCommand {
    static let parser = FlagParser(command: "rollout status", flags: [
        .init(long: "watch", short: "w", isBool: true),
        .init(long: "timeout", short: nil, isBool: false),
        .init(long: "revision", short: nil, isBool: false),
        .init(long: "selector", short: "l", isBool: false),
    ])

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            if flags.positional.isEmpty { throw KubectlError("error: required resource not specified") }
            let revision = try parser.int(flags, "revision") ?? 0
            if revision < 0 { throw KubectlError("error: revision must be a positive integer: \(revision)") }
            let timeout = try GoDuration.flag(flags.string("timeout"), name: "timeout", command: "rollout status")
            let refs = try RolloutCommand.targets(flags.positional, flags: flags, cluster: cluster)
            for ref in refs where ref.type != .deployments && ref.type != .daemonsets {
                throw KubectlError("error: no status viewer has been implemented for \(ref.type.kind.rawValue)")
            }
            let watch = flags.string("watch").map { $0 == "true" } ?? true
            let deadline = timeout.flatMap { $0 > .zero ? cluster.now + $0 : nil }
            // Each object is watched to the end in turn, as kubectl visits them.
            let operation = RolloutStatusOperation(targets: refs.map { ($0.type.kind, ObjectKey(namespace: $0.namespace, name: $0.name)) },
                                                   revision: revision, watch: watch, deadline: deadline)
            return operation.poll(cluster, into: &out) ? nil : operation
        }
    }

    /// DeploymentStatusViewer.Status: the line kubectl prints for the deployment now, whether
    /// the rollout is done, or the error that ends the watch.
    static func status(_ d: Deployment, revision: Int) -> Result<(line: String, done: Bool), KubectlError> {
        if revision > 0 {
            guard let current = Int(d.metadata.annotations[ReplicaSetAnnotationKeys.revision] ?? "") else {
                return .failure(KubectlError("error: cannot get the revision of deployment \"\(d.name)\": strconv.ParseInt: parsing \"\(d.metadata.annotations[ReplicaSetAnnotationKeys.revision] ?? "")\": invalid syntax"))
            }
            if current != revision {
                return .failure(KubectlError("error: desired revision (\(revision)) is different from the running revision (\(current))"))
            }
        }
        guard d.metadata.generation <= d.status.observedGeneration else {
            return .success(("Waiting for deployment spec update to be observed...\n", false))
        }
        if d.status.condition("Progressing")?.reason == "ProgressDeadlineExceeded" {
            return .failure(KubectlError("error: deployment \"\(d.name)\" exceeded its progress deadline"))
        }
        let s = d.status
        let waiting = "Waiting for deployment \"\(d.name)\" rollout to finish: "
        if s.updatedReplicas < d.spec.replicas {
            return .success((waiting + "\(s.updatedReplicas) out of \(d.spec.replicas) new replicas have been updated...\n", false))
        }
        if s.replicas > s.updatedReplicas {
            return .success((waiting + "\(s.replicas - s.updatedReplicas) old replicas are pending termination...\n", false))
        }
        if s.availableReplicas < s.updatedReplicas {
            return .success((waiting + "\(s.availableReplicas) of \(s.updatedReplicas) updated replicas are available...\n", false))
        }
        return .success(("deployment \"\(d.name)\" successfully rolled out\n", true))
    }

    /// DaemonSetStatusViewer.Status (a DaemonSet keeps no revision history to pin to).
    static func status(_ ds: DaemonSet) -> Result<(line: String, done: Bool), KubectlError> {
        guard ds.spec.updateStrategy.type == "RollingUpdate" else {
            return .failure(KubectlError("error: rollout status is only available for RollingUpdate strategy type"))
        }
        guard ds.metadata.generation <= ds.status.observedGeneration else {
            return .success(("Waiting for daemon set spec update to be observed...\n", false))
        }
        let s = ds.status
        let waiting = "Waiting for daemon set \"\(ds.name)\" rollout to finish: "
        if s.updatedNumberScheduled < s.desiredNumberScheduled {
            return .success((waiting + "\(s.updatedNumberScheduled) out of \(s.desiredNumberScheduled) new pods have been updated...\n", false))
        }
        if s.numberAvailable < s.desiredNumberScheduled {
            return .success((waiting + "\(s.numberAvailable) of \(s.desiredNumberScheduled) updated pods are available...\n", false))
        }
        return .success(("daemon set \"\(ds.name)\" successfully rolled out\n", true))
    }
}

/// The watch behind `rollout status`: prints the status line each time the deployment changes
/// (kubectl prints one per watch event, repeats included) until the rollout is done, the watch
/// is off, the status is an error, or the timeout passes.
final class RolloutStatusOperation: ClusterOperation {
    private var targets: [(kind: Kind, key: ObjectKey)]
    private let revision: Int
    private let watch: Bool
    let deadline: SimTime?
    private var seenVersion: String?
    private var seenUID: String?

    init(targets: [(kind: Kind, key: ObjectKey)], revision: Int, watch: Bool, deadline: SimTime?) {
        self.targets = targets
        self.revision = revision
        self.watch = watch
        self.deadline = deadline
    }

    convenience init(kind: Kind = .deployment, key: ObjectKey, revision: Int, watch: Bool, deadline: SimTime?) {
        self.init(targets: [(kind, key)], revision: revision, watch: watch, deadline: deadline)
    }

    func poll(_ cluster: Cluster, into output: inout CommandOutput) -> Bool {
        while let (kind, key) = targets.first {
            guard let object = cluster.store.object(kind: kind, key: key), seenUID == nil || object.metadata.uid == seenUID else {
                // The watch sees a deletion: kubectl stops rather than follow a recreated object.
                output.fail("error: object has been deleted")
                return true
            }
            seenUID = object.metadata.uid
            guard object.metadata.resourceVersion != seenVersion else { break }
            seenVersion = object.metadata.resourceVersion
            let status = if let ds = object as? DaemonSet { RolloutStatusCommand.status(ds) }
                else { RolloutStatusCommand.status(object as! Deployment, revision: revision) }
            switch status {
            case .failure(let error):
                output.fail(error.message)
                return true
            case .success(let (line, done)):
                output.out(line)
                guard done || !watch else { break }
                targets.removeFirst()
                seenVersion = nil
                seenUID = nil
                continue
            }
            break
        }
        if targets.isEmpty { return true }
        if let deadline, cluster.now >= deadline {
            output.fail("error: timed out waiting for the condition")
            return true
        }
        return false
    }
}
