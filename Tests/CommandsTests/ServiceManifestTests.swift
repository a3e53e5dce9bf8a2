import Testing
@testable import Cluster
@testable import Commands

/// Service manifests through `apply -f`/`create -f`, `get -o yaml` and `kubesim export`, and
/// named container ports through every layer a pod template passes.
@Suite struct ServiceManifestTests {
    static let namedPortApp = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
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
                image: nginx:1.27
                ports:
                - name: http
                  containerPort: 8080
                - containerPort: 9090
                  name: metrics
                - containerPort: 5353
                  protocol: UDP
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          labels:
            app: web
        spec:
          selector:
            app: web
          ports:
          - name: http
            port: 80
            targetPort: http
          - name: metrics
            port: 9090

        """

    @Test func aServiceManifestIsCreatedWithTheAPIServersDefaults() throws {
        let folder = try ManifestFolder()
        let shell = Shell(seed: 2)
        let file = try folder.write("app.yaml", Self.namedPortApp)
        #expect(shell.out("apply -f \(file)") == "deployment.apps/web created\nservice/web created\n")
        let service = try #require(shell.cluster.store.get(Service.self, "web", namespace: "default"))
        #expect(service.spec.type == "ClusterIP")
        #expect(service.spec.ports == [ServicePort(name: "http", port: 80, targetPort: "http"),
                                       ServicePort(name: "metrics", port: 9090, targetPort: "9090")])
        #expect(ServiceAllocation.inRange(service.spec.clusterIP))
        // The named target reaches the container port of that name on the service's pods.
        shell.advance(20)
        let pod = try #require(shell.cluster.store.list(Pod.self).first(where: service.selects))
        #expect(containerPortNumber(for: service.spec.ports[0].targetPort, in: pod) == 8080)
        #expect(pod.spec.containers[0].ports == [ContainerPort(containerPort: 8080, name: "http"), ContainerPort(containerPort: 9090, name: "metrics"),
                                                ContainerPort(containerPort: 5353, protocol: "UDP")])
        #expect(shell.out("apply -f \(file)") == "deployment.apps/web unchanged\nservice/web unchanged\n")

        let yaml = shell.out("get svc web -o yaml")
        #expect(yaml.contains("""
              ports:
              - name: http
                port: 80
                protocol: TCP
                targetPort: http
              - name: metrics
                port: 9090
                protocol: TCP
                targetPort: 9090

            """), "\(yaml)")
        #expect(yaml.contains("  clusterIP: \(service.spec.clusterIP)\n"))
        let template = shell.out("get deploy web -o yaml")
        #expect(template.contains("""
                    ports:
                    - containerPort: 8080
                      name: http
                      protocol: TCP
                    - containerPort: 9090
                      name: metrics
                      protocol: TCP
                    - containerPort: 5353
                      protocol: UDP

            """), "\(template)")
        let described = shell.out("describe pod \(pod.name)")
        let portsLine = described.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("Ports:") }
        #expect(portsLine?.hasSuffix(" 8080/TCP, 9090/TCP, 5353/UDP") == true, "\(described)")
    }

    @Test func getYAMLAppliesBackUnchangedAndExportRoundTrips() throws {
        let folder = try ManifestFolder()
        let shell = Shell(seed: 2)
        shell.run("apply -f \(try folder.write("app.yaml", Self.namedPortApp))")
        shell.run("create service nodeport api --tcp=8080:80")
        let yaml = shell.out("get svc web api -o yaml")
        let back = shell.run("apply -f \(try folder.write("back.yaml", yaml))")
        // As with kubectl, the first apply back records the printed object as the last-applied
        // configuration (so "configured"); the specs stay, and a second apply is a no-op.
        #expect(back.stdout == "service/web configured\nservice/api configured\n", "\(back.stdout)\(back.stderr)")
        #expect(shell.out("apply -f \(try folder.write("back.yaml", yaml))") == "service/web unchanged\nservice/api unchanged\n")

        let export = ManifestExporter.export(shell.cluster)
        #expect(!export.contains("name: kubernetes\n"))
        let restored = Shell(seed: 9, nodes: 0)
        let output = restored.run("apply -f \(try folder.write("export.yaml", export))")
        #expect(output.stderr.isEmpty, "\(output.stderr)")
        #expect(output.stdout.hasSuffix("service/api created\nservice/web created\n"), "\(output.stdout)")
        for name in ["web", "api"] {
            let before = try #require(shell.cluster.store.get(Service.self, name, namespace: "default"))
            let after = try #require(restored.cluster.store.get(Service.self, name, namespace: "default"))
            #expect(after.spec == before.spec)
            #expect(after.metadata.labels == before.metadata.labels)
        }
    }

    @Test func badPortsAreRefusedInTheAPIServersWords() throws {
        let folder = try ManifestFolder()
        let shell = Shell(seed: 2)
        let badName = Self.namedPortApp.replacingOccurrences(of: "- name: http\n          containerPort: 8080",
                                                              with: "- name: http_alt\n          containerPort: 8080")
        let refused = shell.run("apply -f \(try folder.write("bad.yaml", badName))")
        #expect(refused.failed)
        #expect(refused.stderr.contains(#"spec.template.spec.containers[0].ports[0].name: Invalid value: "http_alt": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"#),
                "\(refused.stderr)")
        let twoNames = Self.namedPortApp.replacingOccurrences(of: "name: metrics\n", with: "name: http\n")
        let duplicate = shell.run("apply -f \(try folder.write("dup.yaml", twoNames))")
        #expect(duplicate.stderr.contains(#"spec.template.spec.containers[0].ports[1].name: Duplicate value: "http""#), "\(duplicate.stderr)")
    }

    @Test func changingTheClusterIPInAFileIsRefused() throws {
        let folder = try ManifestFolder()
        let shell = Shell(seed: 2)
        shell.run("apply -f \(try folder.write("app.yaml", Self.namedPortApp))")
        let moved = Self.namedPortApp.replacingOccurrences(of: "  selector:\n    app: web\n  ports:", with: "  clusterIP: 10.96.0.99\n  selector:\n    app: web\n  ports:")
        let refused = shell.run("apply -f \(try folder.write("moved.yaml", moved))")
        #expect(refused.failed)
        #expect(refused.stderr.contains(#"The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set"#),
                "\(refused.stderr)")
    }
}
