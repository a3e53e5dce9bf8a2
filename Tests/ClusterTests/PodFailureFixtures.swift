@testable import Cluster

/// A bare pod of one container named `app`, as a manifest would create it.
func makeBarePod(_ name: String, image: String, restartPolicy: String = "Always", configure: (inout Container) -> Void = { _ in }) -> Pod {
    var container = Container(name: "app", image: image, ports: [8080])
    configure(&container)
    var spec = PodSpec(containers: [container])
    spec.restartPolicy = restartPolicy
    return Pod(metadata: ObjectMeta(name: name, namespace: "default", labels: ["app": name]), spec: spec)
}

func httpProbe(period: Int = 10, failureThreshold: Int = 3, initialDelay: Int = 0) -> Probe {
    var probe = Probe(handler: .httpGet(path: "/healthz", port: "8080", scheme: "HTTP"))
    probe.periodSeconds = period
    probe.failureThreshold = failureThreshold
    probe.initialDelaySeconds = initialDelay
    return probe
}

/// Every change of one pod's first container, as the store saw it: when it started running,
/// when it exited, and each waiting state with its message.
final class ContainerHistory {
    struct Step: Equatable {
        var at: SimTime
        var state: String
        var message: String
        var restartCount: Int
    }

    private(set) var steps: [Step] = []

    init(_ cluster: Cluster, pod: String) {
        cluster.store.watch { [weak self] event in
            guard let self, event.kind == .pod, event.type != .deleted, let p = event.object as? Pod, p.metadata.name == pod,
                  let cs = p.status.containerStatuses.first else { return }
            let state: String = switch cs.state {
            case .running: "Running"
            case .waiting(let reason): reason
            case .terminated(let reason, _, _): "Terminated:\(reason)"
            }
            let step = Step(at: cluster.now, state: state, message: cs.waitingMessage, restartCount: cs.restartCount)
            if steps.last.map({ ($0.state, $0.message, $0.restartCount) != (step.state, step.message, step.restartCount) }) ?? true {
                steps.append(step)
            }
        }
    }

    func times(of state: String) -> [SimTime] { steps.filter { $0.state == state }.map(\.at) }
    func messages(of state: String) -> [String] { steps.filter { $0.state == state }.map(\.message) }
}
