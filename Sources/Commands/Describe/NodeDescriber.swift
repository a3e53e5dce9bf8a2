import Foundation
import Cluster

/// `kubectl describe node` (describeNode, describeNodeResource).
enum NodeDescriber {
    static func describe(_ node: Node, cluster: Cluster, into w: inout DescribeWriter) {
        w.write(0, "Name:\t\(node.name)\n")
        w.write(0, "Roles:\t\(ResourceTables.nodeRoles(node))\n")
        w.labels("Labels", node.metadata.labels)
        w.annotations("Annotations", node.metadata.annotations)
        w.write(0, "CreationTimestamp:\t\(Describer.time(node.metadata.creationTimestamp))\n")
        w.taints("Taints", node.spec.taints)
        w.write(0, "Unschedulable:\t\(node.spec.unschedulable)\n")
        if let lease = cluster.store.get(Lease.self, node.name, namespace: Lease.nodeLeaseNamespace) {
            w.write(0, "Lease:\n")
            w.write(1, "HolderIdentity:\t\(lease.holderIdentity)\n")
            w.write(1, "AcquireTime:\t<unset>\n")
            w.write(1, "RenewTime:\t\(Describer.time(lease.renewTime))\n")
        } else {
            w.write(0, "Lease:\tFailed to get lease: leases.coordination.k8s.io \"\(node.name)\" not found\n")
        }
        if !node.status.conditions.isEmpty {
            w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
            w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
            for c in node.status.conditions {
                w.write(1, "\(c.type) \t\(c.status) \t\(Describer.time(c.lastHeartbeatTime)) \t\(Describer.time(c.lastTransitionTime)) \t\(c.reason) \t\(c.message)\n")
            }
        }
        w.write(0, "Addresses:\n")
        w.write(1, "InternalIP:\t\(node.status.internalIP)\n")
        w.write(1, "Hostname:\t\(node.name)\n")
        // Every resource the kubelet reports, sorted by name as describe sorts them.
        for (title, amounts, storage) in [("Capacity", node.status.capacity, node.status.ephemeralStorage),
                                          ("Allocatable", node.status.allocatable, node.status.allocatableEphemeralStorage)] {
            w.write(0, "\(title):\n")
            w.write(0, "  cpu:\t\(Quantity.formatCPU(amounts.cpuMillis))\n")
            w.write(0, "  ephemeral-storage:\t\(storage)\n")
            w.write(0, "  hugepages-1Gi:\t0\n")
            w.write(0, "  hugepages-2Mi:\t0\n")
            w.write(0, "  memory:\t\(Quantity.formatMemory(amounts.memoryBytes))\n")
            w.write(0, "  pods:\t\(amounts.pods)\n")
        }
        w.write(0, "System Info:\n")
        w.write(0, "  Machine ID:\t\(node.status.machineID(node.metadata))\n")
        w.write(0, "  System UUID:\t\(node.status.systemUUID(node.metadata))\n")
        w.write(0, "  Boot ID:\t\(node.status.bootID(node.metadata))\n")
        w.write(0, "  Kernel Version:\t\(node.status.kernelVersion)\n")
        w.write(0, "  OS Image:\t\(node.status.osImage)\n")
        w.write(0, "  Operating System:\tlinux\n")
        w.write(0, "  Architecture:\tamd64\n")
        w.write(0, "  Container Runtime Version:\t\(node.status.containerRuntimeVersion)\n")
        w.write(0, "  Kubelet Version:\t\(node.status.kubeletVersion)\n")
        w.write(0, "  Kube-Proxy Version:\t\(node.status.kubeProxyVersion)\n")
        if !node.spec.podCIDR.isEmpty {
            w.write(0, "PodCIDR:\t\(node.spec.podCIDR)\n")
            w.write(0, "PodCIDRs:\t\(node.spec.podCIDR)\n")
        }
        resources(node, cluster: cluster, into: &w)
    }

    private static func percent(_ part: Int64, _ whole: Int64) -> Int64 {
        whole == 0 ? 0 : Saturating.int64(Double(part) / Double(whole) * 100)
    }

    private static func resources(_ node: Node, cluster: Cluster, into w: inout DescribeWriter) {
        let pods = cluster.store.pods(onNode: node.name).filter { $0.status.phase != "Succeeded" && $0.status.phase != "Failed" }
        let alloc = node.status.allocatable
        w.write(0, "Non-terminated Pods:\t(\(pods.count) in total)\n")
        w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
        w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
        var total = ResourceAmounts()
        for pod in pods {
            let r = pod.spec.requests
            total = total + r
            w.write(1, "\(pod.metadata.namespace)\t\(pod.name)\t\t\(Quantity.formatCPU(r.cpuMillis)) (\(percent(r.cpuMillis, alloc.cpuMillis))%)\t0 (0%)\t\(Quantity.formatMemory(r.memoryBytes)) (\(percent(r.memoryBytes, alloc.memoryBytes))%)\t0 (0%)\t\(GoDuration.human(cluster.now - pod.metadata.creationTimestamp))\n")
        }
        w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
        w.write(1, "Resource\tRequests\tLimits\n")
        w.write(1, "--------\t--------\t------\n")
        w.write(1, "cpu\t\(Quantity.formatCPU(total.cpuMillis)) (\(percent(total.cpuMillis, alloc.cpuMillis))%)\t0 (0%)\n")
        w.write(1, "memory\t\(Quantity.formatMemory(total.memoryBytes)) (\(percent(total.memoryBytes, alloc.memoryBytes))%)\t0 (0%)\n")
        w.write(1, "ephemeral-storage\t0 (0%)\t0 (0%)\n")
        // kubectl lists every hugepages size the node reports, used or not.
        w.write(1, "hugepages-1Gi\t0 (0%)\t0 (0%)\n")
        w.write(1, "hugepages-2Mi\t0 (0%)\t0 (0%)\n")
    }
}
