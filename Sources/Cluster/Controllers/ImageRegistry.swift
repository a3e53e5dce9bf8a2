/// The registry every node pulls from. An image is one set of layers, so it has one size
/// wherever and however often it is pulled: the size is derived from the image reference and
/// the run's seed, never drawn afresh per pull.
final class ImageRegistry {
    private let seed: UInt64

    init(seed: UInt64) { self.seed = seed }

    /// Bytes of the image `reference` (`nginx:1.27`), between 6 MB and 96 MB.
    func size(of reference: String) -> Int {
        // The reference's stable hash, mixed with the seed: the same for every node.
        var mixer = SeededRandom(seed: StableHash.fnv1a(reference) ^ seed)
        return 6_000_000 + Int(mixer.next() % 90_000_001)
    }
}

/// What one node's container runtime holds: the images it has pulled.
struct ImageStore {
    private var present: Set<String> = []

    func contains(_ reference: String) -> Bool { present.contains(reference) }
    mutating func add(_ reference: String) { present.insert(reference) }
}
