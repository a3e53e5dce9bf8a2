import Cluster

/// `kubectl rollout status|history|undo|pause|resume|restart` (kubectl/pkg/cmd/rollout). Each
/// works as kubectl does it, from the client side: undo copies a ReplicaSet's template back into
/// the deployment, pause and resume flip spec.paused, restart stamps the template.
enum RolloutCommand {
    static let subcommands = ["history", "pause", "restart", "resume", "status", "undo"]
    static let restartedAtAnnotation = "kubectl.kubernetes.io/restartedAt"

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        guard let sub = args.first, !sub.hasPrefix("-") else {
            return .failure(KubectlError("error: Usage: kubectl rollout SUBCOMMAND [options]\nSee 'kubectl rollout -h' for help and examples"))
        }
        let rest = Array(args.dropFirst())
        switch sub {
        case "status": return RolloutStatusCommand.run(rest, cluster: cluster)
        case "history": return RolloutHistoryCommand.run(rest, cluster: cluster)
        case "undo": return RolloutUndoCommand.run(rest, cluster: cluster)
        case "pause", "resume", "restart": return runPatch(sub, rest, cluster: cluster)
        default: return .failure(SetCommand.unknownSubcommand(args, parent: "rollout"))
        }
    }

    /// The objects named, each required to exist (the resource builder's NotFound otherwise).
    static func targets(_ positional: [String], flags: FlagParser.Result, cluster: Cluster) throws -> [ObjectRef] {
        guard !positional.isEmpty else {
            throw KubectlError("error: required resource not specified")
        }
        return try SetCommand.existingTargets(positional, flags: flags, cluster: cluster)
    }

    /// `deployments.apps "x"`, as kubectl names an object in these commands' errors.
    static func subject(_ ref: ObjectRef) -> String { "\(ref.type.kind.qualifiedResource) \"\(ref.name)\"" }

    /// HistoryViewerFor / RollbackerFor for a kind without one: workload kinds have no helper
    /// implemented (kubesim keeps no ControllerRevisions for DaemonSets); other kinds have no
    /// visitor at all.
    static func noHelper(_ helper: String, _ retrieving: String, _ ref: ObjectRef) -> KubectlError {
        let kind = ref.type.kind
        let groupKind = kind.group.isEmpty ? kind.rawValue : "\(kind.rawValue).\(kind.group)"
        switch ref.type {
        case .pods, .replicasets, .daemonsets:
            return KubectlError("error: no \(helper) has been implemented for \"\(groupKind)\"")
        default:
            return KubectlError("error: error retrieving \(retrieving) for \"\(groupKind)\", no visitor method exists for {\(kind.group) \(kind.rawValue)}")
        }
    }

    // MARK: pause, resume, restart

    private static func runPatch(_ verb: String, _ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try FlagParser(command: "rollout \(verb)", flags: [.init(long: "selector", short: "l", isBool: false)]).parse(args)
            if flags.positional.isEmpty { throw KubectlError("error: required resource not specified") }
            var errors: [String] = []
            for ref in try SetCommand.existingTargets(flags.positional, flags: flags, cluster: cluster) {
                do {
                    if let message = try patch(verb, ref, cluster: cluster) { out.out("\(SetCommand.name(ref)) \(message)\n") }
                } catch let error as KubectlError {
                    errors.append(error.message)
                } catch {
                    errors.append(Execution.kubectlMessage(for: error))
                }
            }
            if !errors.isEmpty { out.fail("error: " + SetCommand.aggregate(errors)) }
            return nil
        }
    }

    /// ObjectPauser, ObjectResumer, ObjectRestarter for a deployment; returns what kubectl prints after the name.
    private static func patch(_ verb: String, _ ref: ObjectRef, cluster: Cluster) throws -> String? {
        let supported = ref.type == .deployments
        guard supported, let d = cluster.store.get(Deployment.self, ref.name, namespace: ref.namespace) else {
            let what = verb == "pause" ? "pausing" : verb == "resume" ? "resuming" : "restarting"
            throw KubectlError("\(subject(ref)) \(what) is not supported")
        }
        switch verb {
        case "pause":
            if d.spec.paused { throw KubectlError("\(subject(ref)) is already paused") }
            try cluster.store.modify(Deployment.self, key: d.key) { $0.spec.paused = true }
            return "paused"
        case "resume":
            if !d.spec.paused { throw KubectlError("\(subject(ref)) is not paused") }
            try cluster.store.modify(Deployment.self, key: d.key) { $0.spec.paused = false }
            return "resumed"
        default:
            if d.spec.paused { throw KubectlError("\(subject(ref)) can't restart paused deployment (run rollout resume first)") }
            let stamp = CalendarTime.rfc3339(cluster.now)
            if d.spec.template.annotations[restartedAtAnnotation] == stamp {
                throw KubectlError("failed to create patch for \(ref.name): if restart has already been triggered within the past second, please wait before attempting to trigger another")
            }
            try cluster.store.modify(Deployment.self, key: d.key) { $0.spec.template.annotations[restartedAtAnnotation] = stamp }
            return "restarted"
        }
    }
}

/// A deployment's ReplicaSets as kubectl's deployment util finds them: the new one (the oldest
/// whose template equals the deployment's, ignoring pod-template-hash) and the others.
struct DeploymentReplicaSets {
    var new: ReplicaSet?
    var old: [ReplicaSet]

    init(_ d: Deployment, store: Store) {
        let owned = store.replicaSets(ownedBy: d.metadata.uid)
            .sorted { ($0.metadata.creationTimestamp, $0.name) < ($1.metadata.creationTimestamp, $1.name) }
        let found = owned.first { $0.runsTemplate(d.spec.template) }
        new = found
        old = owned.filter { $0.metadata.uid != found?.metadata.uid }
    }

    var all: [ReplicaSet] { old + [new].compactMap { $0 } }

    static func templateWithoutHash(_ rs: ReplicaSet) -> PodTemplate {
        var template = rs.spec.template
        template.labels["pod-template-hash"] = nil
        return template
    }

    /// deploymentutil.Revision; nil when the annotation is missing or not a number.
    static func revision(_ rs: ReplicaSet) -> Int? {
        Int(rs.metadata.annotations[ReplicaSetAnnotationKeys.revision] ?? "")
    }
}

/// The annotation keys kubectl reads on ReplicaSets and Deployments.
enum ReplicaSetAnnotationKeys {
    static let revision = "deployment.kubernetes.io/revision"
    static let changeCause = "kubernetes.io/change-cause"
    /// Kept from the deployment, never copied from a ReplicaSet, when rolling back (annotationsToSkip).
    static let notCopiedOnRollback: Set<String> = [
        "kubectl.kubernetes.io/last-applied-configuration", revision, "deployment.kubernetes.io/revision-history",
        "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to",
    ]
}
