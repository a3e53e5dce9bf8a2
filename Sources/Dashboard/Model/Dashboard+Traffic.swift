import Cluster

extension Dashboard {
    /// The rate each pod gets when `T` starts traffic: enough for bars that move, few enough
    /// to read the access lines in a pod's log.
    static let trafficRate = 50

    /// `T` on Deployments: starts simulated traffic to the deployment's Service, exposing the
    /// deployment first when no Service selects its pods (`kubectl expose … --port=80`, with the
    /// first declared container port as the target); pressed again, stops it. Both go through
    /// the command path as typed lines, so the status line reports them in their own words.
    func toggleTraffic(deployment name: String) {
        guard let deployment = cluster.store.get(Deployment.self, name, namespace: namespace) else { return }
        // Whether traffic flows is the generator's to say (a start typed at `:` or played by a
        // scenario counts too), not a record of our own.
        let existing = serviceSelecting(deployment)
        if let service = existing, cluster.trafficGenerator.isFlowing(toService: service, namespace: namespace) {
            run("sim traffic svc/\(service) --stop\(namespaceFlag)")
            return
        }
        let service: String
        if let existing {
            service = existing
        } else {
            let port = deployment.spec.template.spec.containers.lazy.compactMap(\.ports.first?.containerPort).first
            let expose = run("kubectl expose deployment \(name) --port=80\(port.map { " --target-port=\($0)" } ?? "")\(namespaceFlag)")
            guard !expose.failed else { return }
            service = name
        }
        run("sim traffic svc/\(service) --rps \(Self.trafficRate)\(namespaceFlag)")
    }

    /// A Service whose selector picks the deployment's pods (one named after the deployment
    /// first, as `expose` names it), or nil.
    func serviceSelecting(_ deployment: Deployment) -> String? {
        let labels = deployment.spec.template.labels
        let matching = cluster.store.list(Service.self, namespace: deployment.metadata.namespace).filter { service in
            guard let selector = service.spec.selector, !selector.isEmpty else { return false }
            return selector.allSatisfy { labels[$0.key] == $0.value }
        }.map(\.name).sorted()
        return matching.contains(deployment.name) ? deployment.name : matching.first
    }

    /// The ledger read for this frame, or nil before any request. Rates and the strips count
    /// whole seconds before now, so one reading serves every frame of a virtual second: the
    /// walk over the pods that served traffic happens once a second, not once a frame.
    func trafficSummary() -> TrafficSummary? {
        guard TrafficSummary.hasTraffic(cluster) else { return nil }
        let second = cluster.now.milliseconds / 1000
        if let cached = trafficSummaryCache, cached.second == second, cached.namespace == namespace { return cached.summary }
        let summary = TrafficSummary(cluster: cluster, namespace: namespace)
        trafficSummaryCache = (second, namespace, summary)
        return summary
    }

    /// Where the Traffic pane goes this frame while requests flow: the Events place (Events
    /// come back with key 5). Where Healing and Events share one place (short screens), a
    /// healing still under way keeps it, so a kill during traffic shows its chain first.
    func trafficPlace(in layout: Layout, flowing: Bool) -> Rect? {
        guard flowing, focus != .events else { return nil }
        if layout.shared, let timeline = healing.timeline, !timeline.isComplete { return nil }
        return layout.events
    }
}
