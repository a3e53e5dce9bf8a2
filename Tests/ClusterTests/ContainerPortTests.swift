import Testing
@testable import Cluster

/// Container ports with names: the API server's IANA_SVC_NAME rules, and a Service's targetPort
/// resolved on a pod as the endpoints controller does.
@Suite struct ContainerPortTests {
    @Test func portNamesFollowTheIANAServiceNameRules() {
        #expect(PortValidation.nameErrors("http").isEmpty)
        #expect(PortValidation.nameErrors("web-8080").isEmpty)
        #expect(PortValidation.nameErrors("abcdefghijklmno").isEmpty) // 15: the limit
        #expect(PortValidation.nameErrors("abcdefghijklmnop") == ["must be no more than 15 bytes"])
        #expect(PortValidation.nameErrors("HTTP") == ["must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                                                      "must contain at least one letter (a-z)"])
        #expect(PortValidation.nameErrors("8080") == ["must contain at least one letter (a-z)"])
        #expect(PortValidation.nameErrors("web--ui") == ["must not contain consecutive hyphens"])
        #expect(PortValidation.nameErrors("-web") == ["must not begin or end with a hyphen"])
        #expect(PortValidation.nameErrors("web_ui") == ["must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"])
    }

    @Test func containerPortsAreCheckedInTheAPIServersWords() {
        let ports: [ContainerPort] = [
            ContainerPort(containerPort: 80, name: "http"), ContainerPort(containerPort: 8080, name: "http"),
            ContainerPort(containerPort: 0, name: "Metrics"), ContainerPort(containerPort: 70000, protocol: "HTTP"),
        ]
        #expect(PortValidation.containerPortErrors(ports, path: "spec.containers[0].ports") == [
            #"spec.containers[0].ports[1].name: Duplicate value: "http""#,
            #"spec.containers[0].ports[2].name: Invalid value: "Metrics": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"#,
            "spec.containers[0].ports[2].containerPort: Required value",
            "spec.containers[0].ports[3].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            #"spec.containers[0].ports[3].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP""#,
        ])
    }

    @Test func aTargetPortIsANumberOrAContainerPortsName() {
        var pod = Pod(metadata: ObjectMeta(name: "web"), spec: PodSpec(containers: [
            Container(name: "sidecar", image: "busybox", ports: [ContainerPort(containerPort: 9090, name: "metrics")]),
            Container(name: "web", image: "nginx", ports: [80, ContainerPort(containerPort: 8080, name: "http"),
                                                           ContainerPort(containerPort: 5353, name: "dns", protocol: "UDP")]),
        ]))
        #expect(containerPortNumber(for: "8443", in: pod) == 8443) // a number is taken as written
        #expect(containerPortNumber(for: "http", in: pod) == 8080)
        #expect(containerPortNumber(for: "metrics", in: pod) == 9090)
        #expect(containerPortNumber(for: "https", in: pod) == nil)
        #expect(containerPortNumber(for: "dns", in: pod) == nil) // a TCP service port does not reach a UDP one
        #expect(containerPortNumber(for: "dns", in: pod, protocol: "UDP") == 5353)
        #expect(containerPortNumber(for: "", in: pod) == nil)
        #expect(Service.containerPortNumber(for: "http", in: pod) == 8080)
        // Renumbering the named port moves the target with it.
        pod.spec.containers[1].ports[1].containerPort = 8081
        #expect(containerPortNumber(for: "http", in: pod) == 8081)
    }

    @Test func unnamedTCPPortsKeepTheTemplateHash() {
        // The hash text of unnamed TCP ports is what it was when ports were plain numbers.
        #expect(TemplateHash.portsText([80, 443]) == "[80, 443]")
        #expect(TemplateHash.portsText([ContainerPort(containerPort: 80, name: "http")]) == "[http:80/TCP]")
    }
}
