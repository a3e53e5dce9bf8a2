import Testing
import KubesimTestSupport
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// The rollout view (Enter on Deployments): old and new ReplicaSets side by side with their
/// pods, the progress and the limits in force, while the deployment controller rolls out.
@Suite struct RolloutViewTests {
    /// The demo deployment's manifest with `image` (and the template's cpu request) changed.
    static func changedDemo(image: String, cpu: String = "100m", extraSpec: String = "") -> String {
        var manifest = DemoDeployment.manifest
            .replacingOccurrences(of: "image: kiamol/ch02-hello-kiamol", with: "image: \(image)")
            .replacingOccurrences(of: "cpu: 100m", with: "cpu: \(cpu)")
        if !extraSpec.isEmpty { manifest = manifest.replacingOccurrences(of: "  replicas: 3\n", with: "  replicas: 3\n\(extraSpec)") }
        return manifest
    }

    /// Applies a changed template (as `kubectl apply -f` does), so the controller rolls out.
    static func apply(_ manifest: String, to dashboard: Dashboard) {
        let output = ManifestApplier.apply(text: manifest, file: "changed.yaml", to: dashboard.cluster)
        #expect(!output.failed, "\(output.combined)")
    }

    static func openRollout(_ dashboard: Dashboard) {
        dashboard.press(.character("2"), .enter)
    }

    @Test func enterOnDeploymentsOpensTheViewAndEscOrAnotherPaneClosesIt() throws {
        let dashboard = try demoDashboard()
        Self.openRollout(dashboard)
        #expect(dashboard.rolloutShown)
        #expect(dashboard.mode == .normal)
        let text = dashboard.frameText()
        #expect(text.contains("Rollout: deployment/hello-kiamol-2"))
        #expect(text.contains("✓ rollout complete: 3 of 3 updated and available"))
        #expect(text.contains(" i set image  u undo  p pause  R restart"))
        dashboard.press(.escape)
        #expect(!dashboard.rolloutShown)
        #expect(!dashboard.frameText().contains("Rollout: deployment/"))
        // Enter elsewhere still describes; another pane closes the view.
        Self.openRollout(dashboard)
        dashboard.press(.tab)
        #expect(!dashboard.rolloutShown)
        dashboard.press(.character("2"))
        #expect(!dashboard.rolloutShown)
        dashboard.press(.character("d"))
        guard case .overlay(let overlay) = dashboard.mode else { Issue.record("d no longer describes"); return }
        #expect(overlay.title == "describe deployment/hello-kiamol-2")
    }

    @Test func midRolloutShowsBothReplicaSetsTheLimitsAndTheProgress() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let oldRS = try #require(dashboard.cluster.store.list(ReplicaSet.self).first).name
        Self.apply(Self.changedDemo(image: "kiamol/ch03-hello-kiamol"), to: dashboard)
        dashboard.tick(realElapsed: .seconds(2))
        Self.openRollout(dashboard)
        let summary = try #require(dashboard.rolloutSummary)
        #expect(summary.old.map(\.replicaSet.name) == [oldRS])
        let newRS = try #require(summary.new?.replicaSet.name)
        #expect(newRS != oldRS)
        // 3 replicas at 25%/25%: surge rounds up to 1, unavailable down to 0.
        #expect(summary.maxSurge == 1 && summary.maxUnavailable == 0)
        #expect(summary.phase == .progressing)
        let frame = dashboard.render(width: 120, height: 40)
        #expect(snapshotMismatch(frame.text, named: "rollout-120x40") == nil)
        let text = frame.text
        #expect(text.contains("RollingUpdate  revision 2  maxSurge 1 (25%)  maxUnavailable 0 (25%)  → at most 4 pods, at least 3 available"))
        #expect(text.contains(" old rev 1  \(oldRS)"))
        #expect(text.contains(" new rev 2  \(newRS)"))
        #expect(text.contains("kiamol/ch03-hello-kiamol"))
        // Old and new sides: each pod as a tile under its ReplicaSet, the old on the left.
        let all = text.split(separator: "\n").map(String.init)
        let top = try #require(all.firstIndex { $0.contains("Rollout: deployment/") })
        let lines = Array(all[top..<(all[top...].firstIndex { $0.contains("└") } ?? all.count)])
        for pod in dashboard.cluster.store.list(Pod.self) where pod.metadata.namespace == "default" {
            let suffix = String(pod.name.suffix(5))
            let isNew = pod.name.hasPrefix(newRS)
            let row = try #require(lines.firstIndex { $0.contains(suffix) })
            let column = lines[row].range(of: suffix)!.lowerBound
            let divider = lines[row].range(of: "│", options: [], range: lines[row].index(lines[row].startIndex, offsetBy: 10)..<lines[row].endIndex)!.lowerBound
            #expect((column > divider) == isNew, "\(pod.name) on the \(isNew ? "new" : "old") side")
        }
        // The updated bar counts the new ReplicaSet's pods of 3.
        #expect(text.contains("updated ") && text.contains(" \(summary.updated)/3"))
        // And at 80×24 the view still fits its essentials.
        let small = dashboard.frameText(80, 24)
        #expect(snapshotMismatch(small, named: "rollout-80x24") == nil)
        #expect(small.contains("Rollout: deployment/hello-kiamol-2"))
        #expect(small.contains(" new rev 2"))
        #expect(small.contains(" RollingUpdate  maxSurge 1  maxUnavailable 0  → 4 pods max, 3 available min "))
        #expect(small.contains(" … rollout to finish: 1 out of 3 new replicas have been updated..."))
    }

    @Test func theViewFollowsTheRolloutToItsEnd() throws {
        let dashboard = try demoDashboard(seconds: 20)
        Self.apply(Self.changedDemo(image: "kiamol/ch03-hello-kiamol"), to: dashboard)
        Self.openRollout(dashboard)
        var sawBothSidesWithPods = false
        for _ in 0..<120 {
            dashboard.tick(realElapsed: .seconds(0.5))
            let summary = try #require(dashboard.rolloutSummary)
            // Never more than desired + maxSurge pods, never fewer available than desired - maxUnavailable.
            let pods = (summary.new?.pods ?? []) + summary.old.flatMap(\.pods)
            #expect(pods.filter(\.isActive).count <= 4)
            if summary.new?.pods.isEmpty == false && summary.old.contains(where: { !$0.pods.isEmpty }) { sawBothSidesWithPods = true }
            if summary.phase == .complete && summary.old.allSatisfy(\.pods.isEmpty) { break }
        }
        #expect(sawBothSidesWithPods)
        let summary = try #require(dashboard.rolloutSummary)
        #expect(summary.phase == .complete)
        #expect(summary.new?.pods.count == 3)
        // The old ReplicaSet stays, at 0, as what an undo would go back to.
        #expect(summary.old.count == 1 && summary.old[0].replicaSet.spec.replicas == 0)
        #expect(dashboard.frameText().contains("✓ rollout complete: 3 of 3 updated and available"))
    }

    @Test func aStalledRolloutSaysProgressDeadlineExceeded() throws {
        let dashboard = try demoDashboard(seconds: 20)
        // New pods that fit no node: the rollout cannot progress (maxUnavailable 0 keeps the old).
        Self.apply(Self.changedDemo(image: "kiamol/ch03-hello-kiamol", cpu: "64", extraSpec: "  progressDeadlineSeconds: 10\n"), to: dashboard)
        dashboard.tick(realElapsed: .seconds(20))
        Self.openRollout(dashboard)
        let summary = try #require(dashboard.rolloutSummary)
        guard case .stalled(let message) = summary.phase else { Issue.record("not stalled: \(summary.phase)"); return }
        #expect(message.contains("has timed out progressing"))
        let frame = dashboard.render(width: 120, height: 40)
        let at = try #require(frame.find("✗ ProgressDeadlineExceeded: \(message)"))
        #expect(frame[at.x, at.y].style == dashboard.theme[.error])
        // Availability stayed: the three old pods still run.
        #expect(summary.old.first?.pods.filter(\.isReady).count == 3)
    }

    @Test func aPausedDeploymentSaysSoPlainly() throws {
        let dashboard = try demoDashboard(seconds: 20)
        _ = try dashboard.cluster.store.modify(Deployment.self, key: ObjectKey(namespace: "default", name: "hello-kiamol-2")) { $0.spec.paused = true }
        Self.openRollout(dashboard)
        #expect(dashboard.rolloutSummary?.phase == .paused)
        let text = dashboard.frameText()
        #expect(text.contains("‖ PAUSED: nothing rolls out until `kubectl rollout resume deployment/hello-kiamol-2` (p)"))
        #expect(text.contains(" p resume "))
    }

    @Test func recreateSaysHowItRollsOut() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let manifest = DemoDeployment.manifest.replacingOccurrences(of: "  replicas: 3\n", with: "  replicas: 3\n  strategy: {type: Recreate}\n")
        Self.apply(manifest, to: dashboard)
        dashboard.tick(realElapsed: .seconds(1))
        Self.openRollout(dashboard)
        #expect(dashboard.frameText().contains("Recreate  revision 1  every old pod goes before a new one starts"))
        #expect(dashboard.rolloutSummary.map { ($0.maxSurge, $0.maxUnavailable) } ?? (-1, -1) == (0, 0))
    }
}
