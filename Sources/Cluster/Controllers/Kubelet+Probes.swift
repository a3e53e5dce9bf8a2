/// The simulated application inside each running container and the kubelet's probes of it.
/// The image's behaviour (`sim image`) says when the application answers (`--ready-after`) and
/// when it exits (`--crash-after`); each probe runs every periodSeconds from initialDelaySeconds,
/// a startup probe holding the others off until it succeeds (kubelet prober worker).
extension Kubelet {
    static func probeKey(_ containerID: String, _ kind: ProbeKind) -> String { "\(containerID)/\(kind.rawValue)" }

    /// Follows every container instance of `pod` that has just started running.
    func supervise(_ pod: Pod) {
        let now = store.now
        for status in pod.status.containerStatuses where status.isRunning && supervised.insert(PrehashedString(status.containerID)).inserted {
            guard let container = pod.spec.containers.first(where: { $0.name == status.name }),
                  case .running(let startedAt) = status.state else { continue }
            let behavior = registry.behavior(of: container.image)
            let id = status.containerID, name = status.name
            writeStartup(of: container, status: status, in: pod)
            // Counted from the container's start (a node that comes back resumes the same instance).
            func fromStart(_ d: SimDuration) -> SimDuration { max(startedAt + d - now, .zero) }
            if let crashAfter = behavior.crashAfter {
                after(fromStart(crashAfter), pod) { [unowned self] pod in
                    applicationExited(name, containerID: id, exitCode: behavior.exitCode ?? 1, in: pod)
                }
            }
            for kind in ProbeKind.allCases {
                guard let probe = kind.probe(of: container) else { continue }
                probeWorkers[Self.probeKey(id, kind)] = ProbeWorker(kind: kind, probe: probe)
                after(fromStart(.seconds(probe.initialDelaySeconds)), pod) { [unowned self] pod in
                    runProbe(kind, of: name, containerID: id, behavior: behavior, in: pod)
                }
            }
        }
    }

    private func runProbe(_ kind: ProbeKind, of name: String, containerID: String, behavior: ImageBehavior, in pod: Pod) {
        let key = Self.probeKey(containerID, kind)
        guard var worker = probeWorkers[key], !worker.onHold, !pod.isTerminating,
              let i = pod.status.containerStatuses.firstIndex(where: { $0.name == name }),
              pod.status.containerStatuses[i].containerID == containerID,
              case .running(let startedAt) = pod.status.containerStatuses[i].state else {
            probeWorkers.removeValue(forKey: key)
            return
        }
        let status = pod.status.containerStatuses[i]
        // A started container needs no more startup probes; the others wait for it to start.
        if kind == .startup && status.started { probeWorkers.removeValue(forKey: key); return }
        func probeAgain(_ pod: Pod) {
            after(.seconds(max(worker.probe.periodSeconds, 1)), pod) { [unowned self] pod in
                runProbe(kind, of: name, containerID: containerID, behavior: behavior, in: pod)
            }
        }
        if kind != .startup && !status.started { return probeAgain(pod) }

        let now = store.now
        let healthy = behavior.isHealthy(after: now - startedAt)
        if !healthy {
            recorder.record(pod, type: "Warning", reason: "Unhealthy",
                            message: "\(kind.rawValue) probe failed: \(worker.probe.failureOutput(podIP: pod.status.podIP))",
                            from: eventSource, container: name)
        }
        let settled = worker.observe(healthy)
        probeWorkers[key] = worker
        var current = pod
        switch (kind, settled) {
        case (.readiness, let ready?) where ready != status.ready:
            current = writeStatus(pod) { p in
                p.status.containerStatuses[i].ready = ready
                p.status.refreshReadiness(at: now)
            } ?? pod
        case (.startup, true?):
            let readyNow = pod.spec.containers.first { $0.name == name }?.readinessProbe == nil
            current = writeStatus(pod) { p in
                p.status.containerStatuses[i].started = true
                p.status.containerStatuses[i].ready = readyNow
                p.status.refreshReadiness(at: now)
            } ?? pod
        case (.startup, false?), (.liveness, false?):
            kill(name, containerID: containerID, in: pod, failed: kind)
            return
        default:
            break
        }
        probeAgain(current)
    }
}
