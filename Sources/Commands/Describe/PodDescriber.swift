import Cluster

/// `kubectl describe pod` (describePod).
enum PodDescriber {
    static func describe(_ pod: Pod, cluster: Cluster, into w: inout DescribeWriter) {
        w.write(0, "Name:\t\(pod.name)\n")
        w.write(0, "Namespace:\t\(pod.metadata.namespace)\n")
        w.write(0, "Priority:\t\(pod.spec.priority ?? 0)\n")
        w.write(0, "Service Account:\t\(pod.spec.serviceAccountName)\n")
        w.write(0, pod.spec.nodeName.isEmpty ? "Node:\t<none>\n" : "Node:\t\(pod.spec.nodeName)/\(pod.status.hostIP)\n")
        if let start = pod.status.startTime { w.write(0, "Start Time:\t\(Describer.time(start))\n") }
        w.labels("Labels", pod.metadata.labels)
        w.annotations("Annotations", pod.metadata.annotations)
        if let deletion = pod.metadata.deletionTimestamp, pod.status.phase != "Failed", pod.status.phase != "Succeeded" {
            w.write(0, "Status:\tTerminating (lasts \(GoDuration.human(cluster.now - deletion)))\n")
            w.write(0, "Termination Grace Period:\t\(pod.metadata.deletionGracePeriodSeconds ?? 0)s\n")
        } else {
            w.write(0, "Status:\t\(pod.status.phase)\n")
        }
        if !pod.status.reason.isEmpty { w.write(0, "Reason:\t\(pod.status.reason)\n") }
        if !pod.status.message.isEmpty { w.write(0, "Message:\t\(pod.status.message)\n") }
        w.write(0, "IP:\t\(pod.status.podIP)\n")
        if pod.status.podIP.isEmpty {
            w.write(0, "IPs:\t<none>\n")
        } else {
            w.write(0, "IPs:\n")
            w.write(1, "IP:\t\(pod.status.podIP)\n")
        }
        if let owner = Describer.controlledBy(pod.metadata) { w.write(0, "Controlled By:\t\(owner)\n") }
        Describer.containers(pod.spec.containers, statuses: pod.status.containerStatuses, space: "", into: &w)
        if !pod.status.conditions.isEmpty {
            w.write(0, "Conditions:\n  Type\tStatus\n")
            for c in pod.status.conditions { w.write(1, "\(c.type) \t\(c.status) \n") }
        }
        if pod.spec.volumes.isEmpty {
            w.write(0, "Volumes:\t<none>\n")
        } else {
            w.write(0, "Volumes:\n")
            // describe's printProjectedVolumeSource, one line per source in the plugin's order.
            for v in pod.spec.volumes {
                w.write(1, "\(v.name):\n")
                w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n")
                w.write(2, "TokenExpirationSeconds:\t\(v.tokenExpirationSeconds)\n")
                w.write(2, "ConfigMapName:\tkube-root-ca.crt\n")
                w.write(2, "Optional:\tfalse\n")
                w.write(2, "DownwardAPI:\ttrue\n")
            }
        }
        w.write(0, "QoS Class:\t\(pod.status.qosClass)\n")
        w.labels("Node-Selectors", pod.spec.nodeSelector)
        w.tolerations("Tolerations", pod.spec.tolerations)
    }
}
