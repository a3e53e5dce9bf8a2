import Testing
@testable import Cluster

/// A container that keeps exiting (`sim image --crash-after`): restarts back off 10 s, doubling
/// to 5 min, with CrashLoopBackOff and kubelet's BackOff event in between; restartPolicy Never
/// and OnFailure leave a finished pod.
@Suite struct CrashLoopBackOffTests {
    @Test func restartDelaysDoubleAndCapAtFiveMinutes() throws {
        let cluster = Cluster(seed: 11)
        var crashy = ImageBehavior()
        crashy.crashAfter = .seconds(10)
        cluster.configureImage("crashy:1", crashy)
        let history = ContainerHistory(cluster, pod: "crashy")
        let pod = try cluster.store.create(makeBarePod("crashy", image: "crashy:1"))
        cluster.advance(by: .seconds(1500))

        let exits = history.times(of: "Terminated:Error")
        let starts = history.times(of: "Running")
        #expect(exits.count >= 9)
        // Each exit is followed by the next start after the back-off (plus the image check,
        // Created and Started, well under a second here): none, then 10 s, 20 s … 5 min.
        let expected: [Int64] = [0, 10, 20, 40, 80, 160, 300, 300]
        for (k, delay) in expected.enumerated() {
            let gap = starts[k + 1] - exits[k]
            #expect(gap.milliseconds >= delay * 1000 && gap.milliseconds < delay * 1000 + 1000, "restart \(k + 1) came \(gap) after the exit")
        }
        // The waiting message names the back-off in force, in kubelet's words.
        let uid = pod.metadata.uid
        let messages = history.messages(of: "CrashLoopBackOff")
        #expect(Array(messages.prefix(7)) == ["10s", "20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s"].map {
            "back-off \($0) restarting failed container=app pod=crashy_default(\(uid))"
        })
        // RestartCount is the number of instances that ran before the current one.
        #expect(history.steps.filter { $0.state == "Running" }.map(\.restartCount) == Array(0..<starts.count))
        let backOff = cluster.events(reason: "BackOff")
        #expect(backOff.count == 1)
        #expect(backOff.first?.type == "Warning")
        #expect(backOff.first?.message == "Back-off restarting failed container app in pod crashy_default(\(uid))")
        // Every 10 s while a back-off lasts, the pod worker's retry finds it still running: 1, 1,
        // 2, 4, 8, 16, 30 … syncs for back-offs of 10 s, 20 s, 40 s … 5 min.
        #expect((backOff.first?.count ?? 0) >= 1 + 2 + 4 + 8 + 16 + 30)
        #expect(backOff.first?.involvedObject.fieldPath == "spec.containers{app}")
    }

    @Test func theStatusKeepsTheLastTerminationAndTheReadyConditionsFollow() throws {
        let cluster = Cluster(seed: 3)
        var crashy = ImageBehavior()
        crashy.crashAfter = .seconds(5)
        crashy.exitCode = 2
        cluster.configureImage("crashy:1", crashy)
        try cluster.store.create(makeBarePod("crashy", image: "crashy:1"))
        #expect(cluster.advance(until: {
            cluster.store.get(Pod.self, "crashy", namespace: "default")?.status.containerStatuses.first?.state == .waiting(reason: "CrashLoopBackOff")
        }, timeout: .seconds(60)))
        let pod = try #require(cluster.store.get(Pod.self, "crashy", namespace: "default"))
        let status = try #require(pod.status.containerStatuses.first)
        #expect(pod.status.phase == "Running")
        #expect(status.restartCount == 1)
        #expect(!status.ready)
        let last = try #require(status.lastState)
        #expect(last.reason == "Error")
        #expect(last.exitCode == 2)
        #expect(last.finishedAt - last.startedAt == .seconds(5))
        #expect(pod.status.condition("Ready")?.status == "False")
        #expect(pod.status.condition("Ready")?.message == "containers with unready status: [app]")
        #expect(pod.status.condition("ContainersReady")?.reason == "ContainersNotReady")
    }

    @Test func aCrashLoopCarriesOnAfterTheNodeComesBack() throws {
        let cluster = Cluster(seed: 12)
        var crashy = ImageBehavior()
        crashy.crashAfter = .seconds(10)
        cluster.configureImage("crashy:1", crashy)
        try cluster.store.create(makeBarePod("crashy", image: "crashy:1"))
        func pod() -> Pod? { cluster.store.get(Pod.self, "crashy", namespace: "default") }
        #expect(cluster.advance(until: { pod()?.status.containerStatuses.first?.state == .waiting(reason: "CrashLoopBackOff") && pod()?.restartCount == 2 },
                                timeout: .seconds(120)))
        let node = try #require(pod()?.spec.nodeName)
        // Down for less than the node monitor's grace period: the pod stays bound to it.
        try cluster.failNode(node)
        cluster.advance(by: .seconds(5))
        try cluster.recoverNode(node)
        #expect(cluster.advance(until: { (pod()?.restartCount ?? 0) == 4 }, timeout: .seconds(120)))
        #expect(pod()?.spec.nodeName == node)
    }

    @Test func aContainerThatRanTenMinutesRestartsWithoutBackOff() throws {
        let cluster = Cluster(seed: 5)
        var slow = ImageBehavior()
        slow.crashAfter = .seconds(11 * 60)
        cluster.configureImage("slow:1", slow)
        let history = ContainerHistory(cluster, pod: "slow")
        try cluster.store.create(makeBarePod("slow", image: "slow:1"))
        cluster.advance(by: .seconds(35 * 60))
        let exits = history.times(of: "Terminated:Error"), starts = history.times(of: "Running")
        #expect(exits.count == 3)
        for k in exits.indices { #expect(starts[k + 1] - exits[k] < .seconds(1)) }
        #expect(history.times(of: "CrashLoopBackOff").isEmpty)
    }

    @Test func restartPolicyNeverAndOnFailureFinishThePod() throws {
        let cluster = Cluster(seed: 2)
        var fails = ImageBehavior()
        fails.crashAfter = .seconds(3)
        cluster.configureImage("job:fail", fails)
        var succeeds = fails
        succeeds.exitCode = 0
        cluster.configureImage("job:ok", succeeds)
        try cluster.store.create(makeBarePod("never-fails", image: "job:fail", restartPolicy: "Never"))
        try cluster.store.create(makeBarePod("never-ok", image: "job:ok", restartPolicy: "Never"))
        try cluster.store.create(makeBarePod("onfailure-ok", image: "job:ok", restartPolicy: "OnFailure"))
        try cluster.store.create(makeBarePod("onfailure-fails", image: "job:fail", restartPolicy: "OnFailure"))
        cluster.advance(by: .seconds(60))
        func pod(_ name: String) -> Pod { cluster.store.get(Pod.self, name, namespace: "default")! }

        #expect(pod("never-fails").status.phase == "Failed")
        #expect(pod("never-fails").status.containerStatuses[0].state.reasonAndCode == "Error 1")
        #expect(pod("never-fails").status.containerStatuses[0].restartCount == 0)
        #expect(pod("never-ok").status.phase == "Succeeded")
        #expect(pod("never-ok").status.containerStatuses[0].state.reasonAndCode == "Completed 0")
        #expect(pod("never-ok").status.condition("Ready")?.reason == "PodCompleted")
        #expect(pod("onfailure-ok").status.phase == "Succeeded")
        #expect(pod("onfailure-fails").status.phase == "Running")
        #expect(pod("onfailure-fails").restartCount >= 2)
        // Finished pods are not active: nothing restarts them.
        #expect(!pod("never-fails").isActive)
    }
}

extension ContainerStatus.State {
    /// `Error 1` for a terminated state.
    var reasonAndCode: String? {
        if case let .terminated(reason, code, _) = self { return "\(reason) \(code)" }
        return nil
    }
}
