extension PodStatus {
    /// The pod's Ready and ContainersReady conditions from its containers' readiness, as the
    /// kubelet's status generator writes them: a finished pod is `PodCompleted`; otherwise any
    /// unready container makes both False with `ContainersNotReady` and the list of names.
    mutating func refreshReadiness(at now: SimTime) {
        if phase == "Succeeded" || phase == "Failed" {
            setCondition("ContainersReady", "False", at: now, reason: "PodCompleted")
            setCondition("Ready", "False", at: now, reason: "PodCompleted")
            return
        }
        // Every container ready (each pod's last start-up write): no list of names to make.
        if containerStatuses.allSatisfy(\.ready) {
            setCondition("ContainersReady", "True", at: now)
            setCondition("Ready", "True", at: now)
            return
        }
        let unready = containerStatuses.filter { !$0.ready }.map(\.name)
        let message = "containers with unready status: [\(unready.joined(separator: " "))]"
        setCondition("ContainersReady", "False", at: now, reason: "ContainersNotReady", message: message)
        setCondition("Ready", "False", at: now, reason: "ContainersNotReady", message: message)
    }

    /// A pod whose containers have all exited and will not restart has finished: Failed if one
    /// failed, else Succeeded (kubelet getPhase).
    mutating func finishIfAllExited() {
        var codes: [Int] = []
        for cs in containerStatuses {
            guard case .terminated(_, let code, _) = cs.state else { return }
            codes.append(code)
        }
        guard !codes.isEmpty else { return }
        phase = codes.contains { $0 != 0 } ? "Failed" : "Succeeded"
    }
}

extension Pod {
    /// The kubelet's `format.Pod`: `name_namespace(uid)`, as its back-off messages name a pod.
    var kubeletName: String { "\(metadata.name)_\(metadata.namespace)(\(metadata.uid))" }

    /// Whether restartPolicy restarts a container that exited with `exitCode`.
    func restarts(afterExit exitCode: Int) -> Bool {
        switch spec.restartPolicy {
        case "Never": false
        case "OnFailure": exitCode != 0
        default: true
        }
    }
}
