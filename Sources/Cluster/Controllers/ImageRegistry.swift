/// The registry every node pulls from, and what each image's application does when it runs.
/// An image is one set of layers, so it has one size wherever and however often it is pulled:
/// the size is derived from the image reference and the run's seed, never drawn afresh per pull.
final class ImageRegistry {
    private let seed: UInt64
    /// Images `sim image` has configured, by reference.
    private(set) var behaviors: [String: ImageBehavior] = [:]

    init(seed: UInt64) { self.seed = seed }

    /// Bytes of the image `reference` (`nginx:1.27`), between 6 MB and 96 MB unless configured.
    func size(of reference: String) -> Int {
        if let size = behaviors[reference]?.sizeBytes { return size }
        // The reference's stable hash, mixed with the seed: the same for every node.
        var mixer = SeededRandom(seed: StableHash.fnv1a(reference) ^ seed)
        return 6_000_000 + Int(mixer.next() % 90_000_001)
    }

    func behavior(of reference: String) -> ImageBehavior { behaviors[reference] ?? ImageBehavior() }

    /// Replaces the image's behaviour; the default behaviour forgets the image.
    func configure(_ reference: String, _ behavior: ImageBehavior) {
        behaviors[reference] = behavior.isDefault ? nil : behavior
    }
}

/// What one node's container runtime holds: the images it has pulled.
struct ImageStore {
    private var present: Set<String> = []

    func contains(_ reference: String) -> Bool { present.contains(reference) }
    mutating func add(_ reference: String) { present.insert(reference) }
}
