import Testing
@testable import Cluster
@testable import Commands

/// `kubectl apply` of a changed template rolls out as `set image` does, the change-cause it
/// carries reaches the ReplicaSet and the history, and old ReplicaSets beyond
/// revisionHistoryLimit are deleted.
@Suite struct RolloutByApplyTests {
    static func manifest(image: String, cause: String, historyLimit: Int = 10) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          annotations:
            kubernetes.io/change-cause: \(cause)
        spec:
          replicas: 2
          revisionHistoryLimit: \(historyLimit)
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: \(image)
                env:
                - name: MODE
                  value: blue
                resources:
                  limits:
                    memory: 128Mi
        """
    }

    @Test func applyingAChangedTemplateRollsOutWithItsChangeCause() throws {
        let shell = Shell(seed: 11)
        let folder = try ManifestFolder()
        let file = try folder.write("web.yaml", Self.manifest(image: "nginx:1.26", cause: "first"))
        #expect(shell.out("apply -f \(file)") == "deployment.apps/web created\n")
        #expect(!shell.run("rollout status deployment/web").failed)
        try folder.write("web.yaml", Self.manifest(image: "nginx:1.27", cause: "second"))
        #expect(shell.out("apply -f \(file)") == "deployment.apps/web configured\n")
        let status = shell.run("rollout status deployment/web")
        #expect(status.stdout.contains("Waiting for deployment \"web\" rollout to finish: 1 out of 2 new replicas have been updated...\n"))
        #expect(status.stdout.hasSuffix("deployment \"web\" successfully rolled out\n"))
        #expect(shell.out("rollout history deployment/web").contains("REVISION  CHANGE-CAUSE\n1         first\n2         second\n"))
        let d = try #require(shell.cluster.store.get(Deployment.self, "web", namespace: "default"))
        let newSet = try #require(DeploymentReplicaSets(d, store: shell.cluster.store).new)
        #expect(newSet.metadata.annotations["kubernetes.io/change-cause"] == "second")
        #expect(newSet.spec.template.spec.containers[0].env == [EnvVar(name: "MODE", value: "blue")])
        #expect(newSet.spec.template.spec.containers[0].limits.memoryBytes == 128 << 20)
        // Undo brings the first change-cause back with the first template.
        #expect(shell.out("rollout undo deployment/web") == "deployment.apps/web rolled back\n")
        let undone = try #require(shell.cluster.store.get(Deployment.self, "web", namespace: "default"))
        #expect(undone.metadata.annotations["kubernetes.io/change-cause"] == "first")
        #expect(undone.spec.template.spec.containers[0].image == "nginx:1.26")
        // get -o yaml shows the fields as the API server returns them.
        let yaml = shell.out("get deployment web -o yaml")
        #expect(yaml.contains("      - env:\n        - name: MODE\n          value: blue\n"))
        #expect(yaml.contains("        resources:\n          limits:\n            memory: 128Mi\n"))
    }

    @Test func oldReplicaSetsBeyondTheHistoryLimitAreDeleted() throws {
        let shell = Shell(seed: 12)
        let folder = try ManifestFolder()
        let file = try folder.write("web.yaml", Self.manifest(image: "nginx:1.20", cause: "r1", historyLimit: 2))
        #expect(!shell.run("apply -f \(file)").failed)
        #expect(!shell.run("rollout status deployment/web").failed)
        for minor in 21...24 {
            #expect(!shell.run("set image deployment/web web=nginx:1.\(minor)").failed)
            #expect(!shell.run("rollout status deployment/web").failed)
            shell.advance(5)
        }
        let sets = shell.cluster.store.list(ReplicaSet.self, namespace: "default")
        #expect(sets.count == 3, "the new ReplicaSet and the two newest old ones")
        let images = Set(sets.map { $0.spec.template.spec.containers[0].image })
        #expect(images == ["nginx:1.22", "nginx:1.23", "nginx:1.24"])
        #expect(shell.out("rollout history deployment/web").contains("REVISION  CHANGE-CAUSE\n3         r1\n4         r1\n5         r1\n"))
        #expect(shell.run("rollout undo deployment/web --to-revision=1").stderr == "error: unable to find specified revision 1 in history\n")
    }

    @Test func aRequestAboveItsLimitIsRefused() throws {
        let shell = Shell(seed: 13)
        let folder = try ManifestFolder()
        // A requests block beside limits, at the same indentation.
        let lines = Self.manifest(image: "nginx:1.26", cause: "x").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let limits = try #require(lines.firstIndex { $0.hasSuffix("limits:") })
        let indent = String(lines[limits].prefix { $0 == " " })
        let text = (lines[...(limits + 1)] + ["\(indent)requests:", "\(indent)  memory: 1Gi"] + lines[(limits + 2)...]).joined(separator: "\n")
        let file = try folder.write("web.yaml", text)
        let result = shell.run("apply -f \(file)")
        #expect(result.failed)
        #expect(result.stderr.contains("spec.template.spec.containers[0].resources.requests[memory]: Invalid value: \"1Gi\": must be less than or equal to memory limit of 128Mi"))
        #expect(shell.cluster.store.get(Deployment.self, "web", namespace: "default") == nil)
    }
}
