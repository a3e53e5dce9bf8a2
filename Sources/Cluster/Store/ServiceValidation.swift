/// ValidateService (pkg/apis/core/validation), the checks for the fields the simulator models.
enum ServiceValidation {
    static func specErrors(_ spec: ServiceSpec) -> [String] {
        var causes: [String] = []
        // kubesim does not model ExternalName (a DNS alias, no endpoints): refused with the
        // API server's words for the types it does model, before anything about ports.
        if !ServiceSpec.types.contains(spec.type) {
            // ExternalName is a real type: said to be kubesim's limit, not the user's mistake.
            let why = spec.type == "ExternalName" ? "kubesim does not model ExternalName services (a DNS alias, no endpoints); " : ""
            return ["spec.type: Unsupported value: \"\(spec.type)\": \(why)supported values: \"ClusterIP\", \"LoadBalancer\", \"NodePort\""]
        }
        if spec.ports.isEmpty && spec.clusterIP != "None" { causes.append("spec.ports: Required value") }
        if !["None", "ClientIP"].contains(spec.sessionAffinity) {
            causes.append("spec.sessionAffinity: Unsupported value: \"\(spec.sessionAffinity)\": supported values: \"ClientIP\", \"None\"")
        }
        var names = Set<String>()
        for (i, port) in spec.ports.enumerated() {
            let path = "spec.ports[\(i)]"
            if spec.ports.count > 1 && port.name.isEmpty {
                causes.append("\(path).name: Required value")
            } else if !port.name.isEmpty {
                let errors = LabelValidation.labelNameErrors(port.name)
                if !errors.isEmpty {
                    causes += errors.map { "\(path).name: Invalid value: \"\(port.name)\": \($0)" }
                } else if !names.insert(port.name).inserted {
                    causes.append("\(path).name: Duplicate value: \"\(port.name)\"")
                }
            }
            if !(1...65535).contains(port.port) {
                causes.append("\(path).port: Invalid value: \(port.port): must be between 1 and 65535, inclusive")
            }
            if !["TCP", "UDP", "SCTP"].contains(port.protocol) {
                causes.append("\(path).protocol: Unsupported value: \"\(port.protocol)\": supported values: \"SCTP\", \"TCP\", \"UDP\"")
            }
            if let number = Int(port.targetPort) {
                if !(1...65535).contains(number) {
                    causes.append("\(path).targetPort: Invalid value: \(number): must be between 1 and 65535, inclusive")
                }
            } else if !port.targetPort.isEmpty {
                // A named target must be a container port name (IANA_SVC_NAME).
                causes += PortValidation.nameErrors(port.targetPort).map { "\(path).targetPort: Invalid value: \"\(port.targetPort)\": \($0)" }
            }
            if spec.type == ServiceSpec.clusterIP && port.nodePort != 0 {
                causes.append("\(path).nodePort: Forbidden: may not be used when `type` is 'ClusterIP'")
            }
        }
        causes += duplicates(spec.ports)
        return causes
    }

    /// Two ports may not share a node port, nor a (protocol, port) pair; the pair is printed as
    /// Go's %#v of the core.ServicePort key the API server compares.
    private static func duplicates(_ ports: [ServicePort]) -> [String] {
        var causes: [String] = []
        var nodePorts = Set<String>()
        for (i, port) in ports.enumerated() where port.nodePort != 0 {
            if !nodePorts.insert("\(port.protocol)/\(port.nodePort)").inserted {
                causes.append("spec.ports[\(i)].nodePort: Duplicate value: \(port.nodePort)")
            }
        }
        var pairs = Set<String>()
        for (i, port) in ports.enumerated() where !pairs.insert("\(port.protocol)/\(port.port)").inserted {
            causes.append("spec.ports[\(i)]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"\(port.protocol)\", AppProtocol:(*string)(nil), Port:\(port.port), TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}")
        }
        return causes
    }
}
