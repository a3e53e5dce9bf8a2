/// The v1 Endpoints object holds at most 1000 addresses (pkg/controller/endpoint
/// truncateEndpoints): beyond that the controller keeps ready addresses first, shares the cut
/// between subsets in proportion to their size, and marks the object `over-capacity: truncated`.
enum EndpointsCapacity {
    static let maxAddresses = 1000
    static let overCapacityAnnotation = "endpoints.kubernetes.io/over-capacity"

    /// Cuts `subsets` to the capacity; returns whether it had to.
    static func truncate(_ subsets: inout [EndpointSubset]) -> Bool {
        let ready = subsets.reduce(0) { $0 + $1.addresses.count }
        let notReady = subsets.reduce(0) { $0 + $1.notReadyAddresses.count }
        guard ready + notReady > maxAddresses else { return false }
        // Too many ready addresses: cut those and drop every not-ready one; else cut only not-ready ones.
        let cutReady = ready > maxAddresses
        let budget = cutReady ? maxAddresses : maxAddresses - ready
        let total = cutReady ? ready : notReady
        var left = budget
        for i in subsets.indices {
            let size = cutReady ? subsets[i].addresses.count : subsets[i].notReadyAddresses.count
            var keep: Int
            if i == subsets.count - 1 {
                keep = left
            } else {
                // Go's math.Round: halves away from zero.
                keep = Int((Double(size) / Double(total) * Double(budget)).rounded(.toNearestOrAwayFromZero))
                left -= keep
            }
            keep = max(0, keep)
            if cutReady {
                subsets[i].addresses = Array(subsets[i].addresses.prefix(keep))
                subsets[i].notReadyAddresses = []
            } else {
                subsets[i].notReadyAddresses = Array(subsets[i].notReadyAddresses.prefix(keep))
            }
        }
        return true
    }
}
