import PropertyBased
import Testing
@testable import Cluster

/// The conditions a kubelet writes at a pod's start, written whole for a pod fresh from the
/// scheduler, must be exactly what the five `setCondition` calls leave, whatever was there.
@Suite struct PodStartingConditionsPropertyTests {
    /// A condition from a few types (the kubelet's and two others), statuses, reasons and times.
    static let condition = zip(Gen.int(in: 0...6), Gen.int(in: 0...2), Gen.int(in: 0...1), Gen.int(in: 0...5))
        .map { type, status, reason, time in
            PodCondition(type: ["PodScheduled", "Ready", "Initialized", "ContainersReady", "PodReadyToStartContainers",
                                "DisruptionTarget", "example.com/gate"][type],
                         status: ["True", "False", "Unknown"][status], lastTransitionTime: SimTime.zero + .seconds(time),
                         reason: ["", "Unschedulable"][reason])
        }

    @Test func writtenWholeOrCallByCallTheListIsTheSame() async {
        await propertyCheck(count: 300, input: Self.condition.array(of: 0...4)) { existing in
            var whole = PodStatus(), byCalls = PodStatus()
            whole.conditions = existing
            byCalls.conditions = existing
            let now = SimTime.zero + .seconds(9)
            whole.setStartingConditions(at: now, unready: "containers with unready status: [web]")
            byCalls.setCondition("PodReadyToStartContainers", "True", at: now)
            byCalls.setCondition("Initialized", "True", at: now)
            byCalls.setCondition("Ready", "False", at: now, reason: "ContainersNotReady", message: "containers with unready status: [web]")
            byCalls.setCondition("ContainersReady", "False", at: now, reason: "ContainersNotReady", message: "containers with unready status: [web]")
            byCalls.setCondition("PodScheduled", "True", at: byCalls.condition("PodScheduled")?.lastTransitionTime ?? now)
            #expect(whole.conditions == byCalls.conditions)
        }
    }

    @Test func aFreshlyBoundPodTakesTheShortWay() {
        // Bound at 3 s: PodScheduled keeps that time and loses the binding's reason, as the
        // calls leave it; the four the kubelet adds come first, in its order.
        var status = PodStatus()
        status.setCondition("PodScheduled", "True", at: SimTime.zero + .seconds(3))
        status.setStartingConditions(at: SimTime.zero + .seconds(5), unready: "containers with unready status: [web]")
        #expect(status.conditions.map(\.type) == ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"])
        #expect(status.condition("PodScheduled")?.lastTransitionTime == SimTime.zero + .seconds(3))
        #expect(status.condition("Ready")?.status == "False")
    }
}
