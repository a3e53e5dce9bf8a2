import Testing
@testable import Cluster

/// The store's fast name sort gives exactly Swift's (and the API server's) order: names that
/// share their first 8 bytes or more, names shorter than 8 bytes, prefixes of one another.
@Suite struct KeyOrderTests {
    @Test func sortsAsStringsSort() {
        let random = RandomSource(seed: 3)
        let stems = ["", "a", "web", "web-1", "web-12-0", "hello-kiamol-2-7d9f8b6c4", "node-"]
        for round in 0..<200 {
            var names: Set<String> = []
            for _ in 0..<random.int(in: 0...300) {
                let stem = stems[random.int(in: 0...(stems.count - 1))]
                let tail = String(random.next() % 100_000, radix: 36)
                names.insert(String((stem + tail).prefix(random.int(in: 1...40))))
            }
            let shuffled = Array(names).sorted().shuffled(using: &random.generator)
            #expect(KeyOrder.sorted(shuffled) == names.sorted(), "round \(round)")
        }
    }

    /// Keys order by namespace, then name, whichever namespace is a prefix of another.
    @Test func sortsKeysAsKeysSort() {
        let random = RandomSource(seed: 5)
        let namespaces = ["", "a", "ab", "default", "default-2", "kube-system"]
        for round in 0..<100 {
            var keys: Set<ObjectKey> = []
            for _ in 0..<random.int(in: 0...200) {
                let name = String(random.next() % 100_000, radix: 36)
                keys.insert(ObjectKey(namespace: namespaces[random.int(in: 0...(namespaces.count - 1))], name: name))
            }
            let shuffled = Array(keys).sorted().shuffled(using: &random.generator)
            #expect(KeyOrder.sorted(shuffled).map { shuffled[$0] } == keys.sorted(), "round \(round)")
        }
    }
}
