/// A steady stream of simulated requests to one service (`sim traffic svc/NAME --rps N`): its
/// rate, what it has sent so far, and whether it still flows.
public struct TrafficFlow: Equatable, Sendable {
    public let service: String
    public let namespace: String
    /// The rate in thousandths of a request per second, so fractional rates add up exactly.
    public private(set) var millirequestsPerSecond: Int64
    public let startedAt: SimTime
    /// Requests sent, and how many of them failed (refused by a dying pod, or no endpoint to go to).
    public internal(set) var sent = 0
    public internal(set) var errors = 0
    /// Why the flow ended on its own (its service was deleted); nil while it flows.
    public internal(set) var endReason: String?

    /// Work owed but not yet sent, in (millirequests/s × ms): one request is 1,000,000.
    private var owed: Int64 = 0
    /// When the owed work was last brought up to date.
    private var accruedUntil: SimTime

    static let oneRequest: Int64 = 1_000_000

    init(service: String, namespace: String, millirequestsPerSecond: Int64, at now: SimTime) {
        self.service = service
        self.namespace = namespace
        self.millirequestsPerSecond = millirequestsPerSecond
        startedAt = now
        accruedUntil = now
    }

    public var requestsPerSecond: Double { Double(millirequestsPerSecond) / 1000 }
    public var isFlowing: Bool { endReason == nil }

    /// The rate as people write it: `50`, `0.5`, `2.25`.
    public var rateText: String { TrafficFlow.rateText(millirequestsPerSecond) }

    static func rateText(_ millis: Int64) -> String {
        let whole = millis / 1000, fraction = millis % 1000
        guard fraction != 0 else { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    /// A new rate from `now` on; what was owed at the old rate is kept.
    mutating func changeRate(to millis: Int64, at now: SimTime) {
        accrue(until: now)
        millirequestsPerSecond = millis
    }

    /// How many whole requests have come due since the last call; the fraction carries over.
    mutating func takeDue(at now: SimTime) -> Int {
        accrue(until: now)
        let due = owed / Self.oneRequest
        owed -= due * Self.oneRequest
        return Int(due)
    }

    private mutating func accrue(until now: SimTime) {
        owed += millirequestsPerSecond * max(0, (now - accruedUntil).milliseconds)
        accruedUntil = max(accruedUntil, now)
    }
}
