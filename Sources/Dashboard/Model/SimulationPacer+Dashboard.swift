import Cluster

extension Dashboard {
    /// How much simulation work each tick may do (the live loop gives a few milliseconds of
    /// real time; tests and benchmarks default to everything due).
    public var sliceBudget: SliceBudget {
        get { pacer.budget }
        set { pacer.budget = newValue }
    }

    /// How far virtual time is behind real time × speed because the cluster is busy; zero when
    /// it keeps up.
    public var simulationLag: SimDuration { pacer.lag }
}
