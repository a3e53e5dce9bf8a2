import Testing
@testable import Cluster

/// Readiness, liveness and startup probes against the simulated application
/// (`sim image --ready-after`): thresholds, periods and the kubelet's events.
@Suite struct ProbeTests {
    private func pod(_ cluster: Cluster, _ name: String) -> Pod? { cluster.store.get(Pod.self, name, namespace: "default") }

    private func warmingImage(_ cluster: Cluster, _ image: String, readyAfter seconds: Int) {
        var behavior = ImageBehavior()
        behavior.readyAfter = .seconds(seconds)
        cluster.configureImage(image, behavior)
    }

    private func startedAt(_ pod: Pod?) -> SimTime? {
        if case .running(let at)? = pod?.status.containerStatuses.first?.state { return at }
        return nil
    }

    @Test func readinessKeepsPodsUnreadyAndTheDeploymentUnavailableUntilItPasses() throws {
        let cluster = Cluster(seed: 4)
        warmingImage(cluster, "web:1", readyAfter: 20)
        var deployment = makeDeployment("web", image: "web:1", replicas: 2)
        deployment.spec.template.spec.containers[0].readinessProbe = httpProbe(period: 5)
        try cluster.store.create(deployment)
        #expect(cluster.advance(until: { cluster.pods(app: "web").filter { $0.status.phase == "Running" }.count == 2 }, timeout: .seconds(30)))
        cluster.advance(by: .seconds(10))
        let unready = cluster.pods(app: "web")
        #expect(unready.allSatisfy { !$0.isReady && $0.status.condition("ContainersReady")?.status == "False" })
        #expect(unready.allSatisfy { $0.status.containerStatuses[0].started && !$0.status.containerStatuses[0].ready })
        #expect(cluster.store.get(Deployment.self, "web", namespace: "default")?.status.availableReplicas == 0)
        let failure = try #require(cluster.events(reason: "Unhealthy").first)
        let ip = try #require(cluster.store.list(Pod.self).first { $0.metadata.name == failure.involvedObject.name }?.status.podIP)
        #expect(failure.type == "Warning")
        #expect(failure.message == "Readiness probe failed: Get \"http://\(ip):8080/healthz\": dial tcp \(ip):8080: connect: connection refused")

        #expect(cluster.advance(until: { cluster.store.get(Deployment.self, "web", namespace: "default")?.status.availableReplicas == 2 },
                                timeout: .seconds(30)))
        for p in cluster.pods(app: "web") {
            // Ready at the first probe at or after 20 s of running: probes come every 5 s from the start.
            let readyAt = try #require(p.status.condition("Ready")).lastTransitionTime
            let running = try #require(startedAt(p))
            #expect(readyAt - running >= .seconds(20) && readyAt - running < .seconds(25))
            #expect(p.restartCount == 0)
        }
    }

    @Test func successThresholdNeedsThatManyPassesInARow() throws {
        let cluster = Cluster(seed: 4)
        try cluster.store.create(makeBarePod("steady", image: "web:1") {
            var probe = httpProbe(period: 5)
            probe.successThreshold = 3
            $0.readinessProbe = probe
        })
        #expect(cluster.advance(until: { self.pod(cluster, "steady")?.isReady == true }, timeout: .seconds(60)))
        let p = try #require(pod(cluster, "steady"))
        // Passes at 0 s, 5 s and 10 s of running: ready at the third.
        #expect(try #require(p.status.condition("Ready")).lastTransitionTime - (try #require(startedAt(p))) == .seconds(10))
        #expect(cluster.events(reason: "Unhealthy").isEmpty)
    }

    @Test func aFailingLivenessProbeRestartsTheContainer() throws {
        let cluster = Cluster(seed: 6)
        warmingImage(cluster, "stuck:1", readyAfter: 3600)
        try cluster.store.create(makeBarePod("stuck", image: "stuck:1") { $0.livenessProbe = httpProbe(period: 10, failureThreshold: 3) })
        #expect(cluster.advance(until: { (self.pod(cluster, "stuck")?.restartCount ?? 0) == 1 }, timeout: .seconds(90)))
        let p = try #require(pod(cluster, "stuck"))
        let last = try #require(p.status.containerStatuses[0].lastState)
        // Failures at 0, 10 and 20 s of running; the third kills it, and it exits on SIGTERM.
        #expect(last.reason == "Error")
        #expect(last.exitCode == 143)
        #expect(last.finishedAt - last.startedAt == .seconds(20) + cluster.pace.containerStop)
        let unhealthy = try #require(cluster.events(reason: "Unhealthy").first)
        #expect(unhealthy.message.hasPrefix("Liveness probe failed: Get \"http://\(p.status.podIP):8080/healthz\""))
        #expect(unhealthy.count >= 3)
        let killing = try #require(cluster.events(reason: "Killing").first)
        #expect(killing.type == "Normal")
        #expect(killing.message == "Container app failed liveness probe, will be restarted")
        #expect(killing.involvedObject.fieldPath == "spec.containers{app}")
    }

    @Test func livenessPassingBeforeItsThresholdLeavesTheContainerAlone() throws {
        let cluster = Cluster(seed: 6)
        warmingImage(cluster, "slow:1", readyAfter: 15)
        try cluster.store.create(makeBarePod("slow", image: "slow:1") { $0.livenessProbe = httpProbe(period: 10, failureThreshold: 3) })
        cluster.advance(by: .seconds(120))
        #expect(pod(cluster, "slow")?.restartCount == 0)
        #expect(cluster.events(reason: "Unhealthy").first?.count == 2)
        #expect(cluster.events(reason: "Killing").isEmpty)
    }

    @Test func aStartupProbeHoldsOffLivenessAndReadiness() throws {
        let cluster = Cluster(seed: 9)
        warmingImage(cluster, "big:1", readyAfter: 45)
        try cluster.store.create(makeBarePod("guarded", image: "big:1") {
            $0.startupProbe = httpProbe(period: 10, failureThreshold: 10)
            $0.livenessProbe = httpProbe(period: 5, failureThreshold: 2)
            $0.readinessProbe = httpProbe(period: 5)
        })
        #expect(cluster.advance(until: { self.startedAt(self.pod(cluster, "guarded")) != nil }, timeout: .seconds(30)))
        let start = try #require(startedAt(pod(cluster, "guarded")))
        cluster.advance(by: start + .seconds(40) - cluster.now)
        let waiting = try #require(pod(cluster, "guarded")).status.containerStatuses[0]
        #expect(!waiting.started && !waiting.ready)
        #expect(cluster.advance(until: { self.pod(cluster, "guarded")?.isReady == true }, timeout: .seconds(30)))
        let ready = try #require(pod(cluster, "guarded"))
        // The startup probe passes at 50 s (its first try after 45 s); readiness runs at once.
        #expect(ready.status.condition("Ready")!.lastTransitionTime - start == .seconds(50))
        #expect(ready.status.containerStatuses[0].started)
        cluster.advance(by: .seconds(60))
        #expect(pod(cluster, "guarded")?.restartCount == 0)
        let messages = cluster.events(reason: "Unhealthy").map(\.message)
        #expect(messages.count == 1 && messages[0].hasPrefix("Startup probe failed: "))
        #expect(cluster.events(reason: "Unhealthy").first?.count == 5)

        // The same liveness probe without the startup probe kills the slow starter.
        let unguarded = Cluster(seed: 9)
        warmingImage(unguarded, "big:1", readyAfter: 45)
        try unguarded.store.create(makeBarePod("unguarded", image: "big:1") {
            $0.livenessProbe = httpProbe(period: 5, failureThreshold: 2)
            $0.readinessProbe = httpProbe(period: 5)
        })
        unguarded.advance(by: .seconds(60))
        #expect((unguarded.store.get(Pod.self, "unguarded", namespace: "default")?.restartCount ?? 0) >= 1)
        #expect(unguarded.events(reason: "Killing").first?.message == "Container app failed liveness probe, will be restarted")
    }

    @Test func aPodThatNeverRestartsFailsOnItsLivenessProbe() throws {
        let cluster = Cluster(seed: 6)
        warmingImage(cluster, "stuck:1", readyAfter: 3600)
        try cluster.store.create(makeBarePod("once", image: "stuck:1", restartPolicy: "Never") { $0.livenessProbe = httpProbe(period: 5, failureThreshold: 2) })
        cluster.advance(by: .seconds(60))
        let p = try #require(pod(cluster, "once"))
        #expect(p.status.phase == "Failed")
        #expect(p.restartCount == 0)
        #expect(cluster.events(reason: "Killing").first?.message == "Container app failed liveness probe")
    }

    @Test func aFailedStartupProbeRestartsTheContainer() throws {
        let cluster = Cluster(seed: 9)
        warmingImage(cluster, "never:1", readyAfter: 3600)
        try cluster.store.create(makeBarePod("never", image: "never:1") { $0.startupProbe = httpProbe(period: 5, failureThreshold: 3) })
        #expect(cluster.advance(until: { (self.pod(cluster, "never")?.restartCount ?? 0) == 1 }, timeout: .seconds(60)))
        #expect(cluster.events(reason: "Killing").first?.message == "Container app failed startup probe, will be restarted")
    }
}
