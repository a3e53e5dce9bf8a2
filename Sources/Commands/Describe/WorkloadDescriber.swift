import Cluster

/// `kubectl describe replicaset` and `kubectl describe deployment`.
enum WorkloadDescriber {
    static func describe(_ rs: ReplicaSet, cluster: Cluster, into w: inout DescribeWriter) {
        w.write(0, "Name:\t\(rs.name)\n")
        w.write(0, "Namespace:\t\(rs.metadata.namespace)\n")
        w.write(0, "Selector:\t\(rs.spec.selector.isEmpty ? "<none>" : rs.spec.selector.description)\n")
        w.labels("Labels", rs.metadata.labels)
        w.annotations("Annotations", rs.metadata.annotations)
        if let owner = Describer.controlledBy(rs.metadata) { w.write(0, "Controlled By:\t\(owner)\n") }
        w.write(0, "Replicas:\t\(rs.status.replicas) current / \(rs.spec.replicas) desired\n")
        let pods = cluster.store.pods(ownedBy: rs.metadata.uid)
        func count(_ phase: String) -> Int { pods.filter { $0.status.phase == phase }.count }
        w.write(0, "Pods Status:\t")
        w.write(0, "\(count("Running")) Running / \(count("Pending")) Waiting / \(count("Succeeded")) Succeeded / \(count("Failed")) Failed\n")
        Describer.podTemplate(rs.spec.template, into: &w)
    }

    static func describe(_ d: Deployment, cluster: Cluster, into w: inout DescribeWriter) {
        w.write(0, "Name:\t\(d.name)\n")
        w.write(0, "Namespace:\t\(d.metadata.namespace)\n")
        w.write(0, "CreationTimestamp:\t\(Describer.time(d.metadata.creationTimestamp))\n")
        w.labels("Labels", d.metadata.labels)
        w.annotations("Annotations", d.metadata.annotations)
        w.write(0, "Selector:\t\(d.spec.selector.description)\n")
        let s = d.status
        w.write(0, "Replicas:\t\(d.spec.replicas) desired | \(s.updatedReplicas) updated | \(s.replicas) total | \(s.availableReplicas) available | \(s.unavailableReplicas) unavailable\n")
        w.write(0, "StrategyType:\t\(d.spec.strategy.type.rawValue)\n")
        w.write(0, "MinReadySeconds:\t\(d.spec.minReadySeconds)\n")
        if d.spec.strategy.type == .rollingUpdate {
            w.write(0, "RollingUpdateStrategy:\t\(d.spec.strategy.maxUnavailable) max unavailable, \(d.spec.strategy.maxSurge) max surge\n")
        }
        Describer.podTemplate(d.spec.template, into: &w)
        if !s.conditions.isEmpty {
            w.write(0, "Conditions:\n  Type\tStatus\tReason\n")
            w.write(1, "----\t------\t------\n")
            for c in s.conditions { w.write(1, "\(c.type) \t\(c.status)\t\(c.reason)\n") }
        }
        // GetAllReplicaSets: the old ReplicaSets listed are those still asked for pods.
        let sets = DeploymentReplicaSets(d, store: cluster.store)
        func list(_ sets: [ReplicaSet]) -> String {
            sets.isEmpty ? "<none>" : sets.map { "\($0.name) (\($0.status.replicas)/\($0.spec.replicas) replicas created)" }.joined(separator: ", ")
        }
        w.write(0, "OldReplicaSets:\t\(list(sets.old.filter { $0.spec.replicas != 0 }))\n")
        w.write(0, "NewReplicaSet:\t\(list([sets.new].compactMap { $0 }))\n")
    }
}
