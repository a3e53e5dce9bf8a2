import PropertyBased
import Testing
@testable import Cluster

/// The sampled placement is a shortcut through kube-scheduler's cycle: with it and without it,
/// the same seed and the same steps must place every pod on the same node (the same draws
/// among tied nodes too), so the whole cluster ends the same.
@Suite struct SampledPlacementPropertyTests {
    /// One step against the cluster: what it does, on which deployment, pod or node, how much.
    static let step = zip(Gen.int(in: 0...9), Gen.int(in: 0...1_000), Gen.int(in: 0...3), Gen.int(in: 1...40))

    /// Requests from none (the scheduler's defaults score it) to most of a small node.
    static let requests = [ResourceAmounts(), ResourceAmounts(cpuMillis: 250), ResourceAmounts(cpuMillis: 1_000, memoryBytes: 1 << 30),
                           ResourceAmounts(cpuMillis: 2_500, memoryBytes: 3 << 30)]

    /// 130 nodes: above 100, so each pod is placed from a sample, not every node.
    static func cluster(sampled: Bool) -> Cluster {
        let cluster = Cluster(seed: 5, pace: .realistic, nodes: 0)
        cluster.scheduler.placesBySample = sampled
        for n in 1...130 {
            // Some small nodes, so requests fill them and the sample meets nodes that do not fit.
            let capacity = n % 3 == 0 ? ResourceAmounts(cpuMillis: 3_000, memoryBytes: 4 << 30, pods: 8) : Cluster.defaultNodeCapacity
            _ = try? cluster.addNode(name: "node-\(n)", capacity: capacity, ready: true)
        }
        return cluster
    }

    static func apply(_ step: (Int, Int, Int, Int), to cluster: Cluster, deployments: inout Int, nodes: inout Int) {
        let (action, choice, size, count) = step
        let store = cluster.store
        switch action {
        case 0, 1, 9: // a deployment of `count` replicas asking one of the sizes (9: tolerating the taint of step 5)
            var d = makeDeployment("app-\(deployments)", replicas: count)
            d.spec.template.spec.containers[0].requests = requests[size]
            if action == 9 { d.spec.template.spec.tolerations = [Toleration(key: "dedicated", operator: "Equal", value: "batch", effect: "NoSchedule")] }
            deployments += 1
            _ = try? store.create(d)
        case 2: // a deployment scaled
            guard deployments > 0 else { return }
            _ = try? store.modify(Deployment.self, "app-\(choice % deployments)", namespace: "default") { $0.spec.replicas = count * size }
        case 3: // a pod deleted at once: its ReplicaSet replaces it
            let pods = store.list(Pod.self).filter { $0.metadata.namespace == "default" }.sorted { $0.name < $1.name }
            guard !pods.isEmpty else { return }
            try? store.delete(Pod.self, pods[choice % pods.count].name, namespace: "default", gracePeriodSeconds: 0)
        case 4: // a node cordoned, or uncordoned
            _ = try? store.modify(Node.self, "node-\(choice % nodes + 1)") { $0.spec.unschedulable.toggle() }
        case 5: // a node tainted, or its taint taken off
            _ = try? store.modify(Node.self, "node-\(choice % nodes + 1)") { node in
                if node.spec.taints.contains(where: { $0.key == "dedicated" }) {
                    node.spec.taints.removeAll { $0.key == "dedicated" }
                } else {
                    node.spec.taints.append(Taint(key: "dedicated", value: "batch", effect: "NoSchedule"))
                }
            }
        case 6: // a node added
            nodes += 1
            _ = try? cluster.addNode(name: "node-\(nodes)", ready: true)
        case 7: // a node deleted
            try? store.delete(Node.self, "node-\(choice % nodes + 1)")
        default: // a bare pod: no owner, so topology spreading does not score it
            var pod = makeBarePod("bare-\(choice)", image: "nginx") { $0.requests = requests[size] }
            pod.metadata.namespace = "default"
            _ = try? store.create(pod)
        }
    }

    /// Cycles over all the runs, and those the tree answered.
    final class Tally {
        var cycles = 0, bySample = 0
    }

    @Test func placingFromTheTreeChoosesTheNodesTheWalkChooses() async {
        let tally = Tally()
        await propertyCheck(count: 40, input: Self.step.array(of: 1...14)) { steps in
            let sampled = Self.cluster(sampled: true), walked = Self.cluster(sampled: false)
            for cluster in [sampled, walked] {
                var deployments = 0, nodes = 130
                for step in steps {
                    Self.apply(step, to: cluster, deployments: &deployments, nodes: &nodes)
                    cluster.advance(by: .seconds(2))
                }
                cluster.advance(by: .seconds(10))
            }
            func placements(_ cluster: Cluster) -> [String] { cluster.store.list(Pod.self).map { "\($0.name) \($0.spec.nodeName)" }.sorted() }
            #expect(placements(sampled) == placements(walked))
            #expect(sampled.stateDigest() == walked.stateDigest())
            #expect(walked.scheduler.placedBySample == 0)
            tally.cycles += sampled.scheduling.cycles
            tally.bySample += sampled.scheduler.placedBySample
        }
        // Most pods are placed from the tree; the rest (daemon pods, the first pod of a new
        // request, a sample with a node that takes a tainted node's pods, a full cluster) walk.
        #expect(tally.bySample * 2 > tally.cycles, "\(tally.bySample) of \(tally.cycles) cycles placed from the tree")
    }
}
