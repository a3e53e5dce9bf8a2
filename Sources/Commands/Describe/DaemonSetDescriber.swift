import Cluster

/// `kubectl describe daemonset` (describe.go describeDaemonSet).
enum DaemonSetDescriber {
    static func describe(_ ds: DaemonSet, cluster: Cluster, into w: inout DescribeWriter) {
        let s = ds.status
        w.write(0, "Name:\t\(ds.name)\n")
        w.write(0, "Namespace:\t\(ds.metadata.namespace)\n")
        w.write(0, "Selector:\t\(ds.spec.selector.description)\n")
        // labels.FormatLabels: `<none>` when empty.
        w.write(0, "Node-Selector:\t\(ResourceTables.labelsText(ds.spec.template.spec.nodeSelector))\n")
        w.labels("Labels", ds.metadata.labels)
        w.annotations("Annotations", ds.metadata.annotations)
        w.write(0, "Desired Number of Nodes Scheduled: \(s.desiredNumberScheduled)\n")
        w.write(0, "Current Number of Nodes Scheduled: \(s.currentNumberScheduled)\n")
        w.write(0, "Number of Nodes Scheduled with Up-to-date Pods: \(s.updatedNumberScheduled)\n")
        w.write(0, "Number of Nodes Scheduled with Available Pods: \(s.numberAvailable)\n")
        w.write(0, "Number of Nodes Misscheduled: \(s.numberMisscheduled)\n")
        // getPodStatusForController: pods the selector matches whose controller is this DaemonSet.
        let pods = cluster.store.pods(ownedBy: ds.metadata.uid).filter { ds.spec.selector.matches($0.metadata.labels) }
        func count(_ phase: String) -> Int { pods.filter { $0.status.phase == phase }.count }
        w.write(0, "Pods Status:\t\(count("Running")) Running / \(count("Pending")) Waiting / \(count("Succeeded")) Succeeded / \(count("Failed")) Failed\n")
        Describer.podTemplate(ds.spec.template, into: &w)
    }
}
