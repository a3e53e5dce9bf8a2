/// Port rules shared by container ports and Service ports (apimachinery util/validation
/// IsValidPortName, IsValidPortNum; core validation validateContainerPorts), in the API server's words.
public enum PortValidation {
    public static let protocols = ["SCTP", "TCP", "UDP"]
    public static let rangeMessage = "must be between 1 and 65535, inclusive"

    /// An IANA_SVC_NAME: at most 15 characters of a-z, 0-9 and '-', at least one letter, no
    /// leading, trailing or doubled '-'. Every rule broken is reported, as upstream does.
    public static func nameErrors(_ name: String) -> [String] {
        var errors: [String] = []
        if name.utf8.count > 15 { errors.append("must be no more than 15 bytes") }
        let isLower: (Character) -> Bool = { $0.isASCII && $0.isLetter && $0.isLowercase }
        if name.isEmpty || !name.allSatisfy({ isLower($0) || ($0.isASCII && $0.isNumber) || $0 == "-" }) {
            errors.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
        }
        if !name.contains(where: isLower) { errors.append("must contain at least one letter (a-z)") }
        if name.contains("--") { errors.append("must not contain consecutive hyphens") }
        if name.hasPrefix("-") || name.hasSuffix("-") { errors.append("must not begin or end with a hyphen") }
        return errors
    }

    /// validateContainerPorts for one container's ports at `path` (`spec.containers[0].ports`):
    /// names valid and unique within the container, numbers 1–65535, a supported protocol.
    public static func containerPortErrors(_ ports: [ContainerPort], path: String) -> [String] {
        var causes: [String] = []
        var names = Set<String>()
        for (i, port) in ports.enumerated() {
            let portPath = "\(path)[\(i)]"
            if !port.name.isEmpty {
                let errors = nameErrors(port.name)
                if !errors.isEmpty {
                    causes += errors.map { "\(portPath).name: Invalid value: \"\(port.name)\": \($0)" }
                } else if !names.insert(port.name).inserted {
                    causes.append("\(portPath).name: Duplicate value: \"\(port.name)\"")
                }
            }
            if port.containerPort == 0 {
                causes.append("\(portPath).containerPort: Required value")
            } else if !(1...65535).contains(port.containerPort) {
                causes.append("\(portPath).containerPort: Invalid value: \(port.containerPort): \(rangeMessage)")
            }
            if port.hostPort != 0 && !(1...65535).contains(port.hostPort) {
                causes.append("\(portPath).hostPort: Invalid value: \(port.hostPort): \(rangeMessage)")
            }
            if port.protocol.isEmpty {
                causes.append("\(portPath).protocol: Required value")
            } else if !protocols.contains(port.protocol) {
                causes.append("\(portPath).protocol: Unsupported value: \"\(port.protocol)\": supported values: " + protocols.map { "\"\($0)\"" }.joined(separator: ", "))
            }
        }
        return causes
    }
}
