/// Resource quantities as Kubernetes writes them: CPU in millicores (`100m`, `2`), memory in
/// bytes (`128Mi`, `8Gi`, `1G`).
public enum Quantity {
    public static func parseCPU(_ text: String) -> Int64? {
        if text.hasSuffix("m") { return Int64(text.dropLast()).flatMap { $0 >= 0 ? $0 : nil } }
        guard let cores = Double(text), cores >= 0, cores.isFinite else { return nil }
        return Int64((cores * 1000).rounded(.up))
    }

    private static let memorySuffixes: [(String, Int64)] = [
        ("Ki", 1 << 10), ("Mi", 1 << 20), ("Gi", 1 << 30), ("Ti", 1 << 40),
        ("k", 1000), ("M", 1_000_000), ("G", 1_000_000_000), ("T", 1_000_000_000_000),
    ]

    public static func parseMemory(_ text: String) -> Int64? {
        for (suffix, factor) in memorySuffixes where text.hasSuffix(suffix) {
            guard let n = Double(text.dropLast(suffix.count)), n >= 0 else { return nil }
            return Int64(n * Double(factor))
        }
        return Int64(text).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// `2`, `500m`: the canonical form Kubernetes prints.
    public static func formatCPU(_ millis: Int64) -> String {
        millis % 1000 == 0 ? "\(millis / 1000)" : "\(millis)m"
    }

    /// `8Gi`, `128Mi`, `1500k`: the largest binary suffix that divides evenly.
    public static func formatMemory(_ bytes: Int64) -> String {
        if bytes == 0 { return "0" }
        for (suffix, factor) in memorySuffixes.prefix(4).reversed() where bytes % factor == 0 {
            return "\(bytes / factor)\(suffix)"
        }
        return "\(bytes)"
    }
}

/// CPU, memory and pod-count amounts, as in requests, capacity and allocatable.
public struct ResourceAmounts: Equatable, Sendable {
    public var cpuMillis: Int64
    public var memoryBytes: Int64
    public var pods: Int64

    public init(cpuMillis: Int64 = 0, memoryBytes: Int64 = 0, pods: Int64 = 0) {
        self.cpuMillis = cpuMillis
        self.memoryBytes = memoryBytes
        self.pods = pods
    }

    public static func + (a: ResourceAmounts, b: ResourceAmounts) -> ResourceAmounts {
        ResourceAmounts(cpuMillis: a.cpuMillis + b.cpuMillis, memoryBytes: a.memoryBytes + b.memoryBytes, pods: a.pods + b.pods)
    }

    public static func - (a: ResourceAmounts, b: ResourceAmounts) -> ResourceAmounts {
        ResourceAmounts(cpuMillis: a.cpuMillis - b.cpuMillis, memoryBytes: a.memoryBytes - b.memoryBytes, pods: a.pods - b.pods)
    }
}
