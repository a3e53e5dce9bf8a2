import Foundation
import Testing

/// The real kubectl 1.33 writing Services to `kubesim serve`: `expose` with a named target
/// port, `create service` (a protobuf body), `apply -f` of a Service manifest created then
/// unchanged then configured, and the objects read back as kubectl prints them.
@Suite struct ServiceEndToEndTests {
    static let manifest = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web-np
          labels:
            app: web
        spec:
          type: NodePort
          selector:
            app: web
          ports:
          - name: http
            port: 8080
            targetPort: http

        """

    @Test func exposeCreateServiceAndApply() throws {
        guard let server = try KubesimServer.startForTest(arguments: ["--seed", "5", "--speed", "30"]) else { return }
        defer { server.stop() }
        let deployment = try server.kubectl(["create", "deployment", "web", "--image=nginx:1.27", "--port=80"])
        #expect(deployment.stdout == "deployment.apps/web created\n", "\(deployment)")
        let exposed = try server.kubectl(["expose", "deployment", "web", "--port=80", "--target-port=http"])
        #expect(exposed.status == 0, "\(exposed)")
        #expect(exposed.stdout == "service/web exposed\n", "\(exposed)")
        let target = try server.kubectl(["get", "svc", "web", "-o", "jsonpath={.spec.ports[0].targetPort} {.spec.ports[0].protocol} {.spec.type}"])
        #expect(target.stdout == "http TCP ClusterIP", "\(target)")

        let created = try server.kubectl(["create", "service", "nodeport", "api", "--tcp=8080:80"])
        #expect(created.status == 0, "\(created)")
        #expect(created.stdout == "service/api created\n", "\(created)")
        let nodePort = try server.kubectl(["get", "svc", "api", "-o", "jsonpath={.spec.ports[0].nodePort}"])
        #expect((30000...32767).contains(Int(nodePort.stdout) ?? 0), "\(nodePort)")

        let table = try server.kubectl(["get", "svc"])
        #expect(table.status == 0, "\(table)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"], "\(table)")
        #expect(lines.contains { $0.hasPrefix("web ") && $0.contains("ClusterIP") && $0.contains("80/TCP") }, "\(table)")
        #expect(lines.contains { $0.hasPrefix("api ") && $0.contains("NodePort") && $0.contains("8080:\(nodePort.stdout)/TCP") }, "\(table)")

        let file = server.folder.appendingPathComponent("web-np.yaml")
        try Self.manifest.write(to: file, atomically: true, encoding: .utf8)
        let applied = try server.kubectl(["apply", "-f", file.path])
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.stdout == "service/web-np created\n", "\(applied)")
        let again = try server.kubectl(["apply", "-f", file.path])
        #expect(again.stdout == "service/web-np unchanged\n", "\(again)")
        let yaml = try server.kubectl(["get", "svc", "web-np", "-o", "yaml"])
        #expect(yaml.status == 0, "\(yaml)")
        #expect(yaml.stdout.contains("  type: NodePort\n"), "\(yaml)")
        #expect(yaml.stdout.contains("    targetPort: http\n"), "\(yaml)")
        #expect(yaml.stdout.contains("  clusterIP: 10."), "\(yaml)")
        let allocated = try server.kubectl(["get", "svc", "web-np", "-o", "jsonpath={.spec.clusterIP} {.spec.ports[0].nodePort}"])

        // A changed type keeps the cluster IP and releases the node port.
        try Self.manifest.replacingOccurrences(of: "type: NodePort", with: "type: ClusterIP").write(to: file, atomically: true, encoding: .utf8)
        let configured = try server.kubectl(["apply", "-f", file.path])
        #expect(configured.stdout == "service/web-np configured\n", "\(configured)")
        let after = try server.kubectl(["get", "svc", "web-np", "-o", "jsonpath={.spec.clusterIP} {.spec.ports[0].nodePort}"])
        #expect(after.stdout == "\(allocated.stdout.split(separator: " ").first ?? "") ", "\(after) was \(allocated)")

        // The cluster IP may not change once set, in the API server's words.
        let patched = try server.kubectl(["patch", "svc", "web-np", "-p", #"{"spec":{"clusterIP":"10.96.0.77"}}"#])
        #expect(patched.status != 0, "\(patched)")
        #expect(patched.stderr.contains(#"spec.clusterIPs[0]: Invalid value: []string{"10.96.0.77"}: may not change once set"#), "\(patched)")

        // kubectl 1.31 and older send the same create as JSON.
        if let older = RealKubectl.locate(version: "1.27") {
            let json = try server.kubectl(["create", "service", "clusterip", "old", "--tcp=80:8080"], using: older)
            #expect(json.stdout == "service/old created\n", "\(json)")
            let port = try server.kubectl(["get", "svc", "old", "-o", "jsonpath={.spec.ports[0].port}:{.spec.ports[0].targetPort}"])
            #expect(port.stdout == "80:8080", "\(port)")
        }

        let deleted = try server.kubectl(["delete", "svc", "api"])
        #expect(deleted.stdout == "service \"api\" deleted\n", "\(deleted)")
    }
}
