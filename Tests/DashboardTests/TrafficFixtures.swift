@testable import Cluster
@testable import Commands
@testable import Dashboard

/// Requests driven straight at the cluster, second by second of virtual time, as simulated
/// traffic would send them; each pod's answers counted here, apart from the ledger.
struct TrafficDriver {
    let dashboard: Dashboard
    let service: String
    /// By virtual second, the pods that answered (one entry per request).
    var answeredBy: [Int64: [String]] = [:]
    var failures = 0

    init(_ dashboard: Dashboard, service: String = DemoDeployment.name) {
        self.dashboard = dashboard
        self.service = service
    }

    /// `perSecond` requests through the Service at the start of each of `seconds` seconds.
    mutating func run(seconds: Int, perSecond: Int) {
        for _ in 0..<seconds {
            let second = dashboard.cluster.now.milliseconds / 1000
            for _ in 0..<perSecond {
                let response = dashboard.cluster.sendThroughService(PodRequest(clientAddress: "10.244.0.1"), service: service, namespace: "default")
                if let response, response.succeeded { answeredBy[second, default: []].append(response.podName) } else { failures += 1 }
            }
            dashboard.tick(realElapsed: .seconds(1))
        }
    }

    /// Requests per second `pod` answered over the five whole seconds before now, from our own count.
    func rate(of pod: String) -> Double {
        let now = dashboard.cluster.now.milliseconds / 1000
        let count = (now - 5..<now).reduce(0) { $0 + (answeredBy[$1]?.filter { $0 == pod }.count ?? 0) }
        return Double(count) / 5
    }
}

extension Dashboard {
    /// The demo deployment behind a Service, as `kubectl expose` makes it.
    func exposeDemo() {
        let output = session.execute("kubectl expose deployment \(DemoDeployment.name) --port=80").output
        precondition(!output.failed, output.combined)
        // The endpoints controllers publish the service's endpoints within the instant it is created.
        cluster.advance(by: .zero)
    }
}

/// The frame's first line holding every one of `texts`, or "" when none does.
func line(_ frame: String, containing texts: String...) -> String {
    frame.split(separator: "\n").first { row in texts.allSatisfy { row.contains($0) } }.map(String.init) ?? ""
}
