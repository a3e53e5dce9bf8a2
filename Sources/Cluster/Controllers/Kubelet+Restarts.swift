/// Containers that exit: the application crashing (`sim image --crash-after`, `sim crash`) or
/// the kubelet killing it after a failed liveness or startup probe. restartPolicy decides
/// whether it runs again; restarts back off per container (10 s doubling to 5 min, forgotten
/// after 10 min of running well), waiting in CrashLoopBackOff meanwhile (kuberuntime doBackOff).
extension Kubelet {
    static func restartKey(_ pod: Pod, _ container: String) -> String { "\(pod.metadata.uid)_\(container)" }

    /// A process ended by SIGTERM (128 + 15), as a container stopped after a failed probe exits.
    static let sigtermExitCode = 143

    /// How soon the pod worker syncs a pod again after a sync that failed (kubelet backOffPeriod).
    static let syncRetry = SimDuration.seconds(10)

    /// The running instance `containerID` of container `name` has exited with `exitCode`.
    func containerExited(_ name: String, containerID: String, exitCode: Int, in pod: Pod) {
        guard !pod.isTerminating, let i = pod.status.containerStatuses.firstIndex(where: { $0.name == name }),
              pod.status.containerStatuses[i].containerID == containerID,
              case .running(let startedAt) = pod.status.containerStatuses[i].state else { return }
        let now = store.now
        let reason = exitCode == 0 ? "Completed" : "Error"
        let restarts = pod.restarts(afterExit: exitCode)
        exited[Self.restartKey(pod, name)] = ContainerTermination(reason: reason, exitCode: exitCode, startedAt: startedAt,
                                                                  finishedAt: now, containerID: containerID)
        guard let updated = writeStatus(pod, { p in
            p.status.containerStatuses[i].state = .terminated(reason: reason, exitCode: exitCode, finishedAt: now)
            p.status.containerStatuses[i].terminatedStartedAt = startedAt
            p.status.containerStatuses[i].ready = false
            p.status.containerStatuses[i].started = false
            if !restarts { p.status.finishIfAllExited() }
            p.status.refreshReadiness(at: now)
        }) else { return }
        guard restarts else { return }
        // The runtime reports the exit (PLEG) and the pod worker syncs.
        after(pace.kubeletReaction, updated) { [unowned self] pod in syncExited(name, in: pod) }
    }

    /// A sync of a pod whose container `name` has exited: restart it now, or wait out its back-off.
    func syncExited(_ name: String, in pod: Pod) {
        let key = Self.restartKey(pod, name)
        guard !pod.isTerminating, let termination = exited[key], pod.restarts(afterExit: termination.exitCode),
              let i = pod.status.containerStatuses.firstIndex(where: { $0.name == name }),
              !pod.status.containerStatuses[i].isRunning else { return }
        let now = store.now
        if restartBackOff.isInBackOff(key, since: termination.finishedAt, now: now) {
            let delay = restartBackOff.delay(key)
            recorder.record(pod, type: "Warning", reason: "BackOff", message: "Back-off restarting failed container \(name) in pod \(pod.kubeletName)",
                            from: eventSource, container: name)
            let message = "back-off \(delay) restarting failed container=\(name) pod=\(pod.kubeletName)"
            var waiting = pod
            if pod.status.containerStatuses[i].state != .waiting(reason: "CrashLoopBackOff") || pod.status.containerStatuses[i].waitingMessage != message {
                guard let written = writeStatus(pod, { p in
                    let status = p.status.containerStatuses[i]
                    if case .terminated = status.state { p.status.containerStatuses[i].lastState = termination }
                    p.status.containerStatuses[i].state = .waiting(reason: "CrashLoopBackOff")
                    p.status.containerStatuses[i].terminatedStartedAt = nil
                    p.status.containerStatuses[i].waitingMessage = message
                }) else { return }
                waiting = written
            }
            // The pod worker retries a failed sync every 10 s (kubelet backOffPeriod), each
            // retry finding the container still in back-off, until the back-off ends.
            after(min(termination.finishedAt + delay - now, Self.syncRetry), waiting) { [unowned self] pod in syncExited(name, in: pod) }
            return
        }
        restartBackOff.next(key, eventTime: termination.finishedAt, now: now)
        restart(name, in: pod)
    }

    /// A new instance of container `name`: the image, Created, Started, Running.
    private func restart(_ name: String, in pod: Pod) {
        guard let container = pod.spec.containers.first(where: { $0.name == name }) else { return }
        let key = Self.restartKey(pod, name)
        ensureImage(container, in: pod) { [unowned self] pod in
            after(pace.containerCreate, pod) { [unowned self] pod in
                guard !pod.isTerminating else { return }
                recorder.record(pod, reason: "Created", message: "Created container: \(name)", from: eventSource, container: name)
                after(pace.containerStart, pod) { [unowned self] pod in
                    guard !pod.isTerminating else { return }
                    recorder.record(pod, reason: "Started", message: "Started container \(name)", from: eventSource, container: name)
                    let now = store.now
                    let termination = exited.removeValue(forKey: key)
                    guard let running = writeStatus(pod, { p in
                        guard let i = p.status.containerStatuses.firstIndex(where: { $0.name == name }) else { return }
                        p.status.containerStatuses[i].lastState = termination ?? p.status.containerStatuses[i].lastState
                        p.status.containerStatuses[i].restartCount += 1
                        markRunning(&p.status.containerStatuses[i], container, at: now)
                        p.status.refreshReadiness(at: now)
                    }) else { return }
                    supervise(running)
                }
            }
        }
    }

    /// The kubelet stops a container that failed its liveness or startup probe; it exits after
    /// SIGTERM (128 + 15) and restartPolicy takes over.
    func kill(_ name: String, containerID: String, in pod: Pod, failed kind: ProbeKind) {
        // A pod that never restarts its containers is told no more than that (computePodActions).
        let restarts = pod.restarts(afterExit: Self.sigtermExitCode) ? ", will be restarted" : ""
        recorder.record(pod, reason: "Killing", message: "Container \(name) failed \(kind.rawValue.lowercased()) probe\(restarts)",
                        from: eventSource, container: name)
        let grace = SimDuration.seconds(pod.spec.terminationGracePeriodSeconds)
        after(min(pace.containerStop, grace), pod) { [unowned self] pod in
            containerExited(name, containerID: containerID, exitCode: Self.sigtermExitCode, in: pod)
        }
    }

    /// `sim crash`: the container's process exits once, with its image's exit code (1 unless set).
    func crash(_ name: String, in pod: Pod) -> Bool {
        guard let status = pod.status.containerStatuses.first(where: { $0.name == name }), status.isRunning,
              let container = pod.spec.containers.first(where: { $0.name == name }) else { return false }
        applicationExited(name, containerID: status.containerID, exitCode: registry.behavior(of: container.image).exitCode ?? 1, in: pod)
        return true
    }

    /// After the node comes back: follow its running containers again, and pick up the exited
    /// ones waiting for a restart (their timers died with the node).
    func resumeContainers(of pod: Pod) {
        supervise(pod)
        for status in pod.status.containerStatuses where !status.isRunning && exited[Self.restartKey(pod, status.name)] != nil {
            let name = status.name
            after(pace.kubeletReaction, pod) { [unowned self] pod in syncExited(name, in: pod) }
        }
    }

    /// The pod is gone: drop its back-off, probe and exit records.
    func forgetContainers(of pod: Pod) {
        let prefix = pod.metadata.uid + "_"
        restartBackOff.forget(prefix: prefix)
        pullBackOff.forget(prefix: prefix)
        exited = exited.filter { !$0.key.hasPrefix(prefix) }
        logs.forget(podUID: pod.metadata.uid)
        for status in pod.status.containerStatuses where !status.containerID.isEmpty {
            supervised.remove(PrehashedString(status.containerID))
            for kind in ProbeKind.allCases { probeWorkers.removeValue(forKey: Self.probeKey(status.containerID, kind)) }
        }
    }
}
