/// A container's three probes, kept in one shared block: inline they made a `Container` ~400
/// bytes, copied whole (and every string in them retained) each time a pod's container list
/// is copied, while most containers have no probe at all. Immutable: setting a probe makes a
/// new block, so copies of a container never see each other's changes.
final class ContainerProbes: Equatable, Sendable {
    let readiness: Probe?
    let liveness: Probe?
    let startup: Probe?

    private init(readiness: Probe?, liveness: Probe?, startup: Probe?) {
        (self.readiness, self.liveness, self.startup) = (readiness, liveness, startup)
    }

    /// The block for these probes; nil for none, so a container that never had a probe and one
    /// whose probes were all removed compare equal.
    static func make(readiness: Probe?, liveness: Probe?, startup: Probe?) -> ContainerProbes? {
        readiness == nil && liveness == nil && startup == nil ? nil : ContainerProbes(readiness: readiness, liveness: liveness, startup: startup)
    }

    static func == (a: ContainerProbes, b: ContainerProbes) -> Bool {
        a === b || (a.readiness == b.readiness && a.liveness == b.liveness && a.startup == b.startup)
    }
}
