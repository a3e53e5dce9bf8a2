/// How long a sync of a Service's endpoints keeps its controller busy: a real controller lists
/// every pod the Service selects and builds an endpoint for each, some 10 µs a pod, and pod
/// changes that come meanwhile wait in its queue and are taken together by the next sync. The
/// simulation syncs in no virtual time, so without this a scale to 100,000 pods behind a
/// Service would re-list all of them for every single pod change (quadratic). Under 100 pods
/// a sync costs less than the clock's millisecond and nothing changes.
struct EndpointSyncCost {
    static let podsPerMillisecond = 100
    private var busyUntil: [ObjectKey: SimTime] = [:]

    /// How long a change to `key`'s endpoints waits before it is synced.
    func wait(for key: ObjectKey, now: SimTime) -> SimDuration {
        guard let until = busyUntil[key], until > now else { return .zero }
        return until - now
    }

    /// Notes a sync of `key` that read `pods` pods at `now`.
    mutating func synced(_ key: ObjectKey, pods: Int, now: SimTime) {
        let cost = SimDuration.milliseconds(Int64(pods / Self.podsPerMillisecond))
        busyUntil[key] = cost > .zero ? now + cost : nil
    }
}
