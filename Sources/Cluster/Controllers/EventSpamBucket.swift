/// client-go's spam filter for one source and object (EventSourceObjectSpamFilter): a token
/// bucket that holds 25 events and refills one every 5 minutes, on the virtual clock. Every
/// write the recorder would make (a new event or a repeat's count) takes a token; without one
/// the write is dropped.
struct EventSpamBucket {
    static let burst: Int64 = 25
    static let refillEvery = SimDuration.seconds(300)
    private static let capacity = refillEvery * burst

    /// When the bucket was (or would have been) empty: it holds (now − emptyAt) / refillEvery
    /// tokens, at most `burst`. One instant instead of a token count and a refill time.
    private var emptyAt: SimTime

    /// A full bucket, as a source's first event about an object finds it.
    init(now: SimTime) { emptyAt = SimTime(milliseconds: now.milliseconds - Self.capacity.milliseconds) }

    /// Takes a token if there is one.
    mutating func tryAccept(now: SimTime) -> Bool {
        let credit = min(now - emptyAt, Self.capacity)
        guard credit >= Self.refillEvery else { return false }
        emptyAt = SimTime(milliseconds: now.milliseconds - credit.milliseconds + Self.refillEvery.milliseconds)
        return true
    }

    /// Whether it has refilled: then it is no different from a new one and can be forgotten.
    func isFull(now: SimTime) -> Bool { now - emptyAt >= Self.capacity }
}
