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

extension SimTime {
    /// Whether this instant falls inside a second (truncating it would change it).
    var hasFraction: Bool { milliseconds % 1000 != 0 }
}

extension Optional where Wrapped == SimTime {
    var wholeSecond: SimTime? { map(\.wholeSecond) }
    var hasFraction: Bool { self?.hasFraction ?? false }
}

extension ObjectMeta {
    mutating func truncateTimesToSeconds() {
        creationTimestamp = creationTimestamp.wholeSecond
        deletionTimestamp = deletionTimestamp.wholeSecond
    }

    var hasFractionalTimes: Bool { creationTimestamp.hasFraction || deletionTimestamp.hasFraction }
}

// Each kind below reads a time before writing it: even an inout access that changes nothing
// makes the pod's box or the array holding the time its own, copying it when it is shared.

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
        if status.startTime.hasFraction { status.startTime = status.startTime.wholeSecond }
        for i in status.conditions.indices where status.conditions[i].lastTransitionTime.hasFraction {
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
        for i in spec.taints.indices where spec.taints[i].timeAdded.hasFraction {
            spec.taints[i].timeAdded = spec.taints[i].timeAdded.wholeSecond
        }
        for i in status.conditions.indices where status.conditions[i].lastHeartbeatTime.hasFraction || status.conditions[i].lastTransitionTime.hasFraction {
            status.conditions[i].lastHeartbeatTime = status.conditions[i].lastHeartbeatTime.wholeSecond
            status.conditions[i].lastTransitionTime = status.conditions[i].lastTransitionTime.wholeSecond
        }
    }
}

extension Event {
    public mutating func truncateToSeconds() {
        if metadata.hasFractionalTimes { metadata.truncateTimesToSeconds() }
        if firstTimestamp?.hasFraction == true { firstTimestamp = firstTimestamp?.wholeSecond }
        if lastTimestamp?.hasFraction == true { lastTimestamp = lastTimestamp?.wholeSecond }
    }
}

extension Deployment {
    public mutating func truncateToSeconds() {
        if metadata.hasFractionalTimes { metadata.truncateTimesToSeconds() }
        for i in status.conditions.indices where status.conditions[i].lastUpdateTime.hasFraction || status.conditions[i].lastTransitionTime.hasFraction {
            status.conditions[i].lastUpdateTime = status.conditions[i].lastUpdateTime.wholeSecond
            status.conditions[i].lastTransitionTime = status.conditions[i].lastTransitionTime.wholeSecond
        }
    }
}

extension ContainerStatus {
    var hasFractionalTimes: Bool {
        switch state {
        case .running(let t), .terminated(_, _, let t): if t.hasFraction { return true }
        case .waiting: break
        }
        if terminatedStartedAt.hasFraction { return true }
        guard let last = lastState else { return false }
        return last.startedAt.hasFraction || last.finishedAt.hasFraction
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
