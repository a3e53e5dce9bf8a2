/// What the dashboard does with time the main loop would spend waiting for keys.
extension Dashboard {
    /// Makes ahead what the first `/` or sort of the Pods table would (ClusterView.keepPodRows),
    /// while `budgetLeft` says so; only once the pods have stopped changing between two calls,
    /// as during a scale-up the rows would be dropped as fast as they are made, and the time is
    /// the cluster's. True when nothing is left to make.
    @discardableResult
    public func useIdleTime(while budgetLeft: () -> Bool) -> Bool {
        guard view.podVersion == podVersionAtLastIdle else {
            podVersionAtLastIdle = view.podVersion
            return false
        }
        return view.keepPodRows(while: budgetLeft)
    }
}
