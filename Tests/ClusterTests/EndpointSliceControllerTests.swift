import Testing
@testable import Cluster

/// The EndpointSlice and Endpoints controllers: endpoints follow readiness and termination
/// exactly, at the instant the pods change.
@Suite struct EndpointSliceControllerTests {
    static func service(_ name: String = "web", selector: [String: String] = ["app": "web"], targetPort: String = "8080") -> Service {
        Service(metadata: ObjectMeta(name: name, namespace: "default", labels: ["team": "blue"]),
                spec: ServiceSpec(selector: selector, ports: [ServicePort(port: 80, targetPort: targetPort)]))
    }

    func slices(_ cluster: Cluster, _ service: String = "web") -> [EndpointSlice] {
        cluster.store.endpointSlices(ofService: service, namespace: "default")
    }

    func sliceEndpoints(_ cluster: Cluster, _ service: String = "web") -> [String: SliceEndpoint] {
        var byPod: [String: SliceEndpoint] = [:]
        for slice in slices(cluster, service) { for e in slice.endpoints { byPod[e.targetRef!.name] = e } }
        return byPod
    }

    /// What upstream's rules say the slices must hold for the pods the service selects.
    func expectedEndpoints(_ cluster: Cluster, selector: [String: String]) -> [String: EndpointConditions] {
        var expected: [String: EndpointConditions] = [:]
        for pod in cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: selector), namespace: "default")
        where !pod.status.podIP.isEmpty && pod.status.phase != "Succeeded" && pod.status.phase != "Failed" {
            let terminating = pod.metadata.deletionTimestamp != nil
            expected[pod.name] = EndpointConditions(ready: pod.isReady && !terminating, serving: pod.isReady, terminating: terminating)
        }
        return expected
    }

    /// Runs the cluster for `duration`, checking at the end of every instant in which anything
    /// happened that the slices say exactly what the pods say. Returns how many instants it checked.
    @discardableResult
    func runChecking(_ cluster: Cluster, for duration: SimDuration, selector: [String: String] = ["app": "web"],
                     sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        let deadline = cluster.now + duration
        var checked = 0
        while cluster.clock.fireNext(notAfter: deadline) {
            // Only once everything due at this instant has run: the controller's batch period is 0.
            if let next = cluster.clock.nextFireTime, next <= cluster.now { continue }
            checked += 1
            let actual = sliceEndpoints(cluster).mapValues(\.conditions)
            let expected = expectedEndpoints(cluster, selector: selector)
            if actual != expected {
                Issue.record("at \(cluster.now): slices \(actual) but pods say \(expected)", sourceLocation: sourceLocation)
                return checked
            }
        }
        cluster.clock.advance(to: deadline)
        return checked
    }

    @Test func notReadyPodsAreNotReadyEndpointsUntilTheirProbePasses() throws {
        let cluster = Cluster(seed: 4)
        var behavior = ImageBehavior()
        behavior.readyAfter = .seconds(20)
        cluster.configureImage("web:1", behavior)
        var deployment = makeDeployment("web", image: "web:1", replicas: 2)
        deployment.spec.template.spec.containers[0].ports = [8080]
        deployment.spec.template.spec.containers[0].readinessProbe = httpProbe(period: 5)
        try cluster.store.create(deployment)
        try cluster.store.create(Self.service())
        #expect(runChecking(cluster, for: .seconds(12)) > 5)
        let early = sliceEndpoints(cluster)
        #expect(early.count == 2)
        #expect(early.values.allSatisfy { $0.conditions == EndpointConditions(ready: false, serving: false, terminating: false) })
        let endpoints = try #require(cluster.store.get(Endpoints.self, "web", namespace: "default"))
        #expect(endpoints.subsets.count == 1 && endpoints.subsets[0].addresses.isEmpty && endpoints.subsets[0].notReadyAddresses.count == 2)
        #expect(cluster.endpoints(ofService: "web", namespace: "default").allSatisfy { !$0.ready && !$0.serving })

        runChecking(cluster, for: .seconds(30))
        let ready = sliceEndpoints(cluster)
        #expect(ready.count == 2 && ready.values.allSatisfy { $0.conditions == EndpointConditions(ready: true, serving: true, terminating: false) })
        let pods = cluster.pods(app: "web")
        let slice = try #require(slices(cluster).first)
        #expect(slices(cluster).count == 1)
        #expect(slice.ports == [EndpointPort(name: "", port: 8080, protocol: "TCP")])
        #expect(Set(slice.endpoints.map { $0.addresses[0] }) == Set(pods.map(\.status.podIP)))
        #expect(Set(slice.endpoints.map(\.nodeName)) == Set(pods.map(\.spec.nodeName)))
        #expect(slice.endpoints.allSatisfy { e in pods.contains { $0.metadata.uid == e.targetRef?.uid && $0.name == e.targetRef?.name } })
        let readyEndpoints = try #require(cluster.store.get(Endpoints.self, "web", namespace: "default"))
        #expect(readyEndpoints.subsets[0].addresses.map(\.ip) == pods.map(\.status.podIP).sorted())
        #expect(readyEndpoints.subsets[0].notReadyAddresses.isEmpty)
        #expect(readyEndpoints.subsets[0].ports == [EndpointPort(port: 8080)])
        #expect(readyEndpoints.metadata.labels == ["team": "blue", "endpoints.kubernetes.io/managed-by": "endpoint-controller"])
    }

    @Test func aDeletedPodIsTerminatingAtOnceServingWhileReadyThenGone() throws {
        let cluster = Cluster(seed: 5)
        try cluster.store.create(makeDeployment("web", replicas: 3))
        try cluster.store.create(Self.service())
        #expect(cluster.settle(app: "web", count: 3))
        runChecking(cluster, for: .seconds(1))
        let victim = try #require(cluster.pods(app: "web").first)
        try cluster.store.delete(Pod.self, victim.name, namespace: "default")
        // The same instant: no virtual time passes.
        cluster.advance(by: .zero)
        let dying = try #require(sliceEndpoints(cluster)[victim.name])
        #expect(dying.conditions == EndpointConditions(ready: false, serving: true, terminating: true))
        #expect(cluster.endpoints(ofService: "web", namespace: "default").first { $0.podName == victim.name }
                .map { !$0.ready && $0.serving && $0.terminating } == true)
        // v1 Endpoints leave terminating pods out.
        let endpoints = try #require(cluster.store.get(Endpoints.self, "web", namespace: "default"))
        #expect(!endpoints.subsets.flatMap { $0.addresses + $0.notReadyAddresses }.contains { $0.targetRef?.name == victim.name })
        #expect(endpoints.subsets.flatMap(\.addresses).count == 2)

        runChecking(cluster, for: .seconds(40))
        #expect(cluster.store.get(Pod.self, victim.name, namespace: "default") == nil)
        #expect(sliceEndpoints(cluster)[victim.name] == nil)
        #expect(sliceEndpoints(cluster).count == 3) // the replacement
        #expect(sliceEndpoints(cluster).values.allSatisfy { $0.conditions.ready })
    }

    @Test func relabellingAPodOutOfTheSelectorRemovesIt() throws {
        let cluster = Cluster(seed: 6)
        try cluster.store.create(makeDeployment("web", replicas: 2))
        try cluster.store.create(Self.service())
        #expect(cluster.settle(app: "web", count: 2))
        let moved = try #require(cluster.pods(app: "web").first)
        try cluster.store.modify(Pod.self, moved.name, namespace: "default") { $0.metadata.labels["app"] = "debug" }
        cluster.advance(by: .zero)
        #expect(sliceEndpoints(cluster)[moved.name] == nil)
        #expect(cluster.store.get(Endpoints.self, "web", namespace: "default")?.subsets.flatMap(\.addresses).contains { $0.targetRef?.name == moved.name } == false)
        runChecking(cluster, for: .seconds(20))
        #expect(sliceEndpoints(cluster).count == 2)
    }

    @Test func changingTheSelectorMovesTheEndpoints() throws {
        let cluster = Cluster(seed: 7)
        try cluster.store.create(makeDeployment("web", replicas: 2))
        try cluster.store.create(makeDeployment("api", replicas: 3))
        try cluster.store.create(Self.service())
        #expect(cluster.settle(app: "web", count: 2) && cluster.settle(app: "api", count: 3))
        let name = try #require(slices(cluster).first?.name)
        try cluster.store.modify(Service.self, "web", namespace: "default") { $0.spec.selector = ["app": "api"] }
        cluster.advance(by: .zero)
        #expect(Set(sliceEndpoints(cluster).keys) == Set(cluster.pods(app: "api").map(\.name)))
        // The slice is rewritten in place, not replaced.
        #expect(slices(cluster).map(\.name) == [name])
        #expect(cluster.store.get(Endpoints.self, "web", namespace: "default")?.subsets.first?.addresses.count == 3)
        runChecking(cluster, for: .seconds(5), selector: ["app": "api"])
    }

    @Test func twoHundredFiftyPodsFillThreeSlicesOfAtMostAHundred() throws {
        let cluster = Cluster(seed: 8)
        try cluster.store.create(makeDeployment("web", replicas: 250))
        try cluster.store.create(Self.service())
        #expect(cluster.settle(app: "web", count: 250, timeout: .seconds(600)))
        cluster.advance(by: .zero)
        let all = slices(cluster)
        #expect(all.map(\.endpoints.count).sorted() == [50, 100, 100])
        #expect(Set(all.flatMap { $0.endpoints.map { $0.targetRef!.name } }) == Set(cluster.pods(app: "web").map(\.name)))
        let service = try #require(cluster.store.get(Service.self, "web", namespace: "default"))
        for slice in all {
            #expect(slice.name.wholeMatch(of: try Regex("web-\(nameAlphabet){5}")) != nil)
            #expect(slice.metadata.generateName == "web-")
            #expect(slice.addressType == "IPv4")
            #expect(slice.metadata.labels == ["kubernetes.io/service-name": "web", "team": "blue",
                                              "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io"])
            #expect(slice.metadata.ownerReferences == [OwnerReference(apiVersion: "v1", kind: "Service", name: "web", uid: service.metadata.uid)])
            #expect(slice.endpoints.allSatisfy { $0.conditions.ready })
        }
        #expect(cluster.store.get(Endpoints.self, "web", namespace: "default")?.subsets.first?.addresses.count == 250)
        #expect(cluster.endpoints(ofService: "web", namespace: "default").count == 250)

        // Scaling down empties slices without moving endpoints between them.
        try cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.replicas = 20 }
        #expect(cluster.settle(app: "web", count: 20, timeout: .seconds(600)))
        cluster.advance(by: .zero)
        #expect(slices(cluster).reduce(0) { $0 + $1.endpoints.count } == 20)
        #expect(slices(cluster).allSatisfy { !$0.endpoints.isEmpty })
    }

    @Test func aServiceWithoutPodsKeepsOnePlaceholderSliceAndReusesIt() throws {
        let cluster = Cluster(seed: 9)
        try cluster.store.create(Self.service())
        cluster.advance(by: .zero)
        let placeholder = try #require(slices(cluster).first)
        #expect(slices(cluster).count == 1 && placeholder.endpoints.isEmpty && placeholder.ports.isEmpty)
        #expect(cluster.store.get(Endpoints.self, "web", namespace: "default")?.subsets == [])
        try cluster.store.create(makeDeployment("web", replicas: 1))
        #expect(cluster.settle(app: "web", count: 1))
        #expect(slices(cluster).map(\.name) == [placeholder.name])
        #expect(slices(cluster)[0].ports == [EndpointPort(port: 8080)])
    }

    @Test func podsWithoutAnIPOrFinishedAreLeftOut() throws {
        let cluster = Cluster(seed: 10)
        var behavior = ImageBehavior()
        behavior.crashAfter = .seconds(5)
        behavior.exitCode = 0
        cluster.configureImage("job:1", behavior)
        var done = makeBarePod("done", image: "job:1", restartPolicy: "Never")
        done.metadata.labels = ["app": "web"]
        var huge = makeBarePod("huge", image: "web:1") { $0.requests = ResourceAmounts(cpuMillis: 64_000, memoryBytes: 0) }
        huge.metadata.labels = ["app": "web"]
        try cluster.store.create(done)
        try cluster.store.create(huge)
        try cluster.store.create(Self.service())
        runChecking(cluster, for: .seconds(3))
        #expect(sliceEndpoints(cluster).keys.sorted() == ["done"])
        runChecking(cluster, for: .seconds(20))
        #expect(cluster.store.get(Pod.self, "done", namespace: "default")?.status.phase == "Succeeded")
        #expect(cluster.store.get(Pod.self, "huge", namespace: "default")?.status.podIP == "")
        #expect(sliceEndpoints(cluster).isEmpty)
    }

    @Test func deletingTheServiceDeletesItsSlicesAndEndpoints() throws {
        let cluster = Cluster(seed: 11)
        try cluster.store.create(makeDeployment("web", replicas: 2))
        try cluster.store.create(Self.service())
        #expect(cluster.settle(app: "web", count: 2))
        #expect(!slices(cluster).isEmpty)
        try cluster.store.delete(Service.self, "web", namespace: "default")
        cluster.advance(by: .seconds(1))
        #expect(slices(cluster).isEmpty)
        #expect(cluster.store.get(Endpoints.self, "web", namespace: "default") == nil)
        #expect(cluster.endpoints(ofService: "web", namespace: "default").isEmpty)
    }

    @Test func slicesDrawFromTheirOwnSequenceSoPodNamesDoNotChange() throws {
        func podNames(withService: Bool) throws -> [String] {
            let cluster = Cluster(seed: 12)
            if withService { try cluster.store.create(Self.service()) }
            try cluster.store.create(makeDeployment("web", replicas: 3))
            _ = cluster.settle(app: "web", count: 3)
            try cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.replicas = 6 }
            _ = cluster.settle(app: "web", count: 6)
            return cluster.pods(app: "web").map(\.name)
        }
        #expect(try podNames(withService: true) == podNames(withService: false))
    }
}

extension EndpointSliceControllerTests {
    @Test func deletingTheNamespaceTakesItsServicesSlicesAndEndpoints() throws {
        let cluster = Cluster(seed: 13)
        try cluster.store.create(Namespace(name: "shop"))
        var deployment = makeDeployment("web", replicas: 2)
        deployment.metadata.namespace = "shop"
        try cluster.store.create(deployment)
        var service = Self.service()
        service.metadata.namespace = "shop"
        try cluster.store.create(service)
        #expect(cluster.advance(until: { cluster.store.endpointSlices(ofService: "web", namespace: "shop").first?.endpoints.count == 2 },
                                timeout: .seconds(60)))
        #expect(cluster.store.get(Endpoints.self, "web", namespace: "shop") != nil)
        try cluster.store.delete(Namespace.self, "shop")
        #expect(cluster.advance(until: { !cluster.store.namespaceExists("shop") }, timeout: .seconds(120)))
        #expect(cluster.store.list(Service.self, namespace: "shop").isEmpty)
        #expect(cluster.store.list(EndpointSlice.self, namespace: "shop").isEmpty)
        #expect(cluster.store.list(Endpoints.self, namespace: "shop").isEmpty)
    }
}

/// The v1 Endpoints object's 1000-address cap.
@Suite struct EndpointsCapacityTests {
    func addresses(_ prefix: String, _ count: Int) -> [EndpointAddress] {
        (0..<count).map { EndpointAddress(ip: "\(prefix).\($0 / 250).\($0 % 250)", nodeName: "node-1", targetRef: nil) }
    }

    @Test func underTheCapNothingIsCut() {
        var subsets = [EndpointSubset(addresses: addresses("10.1", 600), notReadyAddresses: addresses("10.2", 400))]
        let before = subsets
        #expect(!EndpointsCapacity.truncate(&subsets))
        #expect(subsets == before)
    }

    @Test func notReadyAddressesGoFirstInProportion() {
        var subsets = [EndpointSubset(addresses: addresses("10.1", 700), notReadyAddresses: addresses("10.2", 300), ports: [EndpointPort(port: 80)]),
                       EndpointSubset(addresses: [], notReadyAddresses: addresses("10.3", 100), ports: [EndpointPort(port: 81)])]
        #expect(EndpointsCapacity.truncate(&subsets))
        // 300 not-ready places: 300 × 300/400 = 225, the rest (75) to the last subset.
        #expect(subsets.map(\.addresses.count) == [700, 0])
        #expect(subsets.map(\.notReadyAddresses.count) == [225, 75])
    }

    @Test func tooManyReadyAddressesDropEveryNotReadyOne() {
        var subsets = [EndpointSubset(addresses: addresses("10.1", 900), notReadyAddresses: addresses("10.2", 10)),
                       EndpointSubset(addresses: addresses("10.3", 300), notReadyAddresses: addresses("10.4", 5))]
        #expect(EndpointsCapacity.truncate(&subsets))
        #expect(subsets.map(\.addresses.count) == [750, 250])
        #expect(subsets.allSatisfy { $0.notReadyAddresses.isEmpty })
    }
}

extension EndpointSliceControllerTests {
    @Test func aNamedTargetPortResolvesPerPodThroughItsContainerPorts() throws {
        let cluster = Cluster(seed: 14)
        var named = makeBarePod("named", image: "web:1")
        named.spec.containers[0].ports = [ContainerPort(containerPort: 9376, name: "http")]
        named.metadata.labels = ["app": "web"]
        var unnamed = makeBarePod("unnamed", image: "web:1")
        unnamed.metadata.labels = ["app": "web"]
        try cluster.store.create(named)
        try cluster.store.create(unnamed)
        try cluster.store.create(Self.service(targetPort: "http"))
        runChecking(cluster, for: .seconds(10))
        // Each set of ports has its own slice: the pod without an `http` port has none.
        let byPorts = Dictionary(uniqueKeysWithValues: slices(cluster).map { ($0.ports, $0.endpoints.map { $0.targetRef!.name }) })
        #expect(byPorts == [[EndpointPort(port: 9376)]: ["named"], []: ["unnamed"]])
        let endpoints = try #require(cluster.store.get(Endpoints.self, "web", namespace: "default"))
        #expect(endpoints.subsets.map(\.ports) == [[EndpointPort(port: 9376)]])
        #expect(endpoints.subsets[0].addresses.map { $0.targetRef?.name } == ["named"])
    }
}

/// A sync of a big Service's endpoints takes time, as a real controller's does: the pod changes
/// that come meanwhile are taken together by the next sync instead of each re-listing every pod.
@Suite struct EndpointSyncCostTests {
    @Test func changesDuringABigSyncAreTakenTogetherAndNothingIsMissed() throws {
        let cluster = Cluster(seed: 4, pace: .demo, nodes: 6)
        try cluster.store.create(makeDeployment("web", replicas: 600))
        try cluster.store.create(EndpointSliceControllerTests.service())
        var sliceWrites = 0
        cluster.store.watch { event in if event.kind == .endpointSlice { sliceWrites += 1 } }
        #expect(cluster.settle(app: "web", count: 600, timeout: .seconds(900)))
        cluster.advance(by: .seconds(1))
        // 600 pods each created, bound, started and made ready: a slice write for nearly each
        // (573) without the cost; a fifth fewer, since each sync takes 6 ms once the pods are there.
        #expect(sliceWrites < 520, "\(sliceWrites) writes of slices")
        let endpoints = try #require(cluster.store.get(Endpoints.self, "web", namespace: "default"))
        #expect(endpoints.subsets.first?.addresses.count == 600, "every address ready")
        #expect(cluster.endpoints(ofService: "web", namespace: "default").count == 600)
        #expect(cluster.store.endpointSlices(ofService: "web", namespace: "default").allSatisfy { $0.endpoints.allSatisfy(\.conditions.ready) })
    }

    @Test func aSmallServiceSyncsAtTheInstantOfAChange() {
        var cost = EndpointSyncCost()
        let key = ObjectKey(namespace: "default", name: "web")
        cost.synced(key, pods: 99, now: SimTime(milliseconds: 5_000))
        #expect(cost.wait(for: key, now: SimTime(milliseconds: 5_000)) == .zero)
        cost.synced(key, pods: 100_000, now: SimTime(milliseconds: 5_000))
        #expect(cost.wait(for: key, now: SimTime(milliseconds: 5_400)) == .milliseconds(600))
        #expect(cost.wait(for: key, now: SimTime(milliseconds: 6_000)) == .zero)
    }
}
