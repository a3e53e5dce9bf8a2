extension PodStatus {
    /// The conditions a kubelet writes when it starts a pod's sandbox: PodReadyToStartContainers
    /// and Initialized True, Ready and ContainersReady False with `unready` (the containers not
    /// ready yet), and PodScheduled kept True from its binding. Five `setCondition` calls give
    /// them; a pod fresh from the scheduler has only PodScheduled True, so for it the list is
    /// written whole, as those calls would leave it (kubelet order, PodScheduled last with its
    /// binding's transition time and no reason), instead of searched and shifted five times.
    mutating func setStartingConditions(at now: SimTime, unready: String) {
        if conditions.count == 1, let scheduled = conditions.first, Self.sameType(scheduled.type, "PodScheduled"), scheduled.status == "True" {
            conditions = [
                PodCondition(type: "PodReadyToStartContainers", status: "True", lastTransitionTime: now),
                PodCondition(type: "Initialized", status: "True", lastTransitionTime: now),
                PodCondition(type: "Ready", status: "False", lastTransitionTime: now, reason: "ContainersNotReady", message: unready),
                PodCondition(type: "ContainersReady", status: "False", lastTransitionTime: now, reason: "ContainersNotReady", message: unready),
                PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: scheduled.lastTransitionTime),
            ]
            return
        }
        setCondition("PodReadyToStartContainers", "True", at: now)
        setCondition("Initialized", "True", at: now)
        setCondition("Ready", "False", at: now, reason: "ContainersNotReady", message: unready)
        setCondition("ContainersReady", "False", at: now, reason: "ContainersNotReady", message: unready)
        setCondition("PodScheduled", "True", at: condition("PodScheduled")?.lastTransitionTime ?? now)
    }
}
