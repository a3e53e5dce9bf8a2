/// `--preset NAME`: a workload the dashboard creates over its first frames, through the same
/// commands a user would type, instead of the demo deployment.
enum WorkloadPreset: String, CaseIterable {
    /// Kubernetes' documented limits with `--nodes 5000`: 1,500 deployments of 100 replicas, 150,000 pods.
    case large

    var deployments: Int {
        switch self {
        case .large: 1500
        }
    }

    var replicas: Int {
        switch self {
        case .large: 100
        }
    }

    /// `kubectl create deployment app-0001 …`: numbered with zeros, so name order is number order.
    var lines: [String] {
        let digits = String(deployments).count
        return (1...deployments).map { i in
            let number = String(i)
            let name = "app-" + String(repeating: "0", count: digits - number.count) + number
            return "kubectl create deployment \(name) --image=nginx:1.25 --replicas=\(replicas)"
        }
    }

    /// Every name `--preset` takes (`empty`: nodes only, no workload).
    static var names: String { (["empty"] + allCases.map(\.rawValue)).joined(separator: ", ") }
}
