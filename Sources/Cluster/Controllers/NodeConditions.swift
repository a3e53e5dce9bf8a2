/// The conditions a healthy kubelet reports.
enum NodeConditions {
    static func healthy(at now: SimTime) -> [NodeCondition] {
        [
            NodeCondition(type: "MemoryPressure", status: "False", at: now, reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available"),
            NodeCondition(type: "DiskPressure", status: "False", at: now, reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure"),
            NodeCondition(type: "PIDPressure", status: "False", at: now, reason: "KubeletHasSufficientPID", message: "kubelet has sufficient PID available"),
            NodeCondition(type: "Ready", status: "True", at: now, reason: "KubeletReady", message: "kubelet is posting ready status"),
        ]
    }

    static func starting(at now: SimTime) -> [NodeCondition] {
        var conditions = healthy(at: now)
        conditions[3] = NodeCondition(type: "Ready", status: "False", at: now, reason: "KubeletNotReady", message: "container runtime status check may not have completed yet")
        return conditions
    }
}
