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
    public mutating func truncateToSeconds() {
        if metadata.hasFractionalTimes { metadata.truncateTimesToSeconds() }
    }

    /// A copy as the API server stores it (the store truncates in place).
    public func atSecondPrecision() -> Self {
        var copy = self
        copy.truncateToSeconds()
        return copy
    }
}

extension Pod {
    public mutating func truncateToSeconds() {
        if metadata.hasFractionalTimes { metadata.truncateTimesToSeconds() }
        // Only changes reach the pod: touching a field of a shared pod copies its storage. Read
        // by index, not enumerated: each element enumerated is a copy of all its strings.
        if let start = status.startTime, start.milliseconds % 1000 != 0 { status.startTime = start.wholeSecond }
        for i in status.conditions.indices where status.conditions[i].lastTransitionTime.milliseconds % 1000 != 0 {
            status.conditions[i].lastTransitionTime = status.conditions[i].lastTransitionTime.wholeSecond
        }
        for i in status.containerStatuses.indices where status.containerStatuses[i].hasFractionalTimes {
            status.containerStatuses[i].truncateTimesToSeconds()
        }
    }
}

extension Node {
    public mutating func truncateToSeconds() {
        if metadata.hasFractionalTimes { metadata.truncateTimesToSeconds() }
        for i in spec.taints.indices where (spec.taints[i].timeAdded?.milliseconds ?? 0) % 1000 != 0 {
            spec.taints[i].timeAdded = spec.taints[i].timeAdded.wholeSecond
        }
        for i in status.conditions.indices {
            truncate(&status.conditions[i].lastHeartbeatTime)
            truncate(&status.conditions[i].lastTransitionTime)
        }
    }
}

extension Event {
    public mutating func truncateToSeconds() {
        if metadata.hasFractionalTimes { metadata.truncateTimesToSeconds() }
        truncate(&firstTimestamp)
        truncate(&lastTimestamp)
    }
}

extension Deployment {
    public mutating func truncateToSeconds() {
        if metadata.hasFractionalTimes { metadata.truncateTimesToSeconds() }
        for i in status.conditions.indices where status.conditions[i].lastUpdateTime.milliseconds % 1000 != 0 || status.conditions[i].lastTransitionTime.milliseconds % 1000 != 0 {
            status.conditions[i].lastUpdateTime = status.conditions[i].lastUpdateTime.wholeSecond
            status.conditions[i].lastTransitionTime = status.conditions[i].lastTransitionTime.wholeSecond
        }
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
