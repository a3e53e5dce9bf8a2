/// client-go's EventAggregator record for events alike but for their message: same source,
/// object, type and reason. The tenth distinct message within 10 minutes of the last such event
/// (and every later new one) is no longer recorded as itself but as one combined event.
struct SimilarEvents {
    static let maxMessages = 10
    static let window = SimDuration.seconds(600)
    static let combinedPrefix = "(combined from similar events): "

    let type: String
    let reason: String
    /// The distinct messages seen since the window opened, kept under `maxMessages`: the first
    /// held in place, the rest in an array. Nearly every record sees one message (a pod's
    /// Scheduled, Pulled, Started), and an array for it was a heap block each.
    private var firstMessage: String?
    private var laterMessages: [String] = []
    private(set) var lastSeen: SimTime

    init(type: String, reason: String, now: SimTime) {
        (self.type, self.reason, lastSeen) = (type, reason, now)
    }

    /// Notes an event with `message` and says whether it must go into the combined event.
    mutating func combines(_ message: String, now: SimTime) -> Bool {
        if now - lastSeen > Self.window {
            firstMessage = nil
            laterMessages.removeAll()
        }
        lastSeen = now
        guard let first = firstMessage else {
            firstMessage = message
            return false
        }
        if first == message || laterMessages.contains(message) { return false }
        // Upstream drops one message of the full set (any); dropping the new one keeps the nine
        // that have events of their own, so their repeats still count there.
        guard 1 + laterMessages.count + 1 < Self.maxMessages else { return true }
        laterMessages.append(message)
        return false
    }

    /// Whether the window has closed: then a new record is no different and this can be forgotten.
    func isStale(now: SimTime) -> Bool { now - lastSeen > Self.window }
}
