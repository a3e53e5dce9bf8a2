import Testing
@testable import Cluster

/// Simulated traffic through a Service: kube-proxy's random spread over ready endpoints, what
/// happens to requests when a pod is killed or its node fails, and the flows' arithmetic.
@Suite struct ServiceTrafficTests {
    /// A cluster with `replicas` Ready pods of `web` and a Service `web` selecting them, its
    /// clock then moved to a whole second so flows started now add up exactly.
    static func webCluster(seed: UInt64 = 1, replicas: Int = 3) throws -> Cluster {
        let cluster = Cluster(seed: seed)
        try cluster.store.create(makeDeployment("web", replicas: replicas))
        try cluster.store.create(Service(metadata: ObjectMeta(name: "web", namespace: "default", labels: ["app": "web"]),
                                         spec: ServiceSpec(selector: ["app": "web"], ports: [ServicePort(port: 80)])))
        #expect(cluster.settle(app: "web", count: replicas))
        cluster.clock.advance(to: SimTime(milliseconds: (cluster.now.milliseconds / 1000 + 1) * 1000))
        return cluster
    }

    /// Requests the ledger counts for each pod of `web`, by pod name.
    static func requestsByPod(_ cluster: Cluster) -> [String: Int] {
        Dictionary(cluster.traffic.pods.values.map { ($0.podName, $0.served + $0.failed) }, uniquingKeysWith: +)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func threeThousandRequestsSpreadEvenlyOverThreeReadyPods(seed: UInt64) throws {
        let cluster = try Self.webCluster(seed: seed)
        try cluster.trafficGenerator.start(service: "web", namespace: "default", requestsPerSecond: 100)
        cluster.advance(by: .seconds(30))
        let flow = try #require(cluster.trafficGenerator.flow(toService: "web", namespace: "default"))
        #expect(flow.sent == 3000 && flow.errors == 0)
        let byPod = Self.requestsByPod(cluster)
        #expect(Set(byPod.keys) == Set(cluster.pods(app: "web").map(\.name)))
        for (pod, count) in byPod {
            let share = Double(count) / 3000
            #expect(abs(share - 1.0 / 3) <= 0.05, "\(pod) got \(count) of 3000")
        }
        #expect(cluster.traffic.totalRequests == 3000 && cluster.traffic.totalErrors == 0)
    }

    @Test func theSameSeedSendsTheSameRequestsToTheSamePods() throws {
        func run() throws -> [String: Int] {
            let cluster = try Self.webCluster(seed: 9)
            try cluster.trafficGenerator.start(service: "web", namespace: "default", requestsPerSecond: 37.5)
            cluster.advance(by: .seconds(8))
            return Self.requestsByPod(cluster)
        }
        let first = try run()
        #expect(first.values.reduce(0, +) == 300)
        #expect(try run() == first)
    }

    @Test func fractionalRatesAddUpOnTheVirtualClock() throws {
        let cluster = try Self.webCluster()
        let generator = cluster.trafficGenerator
        try generator.start(service: "web", namespace: "default", requestsPerSecond: 0.5)
        cluster.advance(by: .seconds(1.9))
        #expect(generator.flow(toService: "web", namespace: "default")?.sent == 0)
        cluster.advance(by: .seconds(0.1))
        #expect(generator.flow(toService: "web", namespace: "default")?.sent == 1)
        cluster.advance(by: .seconds(8))
        #expect(generator.flow(toService: "web", namespace: "default")?.sent == 5)
        // A new rate keeps the counts and what was owed: 5 + 2.5/s × 3 s.
        let rerated = try generator.start(service: "web", namespace: "default", requestsPerSecond: 2.5)
        #expect(rerated.sent == 5 && rerated.rateText == "2.5")
        cluster.advance(by: .seconds(3))
        #expect(generator.flow(toService: "web", namespace: "default")?.sent == 12)
        // 10,000 a second is a thousand requests a tick, not a timer each.
        try generator.start(service: "web", namespace: "default", requestsPerSecond: 10_000)
        cluster.advance(by: .seconds(1))
        #expect(generator.flow(toService: "web", namespace: "default")?.sent == 10_012)
    }

    @Test func ratesOutsideTheBoundsAreRefused() throws {
        let cluster = try Self.webCluster(replicas: 1)
        for rate in [0, -1, 10_000.5, .infinity, .nan, 0.0004] {
            #expect(throws: TrafficError.rateOutOfRange) {
                try cluster.trafficGenerator.start(service: "web", namespace: "default", requestsPerSecond: rate)
            }
        }
        #expect(throws: APIError.notFound(.service, "nope")) {
            try cluster.trafficGenerator.start(service: "nope", namespace: "default", requestsPerSecond: 1)
        }
        #expect(throws: TrafficError.noSelector("kubernetes")) {
            try cluster.trafficGenerator.start(service: "kubernetes", namespace: "default", requestsPerSecond: 1)
        }
        #expect(cluster.trafficGenerator.flows.isEmpty)
        #expect(try TrafficGenerator.millirequests(0.001) == 1)
        #expect(try TrafficGenerator.millirequests(10_000) == 10_000_000)
    }

    @Test func aKilledPodGetsNoNewRequestsOnceItsEndpointIsGone() throws {
        let cluster = try Self.webCluster()
        try cluster.trafficGenerator.start(service: "web", namespace: "default", requestsPerSecond: 100)
        cluster.advance(by: .seconds(5))
        let originals = Set(cluster.pods(app: "web").map(\.metadata.uid))
        let victim = try #require(cluster.pods(app: "web").first)
        try cluster.store.delete(Pod.self, victim.name, namespace: "default")
        let endpointGone = {
            !cluster.endpoints(ofService: "web", namespace: "default").contains { $0.podUID == victim.metadata.uid && $0.ready }
        }
        #expect(cluster.advance(until: endpointGone, timeout: .seconds(30)))
        let servedByVictim = cluster.traffic.pods[victim.metadata.uid].map { $0.served + $0.failed } ?? 0
        #expect(servedByVictim > 0)
        // It stops, goes, and a replacement takes its place; the other pods carry the traffic meanwhile.
        #expect(cluster.settle(app: "web", count: 3))
        cluster.advance(by: .seconds(10))
        #expect(cluster.traffic.pods[victim.metadata.uid].map { $0.served + $0.failed } ?? 0 == servedByVictim)
        #expect(cluster.store.get(Pod.self, victim.name, namespace: "default") == nil)
        let replacement = try #require(cluster.pods(app: "web").first { !originals.contains($0.metadata.uid) })
        #expect((cluster.traffic.pods[replacement.metadata.uid]?.served ?? 0) > 0)
        // Graceful: the pod left the endpoints while its container still answered, so nothing failed.
        #expect(cluster.trafficGenerator.flow(toService: "web", namespace: "default")?.errors == 0)
    }

    @Test func aPodOnAFailedNodeCountsErrorsUntilItsEndpointGoes() throws {
        let cluster = try Self.webCluster()
        try cluster.trafficGenerator.start(service: "web", namespace: "default", requestsPerSecond: 100)
        cluster.advance(by: .seconds(2))
        let victim = try #require(cluster.pods(app: "web").first)
        try cluster.failNode(victim.spec.nodeName)
        cluster.advance(by: .seconds(2))
        // The node has not been noticed yet: the pod is still a ready endpoint, and nothing answers there.
        #expect(cluster.endpoints(ofService: "web", namespace: "default").contains { $0.podUID == victim.metadata.uid && $0.ready })
        let failing = try #require(cluster.traffic.pods[victim.metadata.uid])
        #expect(failing.failed > 0)
        let flow = try #require(cluster.trafficGenerator.flow(toService: "web", namespace: "default"))
        #expect(flow.errors == failing.failed)
        let endpointGone = {
            !cluster.endpoints(ofService: "web", namespace: "default").contains { $0.podUID == victim.metadata.uid && $0.ready }
        }
        #expect(cluster.advance(until: endpointGone, timeout: .seconds(120)))
        let errorsThen = try #require(cluster.trafficGenerator.flow(toService: "web", namespace: "default")).errors
        #expect(errorsThen == cluster.traffic.pods[victim.metadata.uid]?.failed)
        #expect(errorsThen > failing.failed, "errors grew while the endpoint stayed")
        cluster.advance(by: .seconds(30))
        let later = try #require(cluster.trafficGenerator.flow(toService: "web", namespace: "default"))
        #expect(later.errors == errorsThen, "no errors once the endpoint is gone")
        #expect(later.sent > flow.sent + 3000)
    }

    @Test func deletingTheServiceEndsItsFlow() throws {
        let cluster = try Self.webCluster(replicas: 1)
        var ended: [TrafficFlow] = []
        cluster.trafficGenerator.onFlowEnded { ended.append($0) }
        try cluster.trafficGenerator.start(service: "web", namespace: "default", requestsPerSecond: 10)
        cluster.advance(by: .seconds(3))
        try cluster.store.delete(Service.self, "web", namespace: "default")
        cluster.advance(by: .seconds(3))
        let flow = try #require(cluster.trafficGenerator.flow(toService: "web", namespace: "default"))
        #expect(!flow.isFlowing && flow.endReason == "service deleted")
        #expect(flow.sent == 30)
        #expect(ended == [flow])
        #expect(!cluster.trafficGenerator.isFlowing(toService: "web", namespace: "default"))
        // Stopping it forgets it; with no flow left, the generator's timer stops too.
        #expect(cluster.trafficGenerator.stop(service: "web", namespace: "default")?.sent == 30)
        #expect(cluster.trafficGenerator.flows.isEmpty)
        #expect(cluster.trafficGenerator.stop(service: "web", namespace: "default") == nil)
    }

    @Test func withoutEndpointsRequestsAreRejectedAndCountedAsErrors() throws {
        let cluster = try Self.webCluster(replicas: 1)
        try cluster.store.create(Service(metadata: ObjectMeta(name: "empty", namespace: "default"),
                                         spec: ServiceSpec(selector: ["app": "nothing"], ports: [ServicePort(port: 80)])))
        try cluster.trafficGenerator.start(service: "empty", namespace: "default", requestsPerSecond: 10)
        cluster.advance(by: .seconds(2))
        let flow = try #require(cluster.trafficGenerator.flow(toService: "empty", namespace: "default"))
        #expect(flow.sent == 20 && flow.errors == 20)
        #expect(cluster.traffic.totalErrors == 20 && cluster.traffic.pods.isEmpty)
    }

    @Test func accessLogLinesGoToThePodThatServed() throws {
        let cluster = try Self.webCluster(replicas: 2)
        try cluster.trafficGenerator.start(service: "web", namespace: "default", requestsPerSecond: 20)
        cluster.advance(by: .seconds(5))
        for pod in cluster.pods(app: "web") {
            let log = try #require(cluster.logs.newest(podUID: pod.metadata.uid, container: pod.spec.containers[0].name))
            let access = log.lines.filter { $0.text.contains("msg=\"request\"") }
            #expect(access.count == cluster.traffic.pods[pod.metadata.uid]?.served)
            #expect(access.count > 0)
            #expect(access.allSatisfy { $0.text.contains("method=GET path=/ status=200") && $0.text.contains("remote=192.168.49.") })
        }
    }
}

/// kube-proxy's choice among endpoints, and a pod answering.
@Suite struct ServiceProxyTests {
    func endpoint(_ name: String, ready: Bool, serving: Bool, terminating: Bool) -> ServiceEndpoint {
        ServiceEndpoint(podName: name, podUID: "uid-\(name)", namespace: "default", nodeName: "node-1", address: "10.244.1.1",
                        ready: ready, serving: serving, terminating: terminating)
    }

    @Test func picksOnlyReadyEndpointsAndFallsBackToServingTerminatingOnes() {
        let proxy = ServiceProxy(seed: 4)
        let ready = endpoint("a", ready: true, serving: true, terminating: false)
        let draining = endpoint("b", ready: false, serving: true, terminating: true)
        let notReady = endpoint("c", ready: false, serving: false, terminating: false)
        let stopped = endpoint("d", ready: false, serving: false, terminating: true)
        for _ in 0..<50 { #expect(proxy.pick(from: [ready, draining, notReady, stopped]) == ready) }
        for _ in 0..<50 { #expect(proxy.pick(from: [draining, notReady, stopped]) == draining) }
        #expect(proxy.pick(from: [notReady, stopped]) == nil)
        #expect(proxy.pick(from: []) == nil)
    }

    @Test func aRequestToAPodThatIsGoneFailsAgainstThatPod() throws {
        let cluster = try ServiceTrafficTests.webCluster(replicas: 1)
        let pod = try #require(cluster.pods(app: "web").first)
        let stale = try #require(cluster.endpoints(ofService: "web", namespace: "default").first)
        try cluster.store.delete(Pod.self, pod.name, namespace: "default", gracePeriodSeconds: 0)
        let response = cluster.deliver(PodRequest(clientAddress: "192.168.49.2", port: 80), to: stale, copies: 1)
        #expect(!response.succeeded)
        #expect(response.outcome == .refused(reason: "dial tcp \(pod.status.podIP):80: connect: no route to host"))
        #expect(cluster.traffic.pods[pod.metadata.uid]?.failed == 1)
    }

    @Test func aStoppedContainerRefusesAndADownNodeTimesOut() throws {
        let cluster = try ServiceTrafficTests.webCluster(replicas: 1)
        let pod = try #require(cluster.pods(app: "web").first)
        let request = PodRequest(clientAddress: "127.0.0.1")
        #expect(cluster.deliver(request, toPod: pod.name, namespace: "default").succeeded)
        try cluster.failNode(pod.spec.nodeName)
        #expect(cluster.deliver(request, toPod: pod.name, namespace: "default").outcome == .refused(reason: "dial tcp \(pod.status.podIP):80: i/o timeout"))
        try cluster.recoverNode(pod.spec.nodeName)
        try cluster.crashContainer(pod: pod.name)
        #expect(cluster.deliver(request, toPod: pod.name, namespace: "default").outcome == .refused(reason: "dial tcp \(pod.status.podIP):80: connect: connection refused"))
        let tally = try #require(cluster.traffic.pods[pod.metadata.uid])
        #expect(tally.served == 1 && tally.failed == 2)
    }
}

/// Which port a request reaches: the service's targetPort as the slices resolved it, and only
/// a port the application listens on answers.
@Suite struct TrafficPortTests {
    @Test func aNamedTargetPortThePodsLackGetsNoTraffic() throws {
        let cluster = Cluster(seed: 1)
        try cluster.store.create(makeDeployment("web", replicas: 2))
        try cluster.store.create(Service(metadata: ObjectMeta(name: "web", namespace: "default"),
                                         spec: ServiceSpec(selector: ["app": "web"], ports: [ServicePort(port: 80, targetPort: "http")])))
        #expect(cluster.settle(app: "web", count: 2))
        // The pods sit in a slice without ports: kube-proxy has no backend for port 80.
        #expect(cluster.endpoints(ofService: "web", namespace: "default").isEmpty)
        try cluster.trafficGenerator.start(service: "web", namespace: "default", requestsPerSecond: 10)
        cluster.advance(by: .seconds(5))
        let flow = try #require(cluster.trafficGenerator.flow(toService: "web", namespace: "default"))
        #expect(flow.sent > 0 && flow.errors == flow.sent)
        #expect(cluster.traffic.pods.isEmpty)
    }

    @Test func aNumericTargetPortReachesTheDeclaredPort() throws {
        let cluster = Cluster(seed: 1)
        var deployment = makeDeployment("web", replicas: 1)
        deployment.spec.template.spec.containers[0].ports = [ContainerPort(containerPort: 8080, name: "http")]
        try cluster.store.create(deployment)
        try cluster.store.create(Service(metadata: ObjectMeta(name: "web", namespace: "default"),
                                         spec: ServiceSpec(selector: ["app": "web"], ports: [ServicePort(port: 80, targetPort: "http")])))
        #expect(cluster.settle(app: "web", count: 1))
        cluster.advance(by: .seconds(1))   // the slice controller's update of the same instant
        #expect(cluster.endpoints(ofService: "web", namespace: "default").map(\.port) == [8080])
        let response = try #require(cluster.sendThroughService(PodRequest(clientAddress: "10.0.0.1"), service: "web", namespace: "default"))
        #expect(response.succeeded)
    }

    @Test func onlyAPortTheApplicationListensOnAnswers() throws {
        let cluster = Cluster(seed: 1)
        var deployment = makeDeployment("web", replicas: 1)
        deployment.spec.template.spec.containers[0].ports = [ContainerPort(containerPort: 8080)]
        try cluster.store.create(deployment)
        #expect(cluster.settle(app: "web", count: 1))
        let pod = try #require(cluster.pods(app: "web").first)
        func ask(_ port: Int) -> PodResponse { cluster.deliver(PodRequest(clientAddress: "127.0.0.1", port: port), toPod: pod.metadata.name, namespace: "default") }
        #expect(ask(8080).succeeded)
        #expect(ask(9999).outcome == .refused(reason: "dial tcp \(pod.status.podIP):9999: connect: connection refused"))
        // The hello app declares a port, so it no longer listens on 80; nginx always does.
        #expect(!ask(80).succeeded)
        #expect(Cluster.container(answering: 80, in: Pod(metadata: ObjectMeta(name: "x"), spec: PodSpec(containers: [
            Container(name: "nginx", image: "nginx:1.27", ports: [ContainerPort(containerPort: 8080)])]))) == "nginx")
        #expect(Cluster.container(answering: 80, in: Pod(metadata: ObjectMeta(name: "x"), spec: PodSpec(containers: [
            Container(name: "app", image: "app:1")]))) == "app")
    }
}
