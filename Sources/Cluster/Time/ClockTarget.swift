/// What a timer calls in place of a closure of its own: a work queue takes its next key from a
/// list it keeps, so a queued key costs no closure (a heap block apiece, some 300,000 of them
/// in a 30,000-pod build-up). The owner makes one target, with the closure its timers run,
/// and keeps it. Its steps run as a stepped timer's do: again at the same instant, before any
/// other timer, for as long as `fireStep` returns true.
///
/// A class holding a closure, not a protocol the owner adopts: a generic owner's conformance
/// would be called through its unspecialised code.
final class ClockTarget {
    let fireStep: () -> Bool

    init(_ fireStep: @escaping () -> Bool) { self.fireStep = fireStep }
}

/// How a timer holds its target: not retained, as a closure's `[unowned(unsafe) self]` is not;
/// the timer's lifeline, which the owner ends in its `deinit`, is checked before every step.
struct UnownedClockTarget: CustomReflectable {
    unowned(unsafe) let target: ClockTarget

    /// Nothing to show: a queue gone before its timers leaves them holding a dangling reference,
    /// which a reflecting print (a failed test's values) must not follow.
    var customMirror: Mirror { Mirror(self, children: []) }
}
