import Cluster

/// `kubectl describe service` (describe.go describeService), single-stack IPv4.
enum ServiceDescriber {
    /// `slices`: the EndpointSlices labelled with the service's name, for its `Endpoints:` lines.
    static func describe(_ s: Service, slices: [EndpointSlice], into w: inout DescribeWriter) {
        w.write(0, "Name:\t\(s.name)\n")
        w.write(0, "Namespace:\t\(s.metadata.namespace)\n")
        w.labels("Labels", s.metadata.labels)
        w.annotations("Annotations", s.metadata.annotations)
        w.write(0, "Selector:\t\(ServiceCells.selector(s.spec.selector))\n")
        w.write(0, "Type:\t\(s.spec.type)\n")
        w.write(0, "IP Family Policy:\tSingleStack\n")
        w.write(0, "IP Families:\tIPv4\n")
        w.write(0, "IP:\t\(s.spec.clusterIP)\n")
        w.write(0, "IPs:\t\(s.spec.clusterIP)\n")
        for p in s.spec.ports {
            let name = p.name.isEmpty ? "<unset>" : p.name
            w.write(0, "Port:\t\(name)  \(p.port)/\(p.protocol)\n")
            let target = p.targetPort.isEmpty ? String(p.port) : p.targetPort
            w.write(0, "TargetPort:\t\(target)/\(p.protocol)\n")
            if p.nodePort != 0 { w.write(0, "NodePort:\t\(name)  \(p.nodePort)/\(p.protocol)\n") }
            w.write(0, "Endpoints:\t\(EndpointsCells.sliceEndpoints(slices, portName: p.name))\n")
        }
        w.write(0, "Session Affinity:\t\(s.spec.sessionAffinity)\n")
        if s.spec.needsNodePorts { w.write(0, "External Traffic Policy:\tCluster\n") }
        w.write(0, "Internal Traffic Policy:\tCluster\n")
    }
}
