/// metav1.Time holds whole seconds: the API server writes every timestamp an object carries as
/// RFC 3339 without a fraction, so whatever a component sets, a reader gets the second it fell
/// in. The store applies this on every write (as a round trip through etcd would), which is why
/// two objects created in the same second show the same AGE. The virtual clock itself, and
/// Lease renewTime (a MicroTime), keep their milliseconds.
extension SimTime {
    /// This instant truncated to its whole second (virtual zero is a whole Unix second).
    public var wholeSecond: SimTime {
        let ms = milliseconds
        let floored = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        return SimTime(milliseconds: floored &* 1000)
    }
}

extension Optional where Wrapped == SimTime {
    var wholeSecond: SimTime? { map(\.wholeSecond) }
}

extension ObjectMeta {
    mutating func truncateTimesToSeconds() {
        creationTimestamp = creationTimestamp.wholeSecond
        deletionTimestamp = deletionTimestamp.wholeSecond
    }
}

extension APIObject {
    /// The object as the API server stores it: every metav1.Time at whole seconds.
    func atSecondPrecision() -> Self {
        var copy = self
        copy.metadata.truncateTimesToSeconds()
        switch Self.kind {
        case .pod:
            var pod = copy as! Pod
            pod.status.startTime = pod.status.startTime.wholeSecond
            for i in pod.status.conditions.indices {
                pod.status.conditions[i].lastTransitionTime = pod.status.conditions[i].lastTransitionTime.wholeSecond
            }
            for i in pod.status.containerStatuses.indices {
                pod.status.containerStatuses[i].truncateTimesToSeconds()
            }
            return pod as! Self
        case .node:
            var node = copy as! Node
            for i in node.spec.taints.indices { node.spec.taints[i].timeAdded = node.spec.taints[i].timeAdded.wholeSecond }
            for i in node.status.conditions.indices {
                node.status.conditions[i].lastHeartbeatTime = node.status.conditions[i].lastHeartbeatTime.wholeSecond
                node.status.conditions[i].lastTransitionTime = node.status.conditions[i].lastTransitionTime.wholeSecond
            }
            return node as! Self
        case .event:
            var event = copy as! Event
            event.firstTimestamp = event.firstTimestamp.wholeSecond
            event.lastTimestamp = event.lastTimestamp.wholeSecond
            return event as! Self
        case .deployment:
            var deployment = copy as! Deployment
            for i in deployment.status.conditions.indices {
                deployment.status.conditions[i].lastUpdateTime = deployment.status.conditions[i].lastUpdateTime.wholeSecond
                deployment.status.conditions[i].lastTransitionTime = deployment.status.conditions[i].lastTransitionTime.wholeSecond
            }
            return deployment as! Self
        default:
            // Leases hold a MicroTime (renewTime); other kinds carry only metadata times.
            return copy
        }
    }
}

extension ContainerStatus {
    mutating func truncateTimesToSeconds() {
        switch state {
        case .running(let startedAt): state = .running(startedAt: startedAt.wholeSecond)
        case .terminated(let reason, let exitCode, let finishedAt):
            state = .terminated(reason: reason, exitCode: exitCode, finishedAt: finishedAt.wholeSecond)
        case .waiting: break
        }
        lastTerminationFinishedAt = lastTerminationFinishedAt.wholeSecond
    }
}
