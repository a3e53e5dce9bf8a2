/// The kubelet's per-key exponential back-off (client-go util/flowcontrol Backoff, no jitter):
/// 10 s, doubling to 5 min; an entry not renewed for twice the maximum starts over. The kubelet
/// keeps one for container restarts (key pod+container) and one for image pulls (pod+image).
struct BackOff {
    static let initial = SimDuration.seconds(10)
    static let maximum = SimDuration.seconds(300)

    private struct Entry {
        var delay: SimDuration
        var lastUpdate: SimTime
    }

    private var entries: [String: Entry] = [:]

    /// The current delay of `key` (zero when it has none).
    func delay(_ key: String) -> SimDuration { entries[key]?.delay ?? .zero }

    /// Moves `key` on to its next delay: the initial one, or double the last capped at the maximum.
    mutating func next(_ key: String, eventTime: SimTime, now: SimTime) {
        if let entry = entries[key], !Self.hasExpired(eventTime: eventTime, lastUpdate: entry.lastUpdate) {
            entries[key] = Entry(delay: min(entry.delay * 2, Self.maximum), lastUpdate: now)
        } else {
            entries[key] = Entry(delay: Self.initial, lastUpdate: now)
        }
    }

    /// Whether less than the delay has passed since `eventTime` (a container's exit): IsInBackOffSince.
    func isInBackOff(_ key: String, since eventTime: SimTime, now: SimTime) -> Bool {
        guard let entry = entries[key], !Self.hasExpired(eventTime: eventTime, lastUpdate: entry.lastUpdate) else { return false }
        return now - eventTime < entry.delay
    }

    /// Whether less than the delay has passed since the last failure: IsInBackOffSinceUpdate.
    func isInBackOffSinceUpdate(_ key: String, now: SimTime) -> Bool {
        guard let entry = entries[key], !Self.hasExpired(eventTime: now, lastUpdate: entry.lastUpdate) else { return false }
        return now - entry.lastUpdate < entry.delay
    }

    /// When the back-off of `key` ends, counted from its last update.
    func end(_ key: String) -> SimTime? { entries[key].map { $0.lastUpdate + $0.delay } }

    /// Stable for twice the maximum: the history is forgotten.
    private static func hasExpired(eventTime: SimTime, lastUpdate: SimTime) -> Bool {
        eventTime - lastUpdate > maximum * 2
    }

    mutating func forget(prefix: String) { entries = entries.filter { !$0.key.hasPrefix(prefix) } }
}
