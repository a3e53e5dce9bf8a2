import Cluster

/// `kubectl describe endpointslice` (describe.go describeEndpointSliceV1) and
/// `kubectl describe endpoints` (describeEndpoints).
enum EndpointsDescriber {
    static func describe(_ slice: EndpointSlice, into w: inout DescribeWriter) {
        w.write(0, "Name:\t\(slice.name)\n")
        w.write(0, "Namespace:\t\(slice.metadata.namespace)\n")
        w.labels("Labels", slice.metadata.labels)
        w.annotations("Annotations", slice.metadata.annotations)
        w.write(0, "AddressType:\t\(slice.addressType)\n")
        if slice.ports.isEmpty {
            w.write(0, "Ports: <unset>\n")
        } else {
            w.write(0, "Ports:\n")
            w.write(1, "Name\tPort\tProtocol\n")
            w.write(1, "----\t----\t--------\n")
            for port in slice.ports {
                w.write(1, "\(port.name.isEmpty ? "<unset>" : port.name)\t\(port.port)\t\(port.protocol)\n")
            }
        }
        if slice.endpoints.isEmpty {
            w.write(0, "Endpoints: <none>\n")
        } else {
            w.write(0, "Endpoints:\n")
            for endpoint in slice.endpoints {
                let addresses = endpoint.addresses.joined(separator: ", ")
                w.write(1, "- Addresses:\t\(addresses.isEmpty ? "<none>" : addresses)\n")
                w.write(2, "Conditions:\n")
                w.write(3, "Ready:\t\(endpoint.conditions.ready)\n")
                w.write(2, "Hostname:\t<unset>\n")
                if let ref = endpoint.targetRef { w.write(2, "TargetRef:\t\(ref.kind)/\(ref.name)\n") }
                w.write(2, "NodeName:\t\(endpoint.nodeName.isEmpty ? "<unset>" : endpoint.nodeName)\n")
                w.write(2, "Zone:\t<unset>\n")
            }
        }
    }

    static func describe(_ ep: Endpoints, into w: inout DescribeWriter) {
        w.write(0, "Name:\t\(ep.name)\n")
        w.write(0, "Namespace:\t\(ep.metadata.namespace)\n")
        w.labels("Labels", ep.metadata.labels)
        w.annotations("Annotations", ep.metadata.annotations)
        w.write(0, "Subsets:\n")
        for subset in ep.subsets {
            let ready = subset.addresses.map(\.ip).joined(separator: ",")
            w.write(1, "Addresses:\t\(ready.isEmpty ? "<none>" : ready)\n")
            let notReady = subset.notReadyAddresses.map(\.ip).joined(separator: ",")
            w.write(1, "NotReadyAddresses:\t\(notReady.isEmpty ? "<none>" : notReady)\n")
            if !subset.ports.isEmpty {
                w.write(1, "Ports:\n")
                w.write(2, "Name\tPort\tProtocol\n")
                w.write(2, "----\t----\t--------\n")
                for port in subset.ports { w.write(2, "\(port.name.isEmpty ? "<unset>" : port.name)\t\(port.port)\t\(port.protocol)\n") }
            }
            w.write(0, "\n")
        }
    }
}
