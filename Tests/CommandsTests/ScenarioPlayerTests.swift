import Testing
@testable import Cluster
@testable import Commands

/// Playing a scenario the way the dashboard will: one segment per `advance`, polled as time runs.
@Suite struct ScenarioPlayerTests {
    let scenario = try! ScenarioParser.parse("""
        description: three segments
        steps:
          - caption: one
          - run: kubectl create deployment web --image=nginx
          - wait: {for: "deployment/web available", timeout: 60s}
          - pause
          - caption: two
          - run: kubectl get deployments -o name
          - pause
          - caption: three
          - run: kubectl get pods -o name
        """, file: "demo.yaml")

    /// Polls a segment the way a UI's tick loop would, until it is over.
    func finish(_ execution: Execution, on cluster: Cluster) -> CommandOutput {
        var output = execution.output
        if let operation = execution.operation {
            #expect(cluster.advance(until: { operation.poll(cluster, into: &output) }, timeout: .seconds(300)))
        }
        return output
    }

    @Test func stopsAtEachPause() {
        let session = Session(cluster: Cluster(seed: 1))
        let player = ScenarioPlayer(scenario: scenario)
        #expect(player.currentCaption == nil)

        let first = player.advance(session: session)
        #expect(player.currentCaption == "one")
        #expect(first.operation != nil, "the wait keeps running while the screen stays live")
        #expect(player.isPlaying)
        #expect(first.output.stdout == "# caption: one\n$ kubectl create deployment web --image=nginx\ndeployment.apps/web created\n# wait: deployment/web available (timeout 60s)\n")
        let rest = finish(first, on: session.cluster)
        #expect(rest.stdout.hasSuffix("# pause\n"))
        #expect(!rest.stdout.contains("two"))
        #expect(!player.isPlaying)
        #expect(player.position == 4)
        #expect(!player.isFinished)

        let second = player.advance(session: session)
        #expect(second.operation == nil, "only instant steps: the segment is over at once")
        #expect(second.output.stdout == "# caption: two\n$ kubectl get deployments -o name\ndeployment.apps/web\n# pause\n")
        #expect(player.currentCaption == "two")

        let third = player.advance(session: session)
        #expect(third.operation == nil)
        #expect(player.currentCaption == "three")
        #expect(player.isFinished)
        #expect(player.advance(session: session).output.chunks.isEmpty)
    }

    @Test func backReturnsToThePreviousCaption() {
        let session = Session(cluster: Cluster(seed: 1))
        let player = ScenarioPlayer(scenario: scenario)
        _ = finish(player.advance(session: session), on: session.cluster)
        _ = player.advance(session: session)
        #expect(player.currentCaption == "two")

        player.back()
        #expect(player.currentCaption == "one")
        #expect(player.position == 0)
        player.back()
        #expect(player.currentCaption == nil)
        #expect(player.position == 0)

        // Playing on replays from there against the cluster as it is (not rewound).
        let replay = player.advance(session: session)
        #expect(player.currentCaption == "one")
        #expect(player.failure == "error: scenario demo: step 2: command failed: kubectl create deployment web --image=nginx")
        #expect(replay.output.stderr.hasSuffix("error: scenario demo: step 2: command failed: kubectl create deployment web --image=nginx\n"))
        #expect(!player.isPlaying)
        // A failed step does not block the show: the next advance goes on after it.
        _ = finish(player.advance(session: session), on: session.cluster)
        #expect(player.failure == nil)
        #expect(player.position == 4)
    }

    @Test func backStopsASegmentStillPlaying() {
        let session = Session(cluster: Cluster(seed: 1))
        let player = ScenarioPlayer(scenario: scenario)
        let first = player.advance(session: session)
        let operation = try! #require(first.operation)
        player.back()
        var output = CommandOutput()
        #expect(operation.poll(session.cluster, into: &output), "a dropped segment finishes at its next poll")
        #expect(output.chunks.isEmpty)
        #expect(player.position == 0)
        #expect(!player.isPlaying)
    }

    @Test func builtInPlaysThroughSegmentBySegment() throws {
        let scenario = try ScenarioLibrary.load(nameOrPath: "node-failure")
        let session = Session(cluster: Cluster(seed: 2))
        let player = ScenarioPlayer(scenario: scenario)
        var captions: [String] = []
        while !player.isFinished {
            _ = finish(player.advance(session: session), on: session.cluster)
            #expect(player.failure == nil)
            captions.append(player.currentCaption ?? "")
        }
        let all = scenario.steps.compactMap { if case .caption(let text) = $0 { text } else { nil } }
        #expect(captions == all)
    }
}
