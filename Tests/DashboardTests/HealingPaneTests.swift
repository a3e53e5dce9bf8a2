import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// The header and the Healing pane say what happened: after a relabel, a scale-down, a node
/// failure, a force delete — on rendered frames of the demo cluster (hello-kiamol-2, 3 replicas).
@Suite struct HealingPaneTests {
    static let deployment = "hello-kiamol-2"

    func lines(_ dashboard: Dashboard, _ width: Int = 120, _ height: Int = 40) -> [String] {
        dashboard.frameText(width, height).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The Healing pane's rows (title row first), found by its title.
    func healingPane(_ lines: [String]) -> [String] {
        guard let top = lines.firstIndex(where: { $0.contains("┌ Healing") || $0.contains("┌ Scale-") || $0.contains("┌ Surplus")
            || $0.contains("┌ Not replaced") }) else { return [] }
        let bottom = lines[(top + 1)...].firstIndex { $0.contains("└─") } ?? lines.count
        return Array(lines[top..<bottom])
    }

    func row(_ pane: [String], containing text: String) -> String? { pane.first { $0.contains(text) } }

    func runs(_ dashboard: Dashboard, _ line: String) {
        let output = dashboard.run(line)
        #expect(!output.failed, "\(line): \(output.stderr)")
    }

    /// A tagged image the node already has is not pulled again (`IfNotPresent`): the image step
    /// says so, as the kubelet's `Pulled … already present on machine` event does.
    @Test func anImageAlreadyOnTheNodeIsNotSaidToBePulled() throws {
        let dashboard = try demoDashboard(empty: true)
        runs(dashboard, "kubectl create deployment web --image=nginx:1.25 --replicas=6")
        #expect(tick(dashboard, until: { dashboard.cluster.store.list(Pod.self).filter(\.isReady).count == 6 }, within: 60))
        dashboard.press(.character("4"), .character("x"))
        #expect(tick(dashboard, until: { healingPane(lines(dashboard)).contains { $0.contains("✓ replicaset back to desired") } }, within: 30))
        let pane = healingPane(lines(dashboard))
        #expect(row(pane, containing: "image nginx:1.25 already present") != nil, "\(pane.joined(separator: "\n"))")
        #expect(row(pane, containing: "pulling image") == nil)
    }

    /// Ticks in steps of `step` seconds until `done` holds (bounded).
    @discardableResult
    func tick(_ dashboard: Dashboard, until done: () -> Bool, within seconds: Double, step: Double = 0.5) -> Bool {
        var waited = 0.0
        while !done() && waited < seconds {
            dashboard.tick(realElapsed: .seconds(step))
            waited += step
        }
        return done()
    }

    @Test func relabelShowsTheUserThenTheReplicaSetAndAnOrphan() throws {
        let dashboard = try demoDashboard(seconds: 20)
        #expect(lines(dashboard)[0].contains("pods 3/3 Ready ─"))
        let pod = dashboard.podNames[1]
        runs(dashboard, "kubectl label pod \(pod) app=debug --overwrite")
        let pane = { self.healingPane(self.lines(dashboard)) }
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 30))

        let frame = lines(dashboard)
        #expect(frame[0].contains("pods 3/3 Ready +1 orphan"), "\(frame[0])")
        let healing = pane()
        #expect(healing.first?.contains("Healing: pod \(pod) relabeled") == true)
        let cause = try #require(row(healing, containing: "\(pod) relabeled app=debug → leaves its selector"))
        #expect(cause.contains("✓") && cause.contains("kubectl label (user)"))
        let released = try #require(row(healing, containing: "no longer matches app=\(Self.deployment) → releases it (orphan)"))
        #expect(released.contains("replicaset-controller"))
        #expect(!cause.contains("replicaset-controller"))
        let restored = try #require(row(healing, containing: "back to desired"))
        #expect(restored.contains("✓ replicaset") && restored.contains("3 of 3 ready; the orphan runs on"))
        #expect(!healing.contains { $0.contains(" · ") }, "every step done: \(healing)")
        // The Pods table marks the orphan, after kubectl's columns; the others are unmarked.
        let orphanRow = try #require(frame.first { $0.contains(pod) && !$0.contains("relabeled") && !$0.contains("matches") })
        #expect(orphanRow.contains("← orphan"))
        #expect(frame.filter { $0.contains("← orphan") }.count == 1)
        let orphan = try #require(dashboard.cluster.store.get(Pod.self, pod, namespace: "default"))
        #expect(ClusterView.isOrphan(orphan))
        #expect(!dashboard.cluster.store.list(Pod.self).filter { $0.name != pod }.contains(where: ClusterView.isOrphan))
    }

    @Test func scaleDownIsAScaleDownWithVictimsByRank() throws {
        let dashboard = try demoDashboard(seconds: 20)
        runs(dashboard, "kubectl scale deployment \(Self.deployment) --replicas=2")
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 30))
        let frame = lines(dashboard)
        #expect(frame[0].contains("pods 2/2 Ready ─"), "\(frame[0])")
        #expect(!frame[0].contains("orphan"))
        let pane = healingPane(frame)
        #expect(pane.first?.contains("Scale-down: deployment \(Self.deployment) 3 → 2") == true, "\(pane.first ?? "")")
        #expect(!pane.contains { $0.contains("Healing") })
        let victim = try #require(dashboard.cluster.store.list(Event.self).first { $0.reason == "SuccessfulDelete" })
            .message.replacingOccurrences(of: "Deleted pod: ", with: "")
        let cause = try #require(row(pane, containing: "replicas 3 → 2"))
        #expect(cause.contains("kubectl scale (user)"))
        #expect(row(pane, containing: "scales replicaset")?.contains("deployment-controller") == true)
        // On screen the victim may be shortened to its suffix when the reason is long.
        let rank = try #require(row(pane, containing: "deletes by rank: "))
        #expect(rank.contains("\(victim.suffix(5)) ("))
        #expect(rank.contains("replicaset-controller"))
        #expect(row(pane, containing: "at desired: 2 of 2 ready") != nil)
        #expect(row(pane, containing: "gone") != nil)
        #expect(!pane.contains { $0.contains(" · ") }, "every step done: \(pane)")
        // The rank reason is the ranking rule that set the victim apart.
        let timeline = try #require(dashboard.healing.timeline)
        let victimsStep = try #require(timeline.steps.first { $0.text.contains("deletes by rank") })
        #expect(victimsStep.text.contains("\(victim) ("))
        #expect(!victimsStep.text.contains("the only pod"))
    }

    @Test func nodeFailureIsHealedOnTheOtherNodes() throws {
        let dashboard = try demoDashboard(seconds: 20)
        runs(dashboard, "sim fail node-2")
        #expect(tick(dashboard, until: { dashboard.healing.timeline != nil }, within: 30))
        dashboard.tick(realElapsed: .seconds(1)) // the ReplicaSet and Deployment count the unready pod
        var frame = lines(dashboard)
        #expect(frame[0].contains("nodes 2/3 Ready"))
        // The node's pod is marked not ready: get deploy says 2/3, and so does the header.
        #expect(frame[0].contains("pods 2/3 Ready ─"), "\(frame[0])")
        #expect(healingPane(frame).first?.contains("Healing: node node-2 lost") == true)
        #expect(row(healingPane(frame), containing: "stopped renewing its lease")?.contains("node-controller") == true)

        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 60))
        // The Deployment counts the ReplicaSet's ready pods one controller reaction later.
        #expect(tick(dashboard, until: { lines(dashboard)[0].contains("pods 3/3 Ready ─") }, within: 1))
        frame = lines(dashboard)
        let pane = healingPane(frame)
        let eviction = try #require(row(pane, containing: "evicted after 10s toleration"))
        #expect(eviction.contains("taint-eviction-controller"))
        #expect(row(pane, containing: "has 2 of 3 → creates")?.contains("replicaset-controller") == true)
        #expect(row(pane, containing: "back to desired: 3 of 3 ready") != nil)
        #expect(!pane.contains { $0.contains(" · ") }, "every step done: \(pane)")
    }

    @Test func thePaneFollowsTheLatestDisruption() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let pods = dashboard.podNames
        runs(dashboard, "kubectl delete pod \(pods[0]) --wait=false")
        dashboard.tick(realElapsed: .seconds(1))
        #expect(healingPane(lines(dashboard)).first?.contains("Healing: pod \(pods[0]) deleted") == true)
        runs(dashboard, "kubectl delete pod \(pods[1]) --force")
        dashboard.tick(realElapsed: .seconds(0.5))
        let pane = healingPane(lines(dashboard))
        #expect(pane.first?.contains("Healing: pod \(pods[1]) force deleted") == true, "\(pane.first ?? "")")
        #expect(row(pane, containing: "\(pods[1]) force deleted → gone at once (grace 0)")?.contains("kubectl delete (user)") == true)
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 30))
        // The header reads the Deployment's status, which the deployment controller writes a
        // moment after the ReplicaSet's.
        #expect(tick(dashboard, until: { lines(dashboard)[0].contains("pods 3/3 Ready ─") }, within: 2))
    }

    @Test func deletingTheOrphanSaysNothingReplacesIt() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let pod = dashboard.podNames[2]
        runs(dashboard, "kubectl label pod \(pod) app=debug --overwrite")
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 30))
        runs(dashboard, "kubectl delete pod \(pod) --wait=false")
        dashboard.tick(realElapsed: .seconds(0.5))
        var pane = healingPane(lines(dashboard))
        #expect(pane.first?.contains("Not replaced: pod \(pod) deleted") == true, "\(pane.first ?? "")")
        #expect(row(pane, containing: "\(pod) deleted; no owner, so no replacement")?.contains("kubectl delete (user)") == true)
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 30))
        pane = healingPane(lines(dashboard))
        #expect(row(pane, containing: "gone")?.contains("kubelet") == true)
        #expect(lines(dashboard)[0].contains("pods 3/3 Ready ─"))
    }

    @Test func scaleUpCreatesAndCompletesAtDesired() throws {
        let dashboard = try demoDashboard(seconds: 20)
        runs(dashboard, "kubectl scale deployment \(Self.deployment) --replicas=5")
        dashboard.tick(realElapsed: .seconds(0.5))
        #expect(lines(dashboard)[0].contains("pods 3/5 Ready ─"))
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 30))
        // The Deployment counts the ReplicaSet's ready pods one controller reaction later.
        #expect(tick(dashboard, until: { lines(dashboard)[0].contains("pods 5/5 Ready ─") }, within: 1))
        let frame = lines(dashboard)
        let pane = healingPane(frame)
        #expect(pane.first?.contains("Scale-up: deployment \(Self.deployment) 3 → 5") == true, "\(pane.first ?? "")")
        #expect(row(pane, containing: "has 3 of 5 → creates 2 pods")?.contains("replicaset-controller") == true)
        #expect(row(pane, containing: "at desired: 5 of 5 ready") != nil)
    }

    /// `+` or `-` on a Deployment's ReplicaSet: the deployment owns the count and sets it back.
    /// The story says who did what and ends when the ReplicaSet is back (it stayed waiting for
    /// victims that never came, told as a rollout, when the deployment won the race).
    @Test(arguments: ["+", "-"])
    func aDeploymentsReplicaSetScaledByItselfIsSetBackByTheDeployment(key: Character) throws {
        let dashboard = try demoDashboard(seconds: 20)
        let rs = try #require(dashboard.cluster.store.list(ReplicaSet.self).first { $0.metadata.namespace == "default" }).name
        dashboard.press(.character("3"), .character(key))
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 30))
        let pane = healingPane(lines(dashboard, 160, 48))
        let to = key == "+" ? 4 : 2
        let title = "\(key == "+" ? "Scale-up" : "Scale-down"): replicaset \(rs) 3 → \(to) (deployment \(Self.deployment) wants 3)"
        #expect(pane.first?.contains(title) == true, "\(pane.joined(separator: "\n"))")
        #expect(row(pane, containing: "replicas 3 → \(to)")?.contains("kubectl scale (user)") == true)
        #expect(row(pane, containing: "owns the count: scales replicaset back \(to) → 3")?.contains("deployment-controller") == true)
        #expect(row(pane, containing: "back to desired: 3 of 3 ready") != nil)
        #expect(!pane.contains { $0.contains(" · ") }, "every step done: \(pane)")
        #expect(!pane.contains { $0.contains("rollout") })
        #expect(tick(dashboard, until: { lines(dashboard)[0].contains("pods 3/3 Ready ─") }, within: 5))
    }

    @Test func relabelBackIsASurplusTrimmedByRank() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let pod = dashboard.podNames[0]
        runs(dashboard, "kubectl label pod \(pod) app=debug --overwrite")
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 30))
        runs(dashboard, "kubectl label pod \(pod) app=\(Self.deployment) --overwrite")
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 30))
        let frame = lines(dashboard)
        #expect(frame[0].contains("pods 3/3 Ready ─"), "\(frame[0])")
        #expect(!frame.contains { $0.contains("← orphan") })
        let pane = healingPane(frame)
        #expect(pane.first?.contains("Surplus: pod \(pod) relabeled back") == true, "\(pane.first ?? "")")
        #expect(row(pane, containing: "\(pod) relabeled app=\(Self.deployment)")?.contains("kubectl label (user)") == true)
        #expect(row(pane, containing: "adopts \(pod) → has 4 of 3")?.contains("replicaset-controller") == true)
        let victim = try #require(dashboard.cluster.store.list(Event.self).first { $0.reason == "SuccessfulDelete" })
            .message.replacingOccurrences(of: "Deleted pod: ", with: "")
        #expect(row(pane, containing: "deletes by rank: ")?.contains("\(victim.suffix(5)) (") == true)
        #expect(dashboard.healing.timeline?.steps.contains { $0.text.hasPrefix("deletes by rank: \(victim) (") } == true)
        #expect(row(pane, containing: "\(victim) gone: container stopped") != nil)
    }

    @Test func drainWithGraceZeroIsAnEvictionByTheUser() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let pod = dashboard.podNames[0]
        let node = try #require(dashboard.cluster.store.get(Pod.self, pod, namespace: "default")).spec.nodeName
        runs(dashboard, "kubectl drain \(node) --grace-period=0")
        if case .overlay = dashboard.mode { dashboard.press(.escape) } // the drain's lines
        dashboard.tick(realElapsed: .seconds(0.5))
        let pane = healingPane(lines(dashboard))
        #expect(pane.first?.contains("Healing: pod \(pod) evicted") == true, "\(pane.first ?? "")")
        #expect(row(pane, containing: "\(pod) evicted by drain → gone at once (grace 0)")?.contains("kubectl drain (user)") == true)
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 30))
        // The header reads the Deployment's status, which the deployment controller writes a
        // moment after the ReplicaSet's.
        #expect(tick(dashboard, until: { lines(dashboard)[0].contains("pods 3/3 Ready ─") }, within: 2))
    }

    @Test func deletingTheDeploymentIsGarbageCollectionNotHealing() throws {
        let dashboard = try demoDashboard(seconds: 20)
        runs(dashboard, "kubectl delete deployment \(Self.deployment) --wait=false")
        dashboard.tick(realElapsed: .seconds(1))
        let pane = healingPane(lines(dashboard))
        #expect(pane.first?.contains("Not replaced: 3 pods deleted") == true, "\(pane.first ?? "")")
        #expect(row(pane, containing: "3 pods deleted: their owner is being deleted")?.contains("garbage-collector") == true)
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 30))
        #expect(row(healingPane(lines(dashboard)), containing: "3 pods gone: containers stopped") != nil)
        #expect(lines(dashboard)[0].contains("pods 0/0 Ready ─"))
    }

    @Test func headerFitsTheOrphanAt80Columns() throws {
        let dashboard = try demoDashboard(seconds: 20)
        runs(dashboard, "kubectl label pod \(dashboard.podNames[0]) app=debug --overwrite")
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 30))
        let header = lines(dashboard, 80, 24)[0]
        #expect(header.contains("pods 3/3 Ready +1 orphan"), "\(header)")
        #expect(!header.contains("default"))
        dashboard.press(.character(" ")) // paused: the header grows, the counts still show
        let paused = lines(dashboard, 80, 24)[0]
        #expect(paused.contains("paused") && paused.contains("pods 3/3 Ready +1 orphan"), "\(paused)")
        #expect(lines(dashboard, 120, 40)[0].contains(" kubesim ─ default ─ "))
    }

    @Test func narrowPaneShortensPodNamesToTheirSuffix() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let pod = dashboard.podNames[1]
        runs(dashboard, "kubectl label pod \(pod) app=debug --overwrite")
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 30))
        let pane = healingPane(lines(dashboard, 80, 24))
        let suffix = String(pod.suffix(5))
        let cause = try #require(row(pane, containing: "…-\(suffix) relabeled app=debug"))
        #expect(cause.contains("kubectl label (user)"))
        #expect(HealingView.shortened("\(pod) deleted; hello-kiamol-2-77fcdb95bd stays") == "…-\(suffix) deleted; hello-kiamol-2-77fcdb95bd stays")
    }

    @Test func shownStepsKeepTheCauseAndTheLatest() {
        let steps = (0..<9).map { i in
            HealingStep(state: i <= 5 ? .done : .pending, time: nil, text: "step \(i)", actor: "")
        }
        #expect(HealingView.shown(steps, rows: 9).map(\.text) == steps.map(\.text))
        #expect(HealingView.shown(steps, rows: 4).map(\.text) == ["step 0", "step 4", "step 5", "step 6"])
        let done = steps.map { HealingStep(state: .done, time: nil, text: $0.text, actor: "") }
        #expect(HealingView.shown(done, rows: 4).map(\.text) == ["step 0", "step 6", "step 7", "step 8"])
    }
}
