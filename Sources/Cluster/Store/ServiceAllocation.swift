/// What the API server fills in when a Service is created: a cluster IP from the service CIDR
/// (10.96.0.0/12, the kubeadm default) and, for NodePort and LoadBalancer services, a node port
/// from 30000-32767 for each port without one. Draws come from the store's service sequence, so
/// a fixed seed gives the same addresses every run.
enum ServiceAllocation {
    /// 10.96.0.0/12: 10.96.0.0 through 10.111.255.255.
    static let cidrBase: UInt32 = 10 << 24 | 96 << 16
    static let cidrSize: UInt32 = 1 << 20
    static let nodePorts = 30000...32767
    /// The `kubernetes` service's address: the first of the range.
    static let apiServerIP = "10.96.0.1"

    static func allocate(_ service: inout Service, taken: [Service], random: RandomSource) throws {
        var causes = clusterIPCauses(&service, taken: taken, random: random)
        causes += nodePortCauses(&service, taken: taken, random: random)
        if !causes.isEmpty { throw APIError.invalid(.service, service.name, causes) }
    }

    /// A free address for a service without one; one the user chose must be in range and free.
    static func clusterIPCauses(_ service: inout Service, taken: [Service], random: RandomSource) -> [String] {
        var causes: [String] = []
        let usedIPs = Set(taken.map(\.spec.clusterIP))
        if service.spec.clusterIP.isEmpty {
            var ip: String
            repeat {
                // Offsets 1 ... size-2: neither the network nor the broadcast address.
                ip = address(cidrBase + 1 + UInt32(random.next() % UInt64(cidrSize - 2)))
            } while usedIPs.contains(ip)
            service.spec.clusterIP = ip
        } else if service.spec.clusterIP != "None" {
            let ip = service.spec.clusterIP
            if !inRange(ip) {
                causes.append("spec.clusterIPs: Invalid value: []string{\"\(ip)\"}: failed to allocate IP \(ip): the provided IP (\(ip)) is not in the valid range. The range of valid IPs is 10.96.0.0/12")
            } else if usedIPs.contains(ip) {
                causes.append("spec.clusterIPs: Invalid value: []string{\"\(ip)\"}: failed to allocate IP \(ip): provided IP is already allocated")
            }
        }
        return causes
    }

    /// Node ports for NodePort and LoadBalancer services: a free one for each port without one;
    /// one the user chose must be in range and not held by another service (or another port).
    /// `held` are ports this service holds already (on update): they stay its own.
    static func nodePortCauses(_ service: inout Service, taken: [Service], random: RandomSource, held: Set<Int> = []) -> [String] {
        guard service.spec.needsNodePorts else { return [] }
        var causes: [String] = []
        var usedPorts = Set(taken.flatMap { $0.spec.ports.map(\.nodePort) })
        var ownPorts = Set<Int>()
        for (i, port) in service.spec.ports.enumerated() where port.nodePort != 0 {
            if !nodePorts.contains(port.nodePort) {
                causes.append("spec.ports[\(i)].nodePort: Invalid value: \(port.nodePort): provided port is not in the valid range. The range of valid ports is 30000-32767")
            } else if usedPorts.contains(port.nodePort) || (ownPorts.contains(port.nodePort) && !held.contains(port.nodePort)) {
                causes.append("spec.ports[\(i)].nodePort: Invalid value: \(port.nodePort): provided port is already allocated")
            }
            ownPorts.insert(port.nodePort)
        }
        usedPorts.formUnion(ownPorts)
        for i in service.spec.ports.indices where service.spec.ports[i].nodePort == 0 {
            var candidate: Int
            repeat {
                candidate = nodePorts.lowerBound + Int(random.next() % UInt64(nodePorts.count))
            } while usedPorts.contains(candidate)
            service.spec.ports[i].nodePort = candidate
            usedPorts.insert(candidate)
        }
        return causes
    }

    static func address(_ value: UInt32) -> String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }

    static func inRange(_ ip: String) -> Bool {
        let parts = ip.split(separator: ".").compactMap { UInt32($0) }
        guard parts.count == 4, parts.allSatisfy({ $0 < 256 }) else { return false }
        let value = parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3]
        return value >= cidrBase && value < cidrBase + cidrSize
    }
}
