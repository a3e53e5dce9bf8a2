import Testing
@testable import Cluster

/// The Store keeps each node's request sums on every pod write (the node map reads them every
/// frame); they must always equal the sums recounted from the pods themselves.
@Suite struct NodeRequestTallyTests {
    static let nodes = ["", "node-1", "node-2", "node-3"]

    /// What the pods on `node` that are not terminating request, added up pod by pod.
    static func recount(_ store: Store, onNode node: String) -> ResourceAmounts {
        var total = ResourceAmounts()
        for pod in store.pods(onNode: node) where !pod.isTerminating {
            for container in pod.spec.containers { total = total + container.requests }
            total.pods = Saturating.add(total.pods, 1)
        }
        return total
    }

    /// A request now and then near Int64's limit, so sums saturate and must come back down.
    static func requests(_ random: RandomSource) -> ResourceAmounts {
        if random.int(in: 0...9) == 0 { return ResourceAmounts(cpuMillis: .max / 2, memoryBytes: .max / 3) }
        return ResourceAmounts(cpuMillis: Int64(random.int(in: 0...2000)), memoryBytes: Int64(random.int(in: 0...4096)) << 20)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func sumsEqualTheRecountAfterEveryCreateBindAndDelete(seed: UInt64) throws {
        let cluster = Cluster(seed: seed)
        let store = cluster.store
        let random = RandomSource(seed: seed)
        var changes = 0
        var saturated = false
        for step in 0..<400 {
            let pods = store.list(Pod.self)
            let pick = pods.isEmpty ? nil : pods[random.int(in: 0...(pods.count - 1))]
            switch random.int(in: 0...5) {
            case 0, 1:
                // A new pod, sometimes bound at creation (spec.nodeName set by its author).
                let containers = (0...random.int(in: 0...2)).map { Container(name: "c\($0)", image: "nginx", requests: Self.requests(random)) }
                var spec = PodSpec(containers: containers)
                spec.nodeName = Self.nodes[random.int(in: 0...3)]
                try store.create(Pod(metadata: ObjectMeta(name: "p\(step)"), spec: spec))
            case 2:
                guard let pick, pick.spec.nodeName.isEmpty else { continue }
                try store.modify(Pod.self, key: pick.key) { $0.spec.nodeName = Self.nodes[random.int(in: 1...3)] }
            case 3:
                // Graceful: a bound pod stays, Terminating, and stops counting.
                guard let pick else { continue }
                try store.delete(Pod.self, key: pick.key)
            case 4:
                guard let pick else { continue }
                try store.delete(Pod.self, key: pick.key, gracePeriodSeconds: 0)
            default:
                // A write that changes no request (the kubelet's status updates).
                guard let pick else { continue }
                try store.modify(Pod.self, key: pick.key) { $0.metadata.labels["step"] = "\(step)" }
            }
            changes += 1
            for node in Self.nodes {
                let kept = store.activeRequests(onNode: node)
                #expect(kept == Self.recount(store, onNode: node), "after step \(step), node \"\(node)\"")
                if kept.cpuMillis == .max { saturated = true }
            }
        }
        #expect(changes > 300)
        #expect(saturated, "some sum saturated on the way")
        withExtendedLifetime(cluster) {} // its controllers watch the store
    }

    @Test func aSaturatedSumComesBackExactlyWhenThePodGoes() throws {
        let cluster = Cluster(seed: 1)
        defer { withExtendedLifetime(cluster) {} } // its controllers watch the store
        let store = cluster.store
        var spec = PodSpec(containers: [Container(name: "big", image: "nginx", requests: ResourceAmounts(cpuMillis: .max, memoryBytes: 1 << 30))])
        spec.nodeName = "node-1"
        try store.create(Pod(metadata: ObjectMeta(name: "big"), spec: spec))
        spec.containers[0].requests = ResourceAmounts(cpuMillis: 250, memoryBytes: 1 << 20)
        try store.create(Pod(metadata: ObjectMeta(name: "small"), spec: spec))
        #expect(store.activeRequests(onNode: "node-1") == ResourceAmounts(cpuMillis: .max, memoryBytes: (1 << 30) + (1 << 20), pods: 2))
        try store.delete(Pod.self, "big", namespace: "default", gracePeriodSeconds: 0)
        #expect(store.activeRequests(onNode: "node-1") == ResourceAmounts(cpuMillis: 250, memoryBytes: 1 << 20, pods: 1))
    }

    @Test func exactSumsCrossInt64sLimitBothWays() {
        var sum = ExactSum()
        sum.add(.max); sum.add(.max)
        #expect(sum.clamped == .max)
        sum.subtract(.max)
        #expect(sum.clamped == .max)
        sum.subtract(1)
        #expect(sum.clamped == .max - 1)
        sum.subtract(.max); sum.subtract(.max)
        #expect(sum.clamped == .min)
        sum.add(.max); sum.add(5)
        #expect(sum.clamped == 4)
        sum.subtract(.min)
        #expect(sum.clamped == .max)
    }
}
