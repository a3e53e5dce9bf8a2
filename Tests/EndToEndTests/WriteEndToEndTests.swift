import Foundation
import Testing

/// The real kubectl 1.33 writing to `kubesim serve`: create, delete, cordon, drain, auth can-i,
/// and the errors it prints from the server's Status answers.
@Suite struct WriteEndToEndTests {
    /// Virtual time runs fast, so graceful deletions and rollouts finish in a moment.
    static let arguments = ["--seed", "3", "--speed", "30"]

    private static let pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: solo
        spec:
          containers:
          - name: web
            image: nginx
        """

    /// Polls (bounded) until `condition` holds for kubectl's answer to `arguments`.
    private func eventually(_ server: KubesimServer, _ arguments: [String], timeout: TimeInterval = 60,
                            _ condition: (ProcessResult) -> Bool) throws -> ProcessResult {
        let deadline = Date(timeIntervalSinceNow: timeout)
        var result = try server.kubectl(arguments)
        while !condition(result) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            result = try server.kubectl(arguments)
        }
        return result
    }

    @Test func createDeploymentRollsOut() throws {
        guard let server = try KubesimServer.startForTest(arguments: Self.arguments) else { return }
        let created = try server.kubectl(["create", "deployment", "web", "--image=nginx", "--replicas=2"])
        #expect(created.status == 0, "\(created)")
        #expect(created.stdout == "deployment.apps/web created\n")
        // The scale subresource reports the replicas the ReplicaSet made.
        let scale = try eventually(server, ["get", "--raw", "/apis/apps/v1/namespaces/default/deployments/web/scale"]) {
            $0.stdout.contains(#""status":{"replicas":2,"selector":"app=web"}"#)
        }
        #expect(scale.stdout.contains(#""status":{"replicas":2,"selector":"app=web"}"#), "\(scale)")
        let again = try server.kubectl(["create", "deployment", "web", "--image=nginx"])
        #expect(again.status == 1)
        #expect(again.stderr == "error: failed to create deployment: deployments.apps \"web\" already exists\n", "\(again)")
    }

    @Test func scaleLabelAndServerSideApplyArePatches() throws {
        guard let server = try KubesimServer.startForTest(arguments: Self.arguments) else { return }
        #expect(try server.kubectl(["create", "deployment", "web", "--image=nginx"]).status == 0)
        let scaled = try server.kubectl(["scale", "deployment/web", "--replicas=3"])
        #expect(scaled.stdout == "deployment.apps/web scaled\n", "\(scaled)")
        let replicas = try eventually(server, ["get", "deployment", "web", "-o", "jsonpath={.status.readyReplicas}"]) { $0.stdout == "3" }
        #expect(replicas.stdout == "3", "\(replicas)")
        let labeled = try server.kubectl(["label", "deployment", "web", "tier=front"])
        #expect(labeled.stdout == "deployment.apps/web labeled\n", "\(labeled)")
        let applied = try server.kubectl(["apply", "--server-side", "--validate=false", "-f", "-"], stdin: Self.pod)
        #expect(applied.stdout == "pod/solo serverside-applied\n", "\(applied)")
        let labels = try server.kubectl(["get", "deployment", "web", "-o", "jsonpath={.metadata.labels}"])
        #expect(labels.stdout == #"{"app":"web","tier":"front"}"#, "\(labels)")
    }

    /// kubectl up to 1.31 sends JSON where 1.32+ sends protobuf.
    @Test(arguments: ["1.27", "1.31"])
    func olderKubectlsWriteJSON(_ version: String) throws {
        guard let server = try KubesimServer.startForTest(arguments: Self.arguments, kubectlVersion: version) else { return }
        let created = try server.kubectl(["create", "deployment", "web", "--image=nginx"])
        #expect(created.stdout == "deployment.apps/web created\n", "\(created)")
        let canI = try server.kubectl(["auth", "can-i", "delete", "pods"])
        #expect(canI.stdout == "yes\n", "\(canI)")
        let deleted = try server.kubectl(["delete", "deployment", "web"])
        #expect(deleted.stdout == "deployment.apps \"web\" deleted\n", "\(deleted)")
    }

    @Test func authCanIDeletePodsSaysYes() throws {
        guard let server = try KubesimServer.startForTest(arguments: Self.arguments) else { return }
        let result = try server.kubectl(["auth", "can-i", "delete", "pods"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "yes\n")
    }

    /// kubectl 1.33 asks in protobuf, 1.31 in JSON; both print the same table.
    @Test(arguments: ["1.33", "1.31"])
    func authWhoamiNamesTheAnonymousUser(_ version: String) throws {
        guard let server = try KubesimServer.startForTest(arguments: Self.arguments, kubectlVersion: version) else { return }
        let result = try server.kubectl(["auth", "whoami"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            ATTRIBUTE   VALUE
            Username    system:anonymous
            Groups      [system:unauthenticated]

            """, "\(result)")
    }

    /// kubesim has no ephemeral containers: `kubectl debug` says so, as against a cluster
    /// with them disabled, instead of panicking on a 404 without details.
    @Test func kubectlDebugSaysEphemeralContainersAreDisabled() throws {
        guard let server = try KubesimServer.startForTest(arguments: Self.arguments) else { return }
        #expect(try server.kubectl(["apply", "-f", "-"], stdin: Self.pod).status == 0)
        let debug = try server.kubectl(["debug", "solo", "--image=busybox", "--profile=general"])
        #expect(debug.status == 1, "\(debug)")
        #expect(debug.stderr.contains(#"error: ephemeral containers are disabled for this cluster (error from server: "the server could not find the requested resource")"#), "\(debug)")
        #expect(!debug.stderr.contains("panic"), "\(debug)")
    }

    /// A custom resource definition kubesim cannot serve is refused, not reported created.
    @Test func creatingACustomResourceDefinitionIsRefused() throws {
        guard let server = try KubesimServer.startForTest(arguments: Self.arguments) else { return }
        let crd = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets, singular: widget}
              scope: Namespaced
              versions:
              - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
            """
        let result = try server.kubectl(["create", "-f", "-"], stdin: crd)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains(#"Error from server (MethodNotAllowed): error when creating "STDIN": the server does not allow this method on the requested resource"#), "\(result)")
    }

    @Test func errorsPrintKubectlsText() throws {
        guard let server = try KubesimServer.startForTest(arguments: Self.arguments) else { return }
        let missing = try server.kubectl(["delete", "pod", "nope"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "Error from server (NotFound): pods \"nope\" not found\n", "\(missing)")

        let invalid = try server.kubectl(["create", "--validate=false", "-f", "-"],
                                         stdin: Self.pod.replacingOccurrences(of: "name: solo", with: "name: Bad_Name"))
        #expect(invalid.status == 1)
        #expect(invalid.stderr.hasPrefix("The Pod \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"), "\(invalid)")

        let created = try server.kubectl(["create", "--validate=false", "-f", "-"], stdin: Self.pod)
        #expect(created.stdout == "pod/solo created\n", "\(created)")
        let stale = Self.pod.replacingOccurrences(of: "  name: solo", with: "  name: solo\n  resourceVersion: \"1\"\n  labels:\n    tier: x")
        let replaced = try server.kubectl(["replace", "--validate=false", "-f", "-"], stdin: stale)
        #expect(replaced.status == 1)
        #expect(replaced.stderr == "Error from server (Conflict): error when replacing \"STDIN\": Operation cannot be fulfilled on pods \"solo\": the object has been modified; please apply your changes to the latest version and try again\n", "\(replaced)")
    }

    @Test func deletePodWaitsUntilItIsGone() throws {
        guard let server = try KubesimServer.startForTest(arguments: Self.arguments) else { return }
        #expect(try server.kubectl(["create", "--validate=false", "-f", "-"], stdin: Self.pod).status == 0)
        let running = try eventually(server, ["get", "pod", "solo", "-o", "jsonpath={.status.phase}"]) { $0.stdout == "Running" }
        #expect(running.stdout == "Running", "\(running)")
        // kubectl waits (watching) until the kubelet has confirmed the graceful deletion.
        let deleted = try server.kubectl(["delete", "pod", "solo"])
        #expect(deleted.status == 0, "\(deleted)")
        #expect(deleted.stdout == "pod \"solo\" deleted\n")
        let gone = try server.kubectl(["get", "pod", "solo"])
        #expect(gone.status == 1)
        #expect(gone.stderr == "Error from server (NotFound): pods \"solo\" not found\n", "\(gone)")
    }

    @Test func cordonAndDrain() throws {
        guard let server = try KubesimServer.startForTest(arguments: Self.arguments) else { return }
        #expect(try server.kubectl(["create", "deployment", "web", "--image=nginx", "--replicas=3"]).status == 0)
        _ = try eventually(server, ["get", "--raw", "/apis/apps/v1/namespaces/default/deployments/web/scale"]) {
            $0.stdout.contains(#""status":{"replicas":3"#)
        }
        let cordoned = try server.kubectl(["cordon", "node-1"])
        #expect(cordoned.status == 0, "\(cordoned)")
        #expect(cordoned.stdout == "node/node-1 cordoned\n")
        let drained = try server.kubectl(["drain", "node-2", "--ignore-daemonsets", "--timeout=60s"])
        #expect(drained.status == 0, "\(drained)")
        #expect(drained.stdout.hasPrefix("node/node-2 cordoned\n"), "\(drained)")
        #expect(drained.stdout.hasSuffix("node/node-2 drained\n"), "\(drained)")
        // Through the eviction subresource, not drain's DELETE fallback.
        #expect(drained.stdout.contains("evicting pod default/web-"), "\(drained)")
        let uncordoned = try server.kubectl(["uncordon", "node-1"])
        #expect(uncordoned.stdout == "node/node-1 uncordoned\n", "\(uncordoned)")
    }
}
