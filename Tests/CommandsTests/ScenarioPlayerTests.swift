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

    /// A session that counts: every step the player starts is logged before it runs.
    final class StepLog {
        var started: [ScenarioStep] = []
        func player(_ scenario: Scenario) -> ScenarioPlayer {
            ScenarioPlayer(scenario: scenario) { [unowned self] step, session in
                started.append(step)
                return step.start(on: session)
            }
        }
    }

    /// The steps a player starts when it plays `count` steps from the top: pauses end segments
    /// and are not started.
    func steps(_ scenario: Scenario, upTo count: Int) -> [ScenarioStep] {
        scenario.steps.prefix(count).filter { $0 != .pause }
    }

    @Test func backThenForwardRunsNoStepTwice() {
        let session = Session(cluster: Cluster(seed: 1))
        let log = StepLog()
        let player = log.player(scenario)
        while !player.isFinished { _ = finish(player.advance(session: session), on: session.cluster) }
        #expect(log.started == steps(scenario, upTo: scenario.steps.count))
        #expect(player.parts.map(\.caption) == ["one", "two", "three"])

        player.back()
        #expect(player.currentCaption == "two")
        player.back()
        #expect(player.currentCaption == "one")
        player.back()
        #expect(player.currentCaption == nil)
        player.back()
        #expect(player.currentCaption == nil, "nothing before the start")

        var captions: [String?] = []
        for _ in 0..<3 {
            let walked = player.advance(session: session)
            #expect(walked.operation == nil)
            #expect(walked.output.chunks.isEmpty, "a part played before is shown, not played")
            captions.append(player.currentCaption)
        }
        #expect(captions == ["one", "two", "three"])
        #expect(player.advance(session: session).output.chunks.isEmpty)
        #expect(log.started == steps(scenario, upTo: scenario.steps.count), "no step ran a second time")
        #expect(player.failure == nil)
        #expect(player.isFinished)
    }

    @Test func theStepAfterTheFurthestPlayedRunsOnce() {
        let session = Session(cluster: Cluster(seed: 1))
        let log = StepLog()
        let player = log.player(scenario)
        _ = finish(player.advance(session: session), on: session.cluster)
        _ = player.advance(session: session)
        let furthest = player.position
        #expect(log.started == steps(scenario, upTo: furthest))

        player.back()
        player.back()
        #expect(player.currentCaption == nil)
        #expect(player.canWalkForward)
        _ = player.advance(session: session)
        #expect(player.currentCaption == "one")
        _ = player.advance(session: session)
        #expect(player.currentCaption == "two")
        #expect(!player.canWalkForward)
        #expect(log.started == steps(scenario, upTo: furthest), "walking forward ran nothing")

        // Past the furthest part played, the next segment plays, once.
        let third = player.advance(session: session)
        #expect(third.output.stdout == "# caption: three\n$ kubectl get pods -o name\n" + session.cluster.store.list(Pod.self).map { "pod/\($0.name)\n" }.joined())
        #expect(player.currentCaption == "three")
        #expect(log.started == steps(scenario, upTo: scenario.steps.count))
        #expect(log.started.filter { $0 == .run("kubectl get pods -o name") }.count == 1)
    }

    @Test func backLeavesASegmentPlayingWithoutFollowingIt() {
        let session = Session(cluster: Cluster(seed: 1))
        let log = StepLog()
        let player = log.player(scenario)
        let first = player.advance(session: session)
        #expect(player.currentCaption == "one")
        player.back()
        #expect(player.currentCaption == nil)
        #expect(player.isPlaying, "going back stops nothing: the wait goes on")
        _ = finish(first, on: session.cluster)
        #expect(session.cluster.store.get(Deployment.self, "web", namespace: "default")?.status.availableReplicas == 1)
        #expect(player.position == 4)

        // The segment's part was recorded; the presenter walks to it, then plays on.
        #expect(player.canWalkForward)
        #expect(player.advance(session: session).output.chunks.isEmpty)
        #expect(player.currentCaption == "one")
        _ = player.advance(session: session)
        #expect(player.currentCaption == "two")
        #expect(log.started == steps(scenario, upTo: 7))
        #expect(log.started.filter { $0 == .run("kubectl create deployment web --image=nginx") }.count == 1)
    }

    @Test func newPartsTakeTheScreenOnlyWhenTheLatestIsShown() {
        let session = Session(cluster: Cluster(seed: 1))
        let player = ScenarioPlayer(scenario: scenario)
        _ = finish(player.advance(session: session), on: session.cluster)
        _ = player.advance(session: session)
        player.back()
        #expect(player.currentCaption == "one")
        // At "one" with "two" played, PageDown shows "two" again, and only the one after plays.
        _ = player.advance(session: session)
        #expect(player.currentCaption == "two")
        _ = player.advance(session: session)
        #expect(player.currentCaption == "three")
        #expect(player.shownPart == 2)
    }

    @Test func printingStepsAreKeptWithTheirPart() throws {
        let scenario = try ScenarioParser.parse("""
            description: output per part
            steps:
              - run: kubectl get nodes -o name
              - caption: one
              - run: kubectl create deployment web --image=nginx
              - run: kubectl get deployments -o name
              - pause
              - caption: two
              - run: get deployment missing
              - run: kubectl describe node node-1
            """, file: "printing.yaml")
        let session = Session(cluster: Cluster(seed: 1))
        let player = ScenarioPlayer(scenario: scenario)
        _ = player.advance(session: session)
        #expect(player.parts.count == 2)
        #expect(player.parts[0].caption == nil, "output before the first caption has a part of its own")
        #expect(player.parts[0].printed.map(\.line) == ["kubectl get nodes -o name"])
        #expect(player.parts[0].printed[0].output.stdout == "node/node-1\nnode/node-2\nnode/node-3\n")
        #expect(player.shown?.caption == "one")
        #expect(player.shown?.printed == [PrintedStep(line: "kubectl get deployments -o name",
                                                      output: session.execute("kubectl get deployments -o name").output)],
                "create reports in the status line; only get's output is kept for the audience")

        _ = player.advance(session: session)
        let two = try #require(player.shown)
        #expect(two.printed.map(\.line) == ["get deployment missing"])
        #expect(two.printed[0].output.stderr == "Error from server (NotFound): deployments.apps \"missing\" not found\n")
        #expect(player.failure == "error: scenario printing: step 7: command failed: get deployment missing")

        // Walking back to a part shows what it printed then, not what the cluster says now.
        _ = session.execute("kubectl delete deployment web")
        player.back()
        #expect(player.shown?.printed.first?.output.stdout == "deployment.apps/web\n")
    }

    @Test func onlyReadingCommandsPrintForTheAudience() {
        #expect(ScenarioStep.run("kubectl get pods").printsForTheAudience)
        #expect(ScenarioStep.run("get pods --show-labels").printsForTheAudience)
        #expect(ScenarioStep.run("kubectl describe deployment web").printsForTheAudience)
        #expect(!ScenarioStep.run("kubectl label pods -l app=web app=x --overwrite").printsForTheAudience)
        #expect(!ScenarioStep.run("kubectl delete pod web-1").printsForTheAudience)
        #expect(!ScenarioStep.run("sim fail node-2").printsForTheAudience)
        #expect(ScenarioStep.run("kubectl logs -l app=web --tail=3").printsForTheAudience)
        #expect(ScenarioStep.run("sim traffic").printsForTheAudience)
        #expect(!ScenarioStep.run("sim traffic svc/web --rps 20").printsForTheAudience)
        #expect(!ScenarioStep.run("sim traffic svc/web --stop").printsForTheAudience)
        #expect(!ScenarioStep.caption("get pods").printsForTheAudience)
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
