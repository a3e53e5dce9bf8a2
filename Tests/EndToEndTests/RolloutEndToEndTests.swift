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

/// The real kubectl's describe of a deployment whose template has limits and environment
/// variables, and of one of its pods, reads as `kubesim run`'s describe.
@Suite struct RolloutDescribeEndToEndTests {
    static let manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          annotations:
            kubernetes.io/change-cause: first release
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: api
          template:
            metadata:
              labels:
                app: api
            spec:
              containers:
              - name: api
                image: nginx:1.27
                env:
                - name: MODE
                  value: blue
                - name: EMPTY
                  value: ""
                resources:
                  limits:
                    cpu: 500m
                    memory: 256Mi
                  requests:
                    cpu: 100m
        """

    @Test func describeShowsLimitsAndEnvironmentAsKubectlDoes() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-rollout-e2e-\(UUID().uuidString).yaml")
        try Self.manifest.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        guard let server = try KubesimServer.startForTest(arguments: ["--seed", "5", "--file", file.path, "--speed", "200"]) else { return }
        defer { server.stop() }
        let running = try server.kubectl(["get", "pods", "-o", "jsonpath={.items[*].status.phase}"]) { $0.stdout == "Running Running" }
        #expect(running.stdout == "Running Running", "\(running)")
        let pod = try #require(try server.kubectl(["get", "pods", "-o", "name"]).stdout.split(separator: "\n").first.map { String($0.dropFirst("pod/".count)) })
        for arguments in [["describe", "deployment", "api"], ["describe", "pod", pod]] {
            let line = "kubectl " + arguments.joined(separator: " ")
            let real = try server.kubectl(arguments)
            #expect(real.status == 0, "\(line): \(real)")
            let expected = try KubectlGetEndToEndTests().headless(line, file: file)
            let headlessText = TranscriptEndToEndTests.headlessSections(expected.stdout).last?.output ?? ""
            #expect(TranscriptEndToEndTests.describeLines(real.stdout) == TranscriptEndToEndTests.describeLines(headlessText),
                    "\(line)\n--- real kubectl\n\(real.stdout)--- kubesim run\n\(headlessText)")
            #expect(real.stdout.contains("      MODE:  "), "\(real.stdout)")
            #expect(real.stdout.contains("Limits:"), "\(real.stdout)")
        }
    }
}
