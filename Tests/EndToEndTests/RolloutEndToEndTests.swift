import Foundation
import Testing

/// The real kubectl 1.33 rolling a deployment out on `kubesim serve`: `set image` (a strategic
/// merge patch), `rollout status` (a watch), `rollout history` (ReplicaSets by label) and
/// `rollout undo` (a JSON patch of the template and annotations).
@Suite struct RolloutEndToEndTests {
    /// Virtual time runs fast, so a rollout finishes in a moment.
    static let arguments = ["--seed", "5", "--speed", "30"]

    @Test func setImageStatusHistoryAndUndo() throws {
        guard let server = try KubesimServer.startForTest(arguments: Self.arguments) else { return }
        #expect(try server.kubectl(["create", "deployment", "web", "--image=nginx:1.26", "--replicas=3"]).status == 0)
        let first = try server.kubectl(["rollout", "status", "deployment/web", "--timeout=60s"])
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.hasSuffix("deployment \"web\" successfully rolled out\n"), "\(first)")

        let set = try server.kubectl(["set", "image", "deployment/web", "nginx=nginx:1.27"])
        #expect(set.stdout == "deployment.apps/web image updated\n", "\(set)")
        let missing = try server.kubectl(["set", "image", "deployment/web", "sidecar=busybox"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: unable to find container named \"sidecar\"\n", "\(missing)")

        let status = try server.kubectl(["rollout", "status", "deployment/web", "--timeout=60s"])
        #expect(status.status == 0, "\(status)")
        // Virtual time runs 30 times faster than kubectl starts, so whether a Waiting line comes
        // first depends on the machine: the held rollout below shows one for certain.
        #expect(status.stdout.hasSuffix("deployment \"web\" successfully rolled out\n"), "\(status)")

        let history = try server.kubectl(["rollout", "history", "deployment/web"])
        #expect(history.stdout == "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n", "\(history)")
        let revision = try server.kubectl(["rollout", "history", "deployment/web", "--revision=1"])
        #expect(revision.stdout.hasPrefix("deployment.apps/web with revision #1\nPod Template:\n"), "\(revision)")
        #expect(revision.stdout.contains("Image:\tnginx:1.26"), "\(revision)")

        let undo = try server.kubectl(["rollout", "undo", "deployment/web"])
        #expect(undo.stdout == "deployment.apps/web rolled back\n", "\(undo)")
        let back = try server.kubectl(["rollout", "status", "deployment/web", "--timeout=60s"])
        #expect(back.stdout.hasSuffix("deployment \"web\" successfully rolled out\n"), "\(back)")
        let image = try server.kubectl(["get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}"])
        #expect(image.stdout == "nginx:1.26 3", "\(image)")
        let after = try server.kubectl(["rollout", "history", "deployment/web"])
        #expect(after.stdout == "deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n", "\(after)")
        let gone = try server.kubectl(["rollout", "undo", "deployment/web", "--to-revision=5"])
        #expect(gone.stderr == "error: unable to find specified revision 5 in history\n", "\(gone)")
    }

    @Test func pauseResumeRestartAndSetEnv() throws {
        guard let server = try KubesimServer.startForTest(arguments: Self.arguments) else { return }
        #expect(try server.kubectl(["create", "deployment", "web", "--image=nginx:1.26", "--replicas=2"]).status == 0)
        #expect(try server.kubectl(["rollout", "status", "deployment/web", "--timeout=60s"]).status == 0)
        let paused = try server.kubectl(["rollout", "pause", "deployment/web"])
        #expect(paused.stdout == "deployment.apps/web paused\n", "\(paused)")
        let again = try server.kubectl(["rollout", "pause", "deployment/web"])
        #expect(again.stderr == "error: deployments.apps \"web\" is already paused\n", "\(again)")
        let env = try server.kubectl(["set", "env", "deployment/web", "MODE=blue"])
        #expect(env.stdout == "deployment.apps/web env updated\n", "\(env)")
        let list = try server.kubectl(["set", "env", "deployment/web", "--list"])
        #expect(list.stdout == "# Deployment web, container nginx\nMODE=blue\n", "\(list)")
        let resources = try server.kubectl(["set", "resources", "deployment/web", "--limits=cpu=200m,memory=256Mi"])
        #expect(resources.stdout == "deployment.apps/web resource requirements updated\n", "\(resources)")
        let held = try server.kubectl(["rollout", "status", "deployment/web", "--watch=false"])
        #expect(held.stdout == "Waiting for deployment \"web\" rollout to finish: 0 out of 2 new replicas have been updated...\n", "\(held)")
        let resumed = try server.kubectl(["rollout", "resume", "deployment/web"])
        #expect(resumed.stdout == "deployment.apps/web resumed\n", "\(resumed)")
        #expect(try server.kubectl(["rollout", "status", "deployment/web", "--timeout=60s"]).status == 0)
        let restarted = try server.kubectl(["rollout", "restart", "deployment/web"])
        #expect(restarted.stdout == "deployment.apps/web restarted\n", "\(restarted)")
        #expect(try server.kubectl(["rollout", "status", "deployment/web", "--timeout=60s"]).status == 0)
        let history = try server.kubectl(["rollout", "history", "deployment/web"])
        #expect(history.stdout.contains("3         <none>\n"), "\(history)")
        let template = try server.kubectl(["get", "deployment", "web", "-o",
                                           "jsonpath={.spec.template.spec.containers[0].env[0].value} {.spec.template.spec.containers[0].resources.limits.memory}"])
        #expect(template.stdout == "blue 256Mi", "\(template)")
    }
}
