/// Pod IPs from the node's podCIDR, handed out the way the host-local IPAM plugin does (as
/// flannel configures it): sequentially after the last one given, skipping the network address,
/// the gateway (.1, the bridge) and the broadcast address, and any address still in use; after
/// the end of the range it wraps to the start.
struct PodIPAllocator {
    private let prefix: String
    private var lastReserved: Int
    private var inUse: Set<Int> = []
    private static let first = 2, last = 254

    /// `cidr` is a /24 such as `10.244.1.0/24`.
    init(cidr: String) {
        let network = cidr.split(separator: "/").first.map(String.init) ?? cidr
        prefix = network.split(separator: ".").prefix(3).joined(separator: ".") + "."
        lastReserved = Self.first - 1
    }

    /// The next free address, or nil when all 253 are taken.
    mutating func allocate() -> String? {
        var candidate = lastReserved
        for _ in Self.first...Self.last {
            candidate = candidate >= Self.last ? Self.first : candidate + 1
            if !inUse.contains(candidate) {
                inUse.insert(candidate)
                lastReserved = candidate
                return prefix + String(candidate)
            }
        }
        return nil
    }

    mutating func release(_ ip: String) {
        guard ip.hasPrefix(prefix), let host = Int(ip.dropFirst(prefix.count)) else { return }
        inUse.remove(host)
    }
}
