import Testing
@testable import Cluster

/// A Service's update as the API server handles it: the cluster IP may not change once set,
/// allocated values left out are kept, node ports come and go with the type.
@Suite struct ServiceUpdateTests {
    func created(_ cluster: Cluster, type: String = ServiceSpec.clusterIP) throws -> Service {
        try cluster.store.create(Service(metadata: ObjectMeta(name: "web"),
                                         spec: ServiceSpec(type: type, selector: ["app": "web"],
                                                           ports: [ServicePort(name: "http", port: 80, targetPort: "http")])))
    }

    @Test func theClusterIPMayNotChangeOnceSet() throws {
        let cluster = Cluster(seed: 4, nodes: 0)
        var service = try created(cluster)
        let ip = service.spec.clusterIP
        service.spec.clusterIP = "10.96.0.77"
        #expect {
            try cluster.store.update(service)
        } throws: { error in
            (error as? APIError)?.message == #"Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.77"}: may not change once set"#
        }
        // Left out, it is patched back in (a replace without it keeps it).
        service.spec.clusterIP = ""
        service.spec.selector = ["app": "web", "tier": "front"]
        service.metadata.resourceVersion = ""
        let updated = try cluster.store.update(service)
        #expect(updated.spec.clusterIP == ip)
        #expect(updated.spec.selector == ["app": "web", "tier": "front"])
    }

    @Test func nodePortsAreAllocatedWhenTheTypeNeedsThemAndReleasedWhenItStops() throws {
        let cluster = Cluster(seed: 4, nodes: 0)
        var service = try created(cluster)
        #expect(service.spec.ports[0].nodePort == 0)
        service.spec.type = ServiceSpec.nodePort
        let nodePortService = try cluster.store.update(service)
        let nodePort = nodePortService.spec.ports[0].nodePort
        #expect((30000...32767).contains(nodePort))
        #expect(nodePortService.spec.clusterIP == service.spec.clusterIP)

        // Another update that leaves the node port out keeps it (matched by port name).
        var relabelled = nodePortService
        relabelled.spec.ports[0].nodePort = 0
        relabelled.spec.ports[0].targetPort = "8080"
        #expect(try cluster.store.update(relabelled).spec.ports[0].nodePort == nodePort)

        // Taken by this service, the port is not free for another one.
        let other = Service(metadata: ObjectMeta(name: "other"),
                            spec: ServiceSpec(type: ServiceSpec.nodePort, selector: ["app": "other"],
                                              ports: [ServicePort(port: 80, nodePort: nodePort)]))
        #expect {
            try cluster.store.create(other)
        } throws: { error in
            (error as? APIError)?.causes == ["spec.ports[0].nodePort: Invalid value: \(nodePort): provided port is already allocated"]
        }

        // Back to ClusterIP: the node port is released and can be taken.
        var clusterIP = try #require(cluster.store.get(Service.self, "web", namespace: "default"))
        clusterIP.spec.type = ServiceSpec.clusterIP
        #expect(try cluster.store.update(clusterIP).spec.ports[0].nodePort == 0)
        #expect(try cluster.store.create(other).spec.ports[0].nodePort == nodePort)
    }

    @Test func duplicatePortsAndNamedTargetsAreValidated() {
        let spec = ServiceSpec(type: ServiceSpec.nodePort, selector: nil, ports: [
            ServicePort(name: "a", port: 80, targetPort: "Web", nodePort: 30080),
            ServicePort(name: "b", port: 80, targetPort: "8080", nodePort: 30080),
            ServicePort(name: "C", port: 81),
        ])
        #expect(ServiceValidation.specErrors(spec) == [
            #"spec.ports[0].targetPort: Invalid value: "Web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"#,
            #"spec.ports[2].name: Invalid value: "C": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#,
            "spec.ports[1].nodePort: Duplicate value: 30080",
            #"spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}"#,
        ])
    }
}
