/// Who records an event (its `source`): a component, and for a kubelet its node. Upstream each
/// is a process with its own recorder — a kubelet per node, the scheduler, each controller of
/// the controller manager — so each has its own correlator (see `EventCorrelator`). Components
/// make theirs once; the pair's hash is kept, as the recorder looks its correlator up per event.
struct EventSource: PrehashedKey {
    let component: String
    let host: String
    let prehash: Int

    init(component: String, host: String = "") {
        (self.component, self.host) = (component, host)
        var hasher = Hasher()
        hasher.combine(component)
        hasher.combine(host)
        prehash = hasher.finalize()
    }

    static func == (a: Self, b: Self) -> Bool {
        a.prehash == b.prehash && a.component == b.component && a.host == b.host
    }
}
