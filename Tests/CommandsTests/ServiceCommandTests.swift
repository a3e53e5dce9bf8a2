import Testing
@testable import Cluster
@testable import Commands

/// `kubectl create service`, `kubectl expose`, `get`/`describe svc`, and the `kubernetes` service.
@Suite struct ServiceCommandTests {
    static func webShell() -> Shell {
        let shell = Shell(seed: 3, nodes: 2)
        shell.run("create deployment web --image=nginx --replicas=2 --port=8080")
        shell.advance(10)
        return shell
    }

    @Test func theAPIServerServiceExistsFromTheStart() throws {
        let shell = Shell(seed: 3, nodes: 1)
        let service = try #require(shell.cluster.store.get(Service.self, "kubernetes", namespace: "default"))
        #expect(service.spec.clusterIP == "10.96.0.1")
        #expect(service.spec.selector == nil)
        #expect(shell.out("get svc") == """
            NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
            kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s

            """)
    }

    @Test func exposeMakesAServiceSelectingTheDeploymentsPods() throws {
        let shell = Self.webShell()
        #expect(shell.out("expose deployment web --port=80 --target-port=8080") == "service/web exposed\n")
        let service = try #require(shell.cluster.store.get(Service.self, "web", namespace: "default"))
        #expect(service.spec.selector == ["app": "web"])
        #expect(service.spec.ports == [ServicePort(port: 80, targetPort: "8080")])
        #expect(ServiceAllocation.inRange(service.spec.clusterIP) && service.spec.clusterIP != "10.96.0.1")
        let row = shell.out("get svc web -o wide").split(separator: "\n").last.map(String.init) ?? ""
        #expect(row.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                == ["web", "ClusterIP", service.spec.clusterIP, "<none>", "80/TCP", "0s", "app=web"])
        // Without --port, the container port; a NodePort service gets a node port from 30000-32767.
        #expect(shell.out("expose deploy web --name=web-np --type=NodePort") == "service/web-np exposed\n")
        let nodePort = try #require(shell.cluster.store.get(Service.self, "web-np", namespace: "default")).spec.ports[0]
        #expect(nodePort.port == 8080 && (30000...32767).contains(nodePort.nodePort))
        #expect(shell.out("get svc web-np").contains("8080:\(nodePort.nodePort)/TCP"))
    }

    @Test func exposeRefusesWhatKubectlRefuses() {
        let shell = Self.webShell()
        shell.run("create deployment bare --image=nginx")
        #expect(shell.run("expose deployment bare").stderr == "error: couldn't find port via --port flag or introspection\n")
        #expect(shell.run("expose deployment nope --port=80").stderr == "Error from server (NotFound): deployments.apps \"nope\" not found\n")
        #expect(shell.run("expose node node-1 --port=80").stderr == "error: cannot expose a Node\n")
        shell.run("expose deployment web --port=80")
        #expect(shell.run("expose deployment web --port=80").stderr == "Error from server (AlreadyExists): services \"web\" already exists\n")
        #expect(shell.run("expose deployment web --port=80 --name=bad --type=Foo").stderr
                == "The Service \"bad\" is invalid: spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\", \"LoadBalancer\", \"NodePort\"\n")
        // ExternalName is not modelled: refused with the types kubesim has, nothing about ports.
        #expect(shell.run("expose deployment web --port=80 --name=ext --type=ExternalName").stderr
                == "The Service \"ext\" is invalid: spec.type: Unsupported value: \"ExternalName\": kubesim does not model ExternalName services (a DNS alias, no endpoints); supported values: \"ClusterIP\", \"LoadBalancer\", \"NodePort\"\n")
        #expect(shell.run("create service externalname ext --external-name=example.com").stderr
                == "error: failed to create ExternalName service: Service \"ext\" is invalid: spec.type: Unsupported value: \"ExternalName\": kubesim does not model ExternalName services (a DNS alias, no endpoints); supported values: \"ClusterIP\", \"LoadBalancer\", \"NodePort\"\n")
        #expect(shell.cluster.store.get(Service.self, "ext", namespace: "default") == nil)
    }

    @Test func createServiceLoadBalancerWaitsForAnExternalIP() throws {
        let shell = Self.webShell()
        #expect(shell.out("create service loadbalancer lb --tcp=80:8080") == "service/lb created\n")
        let lb = try #require(shell.cluster.store.get(Service.self, "lb", namespace: "default"))
        #expect(lb.spec.type == "LoadBalancer")
        let nodePort = try #require(lb.spec.ports.first).nodePort
        #expect((30000...32767).contains(nodePort))
        let row = shell.out("get svc lb").split(separator: "\n").last.map(String.init) ?? ""
        #expect(row.contains("<pending>") && row.contains("80:\(nodePort)/TCP"))
    }

    @Test func createServiceNamesPortsAfterTheirSpecifiers() throws {
        let shell = Self.webShell()
        #expect(shell.run("create service clusterip api").stderr == "error: at least one tcp port specifier must be provided\n")
        #expect(shell.out("create service clusterip api --tcp=80:8080") == "service/api created\n")
        let api = try #require(shell.cluster.store.get(Service.self, "api", namespace: "default"))
        #expect(api.spec.ports == [ServicePort(name: "80-8080", port: 80, targetPort: "8080")])
        #expect(api.spec.selector == ["app": "api"] && api.metadata.labels == ["app": "api"])
        #expect(shell.run("create service clusterip api --tcp=80").stderr
                == "error: failed to create ClusterIP service: services \"api\" already exists\n")
        #expect(shell.out("create service nodeport np --tcp=80:8080 --node-port=30080") == "service/np created\n")
        #expect(shell.run("create service nodeport np2 --tcp=80 --node-port=30080").stderr
                == "error: failed to create NodePort service: Service \"np2\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n")
    }

    @Test func describeServicePrintsWhatKubectlPrints() {
        let shell = Shell(seed: 3, nodes: 1)
        #expect(shell.out("describe svc kubernetes") == """
            Name:                     kubernetes
            Namespace:                default
            Labels:                   component=apiserver
                                      provider=kubernetes
            Annotations:              <none>
            Selector:                 <none>
            Type:                     ClusterIP
            IP Family Policy:         SingleStack
            IP Families:              IPv4
            IP:                       10.96.0.1
            IPs:                      10.96.0.1
            Port:                     https  443/TCP
            TargetPort:               6443/TCP
            Endpoints:                192.168.49.2:6443
            Session Affinity:         None
            Internal Traffic Policy:  Cluster
            Events:                   <none>

            """)
    }
}
