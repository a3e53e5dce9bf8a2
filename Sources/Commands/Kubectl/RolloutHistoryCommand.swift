import Cluster

/// `kubectl rollout history deployment/NAME [--revision=N]`: the REVISION  CHANGE-CAUSE table from
/// the deployment's ReplicaSets, or one revision's pod template (DeploymentHistoryViewer).
enum RolloutHistoryCommand {
    static let parser = FlagParser(command: "rollout history", flags: [
        .init(long: "revision", short: nil, isBool: false),
        .init(long: "selector", short: "l", isBool: false),
    ])

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            let revision = try parser.int(flags, "revision") ?? 0
            if revision < 0 { throw KubectlError("error: revision must be a positive integer: \(revision)") }
            if flags.positional.isEmpty { throw KubectlError("error: required resource not specified") }
            for ref in try SetCommand.existingTargets(flags.positional, flags: flags, cluster: cluster) {
                guard ref.type == .deployments, let d = cluster.store.get(Deployment.self, ref.name, namespace: ref.namespace) else {
                    throw RolloutCommand.noHelper("history viewer", "history", ref)
                }
                let history = try view(d, revision: revision, store: cluster.store)
                let heading = revision > 0 ? "with revision #\(revision)" : ""
                out.out("\(SetCommand.name(ref)) \(heading)\n\(history)\n")
            }
            return nil
        }
    }

    /// ViewHistory: each revision's template, with the ReplicaSet's change-cause.
    static func view(_ d: Deployment, revision: Int, store: Store) throws -> String {
        var templates: [Int: PodTemplate] = [:]
        for rs in DeploymentReplicaSets(d, store: store).all {
            guard let number = DeploymentReplicaSets.revision(rs) else { continue }
            var template = rs.spec.template
            if let cause = rs.metadata.annotations[ReplicaSetAnnotationKeys.changeCause], !cause.isEmpty {
                template.annotations[ReplicaSetAnnotationKeys.changeCause] = cause
            }
            templates[number] = template
        }
        if templates.isEmpty { return "No rollout history found." }
        if revision > 0 {
            guard let template = templates[revision] else { throw KubectlError("error: unable to find the specified revision") }
            return podTemplate(template)
        }
        var table = "REVISION\tCHANGE-CAUSE\n"
        for number in templates.keys.sorted() {
            let cause = templates[number]!.annotations[ReplicaSetAnnotationKeys.changeCause] ?? ""
            table += "\(number)\t\(cause.isEmpty ? "<none>" : cause)\n"
        }
        return TabWriter.describe.format(table)
    }

    /// printTemplate: DescribePodTemplate written straight to a buffer, so its tabs stay tabs.
    static func podTemplate(_ template: PodTemplate) -> String {
        var w = DescribeWriter()
        Describer.podTemplate(template, into: &w)
        return w.unformatted()
    }
}

/// `kubectl rollout undo deployment/NAME [--to-revision=N]` (DeploymentRollbacker).
enum RolloutUndoCommand {
    static let parser = FlagParser(command: "rollout undo", flags: [
        .init(long: "to-revision", short: nil, isBool: false),
        .init(long: "selector", short: "l", isBool: false),
    ])

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            let toRevision = try parser.int(flags, "to-revision") ?? 0
            if flags.positional.isEmpty { throw KubectlError("error: required resource not specified") }
            for ref in try SetCommand.existingTargets(flags.positional, flags: flags, cluster: cluster) {
                guard ref.type == .deployments, let d = cluster.store.get(Deployment.self, ref.name, namespace: ref.namespace) else {
                    throw RolloutCommand.noHelper("rollbacker", "rollbacker", ref)
                }
                out.out("\(SetCommand.name(ref)) \(try rollback(d, to: toRevision, store: cluster.store))\n")
            }
            return nil
        }
    }

    /// Puts the chosen revision's template (and its annotations) back into the deployment;
    /// returns kubectl's result word.
    static func rollback(_ d: Deployment, to toRevision: Int, store: Store) throws -> String {
        if toRevision < 0 { throw KubectlError("error: unable to find specified revision \(toRevision) in history") }
        let rs = try replicaSet(d, revision: toRevision, store: store)
        if d.spec.paused {
            throw KubectlError("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/\(d.name)' and try again")
        }
        let template = DeploymentReplicaSets.templateWithoutHash(rs)
        if template == d.spec.template { return "skipped rollback (current template already matches revision \(toRevision))" }
        var annotations: [String: String] = [:]
        for key in ReplicaSetAnnotationKeys.notCopiedOnRollback { annotations[key] = d.metadata.annotations[key] }
        for (key, value) in rs.metadata.annotations where !ReplicaSetAnnotationKeys.notCopiedOnRollback.contains(key) { annotations[key] = value }
        try store.modify(Deployment.self, key: d.key) {
            $0.spec.template = template
            $0.metadata.annotations = annotations
        }
        return "rolled back"
    }

    /// deploymentRevision: the ReplicaSet at `revision`, or with 0 the one before the latest.
    private static func replicaSet(_ d: Deployment, revision: Int, store: Store) throws -> ReplicaSet {
        let numbered = DeploymentReplicaSets(d, store: store).all.compactMap { rs in DeploymentReplicaSets.revision(rs).map { (rs, $0) } }
        if revision > 0 {
            guard let match = numbered.first(where: { $0.1 == revision }) else {
                throw KubectlError("error: unable to find specified revision \(revision) in history")
            }
            return match.0
        }
        let byRevision = numbered.sorted { $0.1 > $1.1 }
        guard byRevision.count >= 2 else { throw KubectlError("error: no rollout history found for deployment \"\(d.name)\"") }
        return byRevision[1].0
    }
}
