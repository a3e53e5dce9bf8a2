import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// `i`, `u`, `p` and `R` on Deployments issue kubectl's rollout commands through the command path.
@Suite struct RolloutKeyTests {
    static let deployment = "hello-kiamol-2"

    @Test func setImagePromptHoldsTheCurrentImageAndIssuesSetImage() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character("2"), .character("i"))
        guard case .prompt(let prompt, let input) = dashboard.mode else { Issue.record("no prompt"); return }
        #expect(input.text == "kiamol/ch02-hello-kiamol")
        #expect(prompt.label == "image for deployment/\(Self.deployment) (container ch02-hello-kiamol)")
        dashboard.press(.control("u"))
        dashboard.type("kiamol/ch03-hello-kiamol")
        dashboard.press(.enter)
        #expect(dashboard.lastOutput?.line == "kubectl set image deployment/\(Self.deployment) ch02-hello-kiamol=kiamol/ch03-hello-kiamol")
        // CONTAINER=IMAGE words go as typed; Esc issues nothing.
        dashboard.press(.character("i"), .control("u"))
        dashboard.type("ch02-hello-kiamol=kiamol/ch04 sidecar=busybox")
        dashboard.press(.enter)
        #expect(dashboard.lastOutput?.line == "kubectl set image deployment/\(Self.deployment) ch02-hello-kiamol=kiamol/ch04 sidecar=busybox")
        dashboard.press(.character("i"), .escape)
        #expect(dashboard.lastOutput?.line == "kubectl set image deployment/\(Self.deployment) ch02-hello-kiamol=kiamol/ch04 sidecar=busybox")
        #expect(dashboard.mode == .normal)
    }

    @Test func undoPauseResumeAndRestart() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character("2"), .character("u"))
        #expect(dashboard.lastOutput?.line == "kubectl rollout undo deployment/\(Self.deployment)")
        dashboard.press(.character("R"))
        #expect(dashboard.lastOutput?.line == "kubectl rollout restart deployment/\(Self.deployment)")
        dashboard.press(.character("p"))
        #expect(dashboard.lastOutput?.line == "kubectl rollout pause deployment/\(Self.deployment)")
        // `p` reads the deployment: paused, it resumes.
        _ = try dashboard.cluster.store.modify(Deployment.self, key: ObjectKey(namespace: "default", name: Self.deployment)) { $0.spec.paused = true }
        dashboard.press(.character("p"))
        #expect(dashboard.lastOutput?.line == "kubectl rollout resume deployment/\(Self.deployment)")
    }

    @Test func rolloutKeysWorkInsideTheRolloutViewAndOnlyOnDeployments() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character("2"), .enter, .character("R"))
        #expect(dashboard.rolloutShown)
        #expect(dashboard.lastOutput?.line == "kubectl rollout restart deployment/\(Self.deployment)")
        // On ReplicaSets and Pods these letters do nothing.
        dashboard.press(.character("3"), .character("u"), .character("4"), .character("R"))
        #expect(dashboard.lastOutput?.line == "kubectl rollout restart deployment/\(Self.deployment)")
    }

    @Test func keysInANamespaceCarryIt() throws {
        let dashboard = try demoDashboard(empty: true)
        dashboard.session.execute("kubectl create namespace shop")
        dashboard.session.execute("kubectl create deployment web --image=nginx -n shop")
        dashboard.press(.character(":"))
        dashboard.type("ns shop")
        dashboard.press(.enter)
        dashboard.tick(realElapsed: .seconds(1))
        dashboard.press(.character("2"), .character("u"))
        #expect(dashboard.lastOutput?.line == "kubectl rollout undo deployment/web -n shop")
    }

    @Test func helpAndHintsListTheRolloutKeys() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character("2"))
        #expect(dashboard.frameText(200, 40).contains(" i image  u undo  p pause  R restart  T traffic  Enter rollout"))
        dashboard.press(.character("?"))
        guard case .overlay(let help) = dashboard.mode else { Issue.record("no help"); return }
        let text = help.lines.joined(separator: "\n")
        for line in ["  Enter           rollout view", "  i               set image", "  u               undo (kubectl rollout undo)",
                     "  p               pause / resume", "  R               restart (kubectl rollout restart)", "↻ crash loop", "⇣ image pull"] {
            #expect(text.contains(line), "\(line)")
        }
    }
}
