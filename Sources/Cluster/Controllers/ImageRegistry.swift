/// The registry every node pulls from. An image is one set of layers, so it has one size
/// wherever and however often it is pulled: the size is derived from the image reference and
/// the run's seed, never drawn afresh per pull.
final class ImageRegistry {
    private let seed: UInt64

    init(seed: UInt64) { self.seed = seed }

    /// Bytes of the image `reference` (`nginx:1.27`), between 6 MB and 96 MB.
    func size(of reference: String) -> Int {
        // FNV-1a over the reference, mixed with the seed by one SplitMix64 step: stable across
        // processes (Swift's Hasher is not) and the same for every node.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in reference.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        var mixer = SeededRandom(seed: hash ^ seed)
        return 6_000_000 + Int(mixer.next() % 90_000_001)
    }
}

/// What one node's container runtime holds: the images it has pulled.
struct ImageStore {
    private var present: Set<String> = []

    func contains(_ reference: String) -> Bool { present.contains(reference) }
    mutating func add(_ reference: String) { present.insert(reference) }
}
