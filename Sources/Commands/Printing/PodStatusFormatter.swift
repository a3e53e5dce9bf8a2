import Cluster

/// kubectl's READY, STATUS and RESTARTS for a pod (printers.go printPod).
public enum PodStatusFormatter {
    public static func ready(_ pod: Pod) -> String { "\(readyContainers(pod))/\(pod.spec.containers.count)" }

    /// READY's first number: containers running and ready. Counted in place: a Table of
    /// 150,000 pods would copy each status into a filtered array.
    public static func readyContainers(_ pod: Pod) -> Int {
        var ready = 0
        for cs in pod.status.containerStatuses {
            if case .running = cs.state, cs.ready { ready += 1 }
        }
        return ready
    }

    public static func status(_ pod: Pod) -> String {
        var reason = pod.status.reason.isEmpty ? pod.status.phase : pod.status.reason
        var hasRunning = false
        for cs in pod.status.containerStatuses.reversed() {
            switch cs.state {
            case .waiting(let r) where !r.isEmpty: reason = r
            case .terminated(let r, _, _) where !r.isEmpty: reason = r
            case .running: if cs.ready { hasRunning = true }
            default: break
            }
        }
        if reason == "Completed" && hasRunning { reason = pod.isReady ? "Running" : "NotReady" }
        if pod.metadata.deletionTimestamp != nil {
            // printers.go keeps NodeLost → Unknown, though nothing in 1.33 sets that reason.
            reason = pod.status.reason == "NodeLost" ? "Unknown" : "Terminating"
        }
        return reason
    }

    /// `0`, or `2 (6h15m ago)` when a container has restarted.
    public static func restarts(_ pod: Pod, now: SimTime) -> String {
        let count = pod.restartCount
        let last = pod.status.containerStatuses.compactMap(\.lastTerminationFinishedAt).max()
        guard count > 0, let last else { return String(count) }
        return "\(count) (\(GoDuration.human(now - last)) ago)"
    }
}
