import Testing
@testable import Cluster

/// An image the registry does not have (`sim image --missing`): ErrImagePull, ImagePullBackOff,
/// retries 10 s apart doubling to 5 min, and recovery once the image exists.
@Suite struct ImagePullBackOffTests {
    @Test func aMissingImageBacksOffAndRecoversWhenFixed() throws {
        let cluster = Cluster(seed: 8)
        var missing = ImageBehavior()
        missing.missing = true
        missing.pullTime = .seconds(1)
        cluster.configureImage("nope:1", missing)
        let history = ContainerHistory(cluster, pod: "puller")
        try cluster.store.create(makeBarePod("puller", image: "nope:1"))
        cluster.advance(by: .seconds(1000))

        // Each attempt takes the 1 s pull; the next starts when the back-off ends.
        let failures = history.times(of: "ErrImagePull")
        let gaps = zip(failures, failures.dropFirst()).map { ($1 - $0).milliseconds / 1000 }
        #expect(Array(gaps.prefix(6)) == [11, 21, 41, 81, 161, 301])
        let pod = try #require(cluster.store.get(Pod.self, "puller", namespace: "default"))
        #expect(pod.status.phase == "Pending")
        #expect(pod.status.containerStatuses[0].state == .waiting(reason: "ImagePullBackOff"))
        #expect(pod.status.containerStatuses[0].waitingMessage == "Back-off pulling image \"nope:1\"")
        let error = "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nope:1\": "
            + "failed to resolve reference \"docker.io/library/nope:1\": docker.io/library/nope:1: not found"
        #expect(history.messages(of: "ErrImagePull").allSatisfy { $0 == error })

        let failed = cluster.events(reason: "Failed")
        #expect(failed.map(\.message) == ["Failed to pull image \"nope:1\": \(error)", "Error: ErrImagePull", "Error: ImagePullBackOff"])
        #expect(failed.allSatisfy { $0.type == "Warning" })
        // The kubelet's writes about the pod come from one spam bucket (25, then one per 5 min), so
        // counts stop at what it allowed: the failures and back-offs seen until the budget ran out.
        #expect(failed.prefix(2).allSatisfy { $0.count >= 1 && $0.count <= failures.count })
        let backOff = try #require(cluster.events(reason: "BackOff").first)
        #expect(backOff.type == "Normal")
        #expect(backOff.message == "Back-off pulling image \"nope:1\"")
        // One each time the pod worker syncs in a back-off (every 10 s), counted on one event.
        #expect(backOff.count > 1)
        #expect(failed[2].count <= backOff.count)
        #expect((cluster.events(reason: "Pulling").first?.count ?? 0) <= failures.count)

        // The image appears in the registry: the next retry pulls it and the pod runs.
        missing.missing = false
        cluster.configureImage("nope:1", missing)
        #expect(cluster.advance(until: { cluster.store.get(Pod.self, "puller", namespace: "default")?.isReady == true }, timeout: .seconds(310)))
        let running = try #require(cluster.store.get(Pod.self, "puller", namespace: "default"))
        #expect(running.status.phase == "Running")
        #expect(running.restartCount == 0)
        // The back-offs took every token, so the kubelet's Pulled event is dropped, as on a real
        // cluster (configuredPullTimeAndSizeShowInThePulledEvent shows that event).
        #expect(cluster.events(reason: "Pulled").isEmpty)
    }

    @Test func configuredPullTimeAndSizeShowInThePulledEvent() throws {
        let cluster = Cluster(seed: 8)
        var big = ImageBehavior()
        big.pullTime = .seconds(3)
        big.sizeBytes = 120_000_000
        cluster.configureImage("big:1", big)
        try cluster.store.create(makeBarePod("big", image: "big:1"))
        #expect(cluster.advance(until: { cluster.store.get(Pod.self, "big", namespace: "default")?.isReady == true }, timeout: .seconds(30)))
        #expect(cluster.events(reason: "Pulled").first?.message == "Successfully pulled image \"big:1\" in 3s (3s including waiting). Image size: 120000000 bytes.")
    }
}
