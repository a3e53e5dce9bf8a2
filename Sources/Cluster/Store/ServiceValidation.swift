/// ValidateService (pkg/apis/core/validation), the checks for the fields the simulator models.
enum ServiceValidation {
    static func specErrors(_ spec: ServiceSpec) -> [String] {
        var causes: [String] = []
        if !ServiceSpec.types.contains(spec.type) {
            causes.append("spec.type: Unsupported value: \"\(spec.type)\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"")
        }
        if spec.ports.isEmpty && spec.clusterIP != "None" { causes.append("spec.ports: Required value") }
        var names = Set<String>()
        for (i, port) in spec.ports.enumerated() {
            let path = "spec.ports[\(i)]"
            if spec.ports.count > 1 && port.name.isEmpty {
                causes.append("\(path).name: Required value")
            } else if !port.name.isEmpty && !names.insert(port.name).inserted {
                causes.append("\(path).name: Duplicate value: \"\(port.name)\"")
            }
            if !(1...65535).contains(port.port) {
                causes.append("\(path).port: Invalid value: \(port.port): must be between 1 and 65535, inclusive")
            }
            if !["TCP", "UDP", "SCTP"].contains(port.protocol) {
                causes.append("\(path).protocol: Unsupported value: \"\(port.protocol)\": supported values: \"SCTP\", \"TCP\", \"UDP\"")
            }
            if let number = Int(port.targetPort), !(1...65535).contains(number) {
                causes.append("\(path).targetPort: Invalid value: \(number): must be between 1 and 65535, inclusive")
            }
            if spec.type == ServiceSpec.clusterIP && port.nodePort != 0 {
                causes.append("\(path).nodePort: Forbidden: may not be used when `type` is 'ClusterIP'")
            }
        }
        return causes
    }
}
