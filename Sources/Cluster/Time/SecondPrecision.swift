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

/// Truncates `time` in place, writing only when it has a fraction (a write would copy the
/// array holding it).
@inline(__always)
func truncate(_ time: inout SimTime) {
    if time.milliseconds % 1000 != 0 { time = time.wholeSecond }
}

@inline(__always)
func truncate(_ time: inout SimTime?) {
    if let t = time, t.milliseconds % 1000 != 0 { time = t.wholeSecond }
}

extension ObjectMeta {
    var hasFractionalTimes: Bool {
        creationTimestamp.milliseconds % 1000 != 0 || (deletionTimestamp?.milliseconds ?? 0) % 1000 != 0
    }
}

extension APIObject {
    /// Kinds that carry only metadata times (a Lease's renewTime is a MicroTime and stays).
    public func atSecondPrecision() -> Self {
        guard metadata.hasFractionalTimes else { return self }
        var copy = self
        copy.metadata.truncateTimesToSeconds()
        return copy
    }
}

extension Pod {
    public func atSecondPrecision() -> Pod {
        var pod = self
        if metadata.hasFractionalTimes { pod.metadata.truncateTimesToSeconds() }
        // Only changes reach the pod: touching it would copy its shared storage. Read by index,
        // not enumerated: each element enumerated is a copy of all its strings.
        if let start = status.startTime, start.milliseconds % 1000 != 0 { pod.status.startTime = start.wholeSecond }
        for i in status.conditions.indices where status.conditions[i].lastTransitionTime.milliseconds % 1000 != 0 {
            pod.status.conditions[i].lastTransitionTime = status.conditions[i].lastTransitionTime.wholeSecond
        }
        for i in status.containerStatuses.indices where status.containerStatuses[i].hasFractionalTimes {
            pod.status.containerStatuses[i].truncateTimesToSeconds()
        }
        return pod
    }
}

extension Node {
    public func atSecondPrecision() -> Node {
        var node = self
        if metadata.hasFractionalTimes { node.metadata.truncateTimesToSeconds() }
        for (i, taint) in spec.taints.enumerated() where (taint.timeAdded?.milliseconds ?? 0) % 1000 != 0 {
            node.spec.taints[i].timeAdded = taint.timeAdded.wholeSecond
        }
        for (i, c) in status.conditions.enumerated() where c.lastHeartbeatTime.milliseconds % 1000 != 0 || c.lastTransitionTime.milliseconds % 1000 != 0 {
            node.status.conditions[i].lastHeartbeatTime = c.lastHeartbeatTime.wholeSecond
            node.status.conditions[i].lastTransitionTime = c.lastTransitionTime.wholeSecond
        }
        return node
    }
}

extension Event {
    public func atSecondPrecision() -> Event {
        var event = self
        if metadata.hasFractionalTimes { event.metadata.truncateTimesToSeconds() }
        truncate(&event.firstTimestamp)
        truncate(&event.lastTimestamp)
        return event
    }
}

extension Deployment {
    public func atSecondPrecision() -> Deployment {
        var deployment = self
        if metadata.hasFractionalTimes { deployment.metadata.truncateTimesToSeconds() }
        for (i, c) in status.conditions.enumerated() where c.lastUpdateTime.milliseconds % 1000 != 0 || c.lastTransitionTime.milliseconds % 1000 != 0 {
            deployment.status.conditions[i].lastUpdateTime = c.lastUpdateTime.wholeSecond
            deployment.status.conditions[i].lastTransitionTime = c.lastTransitionTime.wholeSecond
        }
        return deployment
    }
}

extension ContainerStatus {
    var hasFractionalTimes: Bool {
        switch state {
        case .running(let t), .terminated(_, _, let t): if t.milliseconds % 1000 != 0 { return true }
        case .waiting: break
        }
        if let started = terminatedStartedAt, started.milliseconds % 1000 != 0 { return true }
        guard let last = lastState else { return false }
        return last.startedAt.milliseconds % 1000 != 0 || last.finishedAt.milliseconds % 1000 != 0
    }

    mutating func truncateTimesToSeconds() {
        switch state {
        case .running(let startedAt): state = .running(startedAt: startedAt.wholeSecond)
        case .terminated(let reason, let exitCode, let finishedAt):
            state = .terminated(reason: reason, exitCode: exitCode, finishedAt: finishedAt.wholeSecond)
        case .waiting: break
        }
        terminatedStartedAt = terminatedStartedAt.wholeSecond
        if var last = lastState {
            last.startedAt = last.startedAt.wholeSecond
            last.finishedAt = last.finishedAt.wholeSecond
            lastState = last
        }
    }
}
