import Testing
@testable import Cluster

/// ObjectKey and PrehashedString keep their hash beside their strings (so a table of 100,000
/// pods grows without rehashing every string); the kept hash must always be the one the
/// strings give, whatever was changed, and lookups must behave as with plain strings.
@Suite struct PrehashedKeyTests {
    @Test func anObjectKeyChangedInPlaceIsTheKeyOfItsNewFields() {
        var key = ObjectKey(namespace: "default", name: "web-1")
        let before = ObjectKey(namespace: "default", name: "web-1")
        key.name = "web-2"
        #expect(key == ObjectKey(namespace: "default", name: "web-2"))
        #expect(key != before)
        #expect(key.hashValue == ObjectKey(namespace: "default", name: "web-2").hashValue)
        key.namespace = "kube-system"
        let set: Set<ObjectKey> = [ObjectKey(namespace: "kube-system", name: "web-2")]
        #expect(set.contains(key))
        #expect(!set.contains(before))
    }

    @Test func anObjectsKeyFollowsItsNameAndNamespaceWhereverTheyAreSet() {
        // The metadata keeps the key made when name and namespace were set; a copy that
        // renames must not carry the old key, nor change the original's.
        var pod = Pod(metadata: ObjectMeta(generateName: "web-", namespace: "shop"), spec: PodSpec(containers: [Container(name: "c", image: "nginx")]))
        #expect(pod.key == ObjectKey(namespace: "shop", name: ""))
        let original = pod
        pod.metadata.name = "web-x2x9z"
        #expect(pod.key == ObjectKey(namespace: "shop", name: "web-x2x9z"))
        #expect(pod.key.hashValue == ObjectKey(namespace: "shop", name: "web-x2x9z").hashValue)
        #expect(original.key == ObjectKey(namespace: "shop", name: ""))
        pod.metadata.namespace = "default"
        #expect(Set([pod.key]).contains(ObjectKey(namespace: "default", name: "web-x2x9z")))
        // Cluster-scoped kinds are filed without their namespace, whatever it says.
        var node = Node(metadata: ObjectMeta(name: "node-1"), status: NodeStatus(capacity: ResourceAmounts()))
        node.metadata.namespace = "default"
        #expect(node.key == ObjectKey(namespace: "", name: "node-1"))
        node.metadata.name = "node-2"
        #expect(node.key == ObjectKey(namespace: "", name: "node-2"))
    }

    @Test func keysThatDifferOnlyInWhereTheNamespaceEndsAreDifferent() {
        // Hashing the two strings one after the other must not make "a"+"bc" the same as "ab"+"c".
        let a = ObjectKey(namespace: "a", name: "bc"), b = ObjectKey(namespace: "ab", name: "c")
        #expect(a != b)
        #expect(Set([a, b]).count == 2)
    }

    @Test func tablesKeyedByPrehashedStringsFindEveryEntryAfterGrowing() {
        var table: [PrehashedString: Int] = [:]
        let names = (0..<20_000).map { "pod-\($0)-\(String($0 * 7919, radix: 16))" }
        for (i, name) in names.enumerated() { table[PrehashedString(name)] = i }
        #expect(table.count == names.count)
        #expect(names.indices.allSatisfy { table[PrehashedString(names[$0])] == $0 })
        #expect(table[PrehashedString("pod-20000")] == nil)
        #expect(PrehashedString("x") == PrehashedString("x") && PrehashedString("x") != PrehashedString("y"))
    }

    @Test func theStoreFindsPodsByKeyAndByIndexAcrossThousandsOfCreations() throws {
        let cluster = Cluster(seed: 7)
        let store = cluster.store
        var created: [Pod] = []
        for i in 0..<3_000 {
            let meta = ObjectMeta(name: "p-\(i)", namespace: "default", labels: ["app": i % 2 == 0 ? "even" : "odd"])
            created.append(try store.create(Pod(metadata: meta, spec: PodSpec(containers: [Container(name: "c", image: "nginx")]))))
        }
        #expect(created.allSatisfy { store.get(Pod.self, key: $0.key)?.metadata.uid == $0.metadata.uid })
        #expect(store.list(Pod.self, selector: try SelectorParser.parse("app=even")).count == 1_500)
        #expect(store.podsWithoutController().count == 3_000)
    }

    @Test func aTablesBucketHashMixesTheKeptHashWithTheTablesSeed() {
        // Sets and dictionaries place a key by `_rawHashValue(seed:)`, not `hash(into:)`: the
        // kept hash answers it directly, but each table's seed must still change the order
        // (copying one table's keys into another in its order would otherwise cluster them),
        // and equal keys must land alike in the same table.
        // 4,000 keys: with the process's random hash key, the chance that one of 64 buckets
        // stays empty is ~1e-26 (with 1,000 it was ~1e-5, a rare flake).
        let keys = (0..<4_000).map { ObjectKey(namespace: "default", name: "web-\($0)") }
        let seeded = keys.map { $0._rawHashValue(seed: 1) }
        #expect(Set(seeded).count == keys.count)
        let sameUnderAnotherSeed = zip(keys, seeded).filter { $0._rawHashValue(seed: 2) == $1 }.count
        #expect(sameUnderAnotherSeed == 0)
        #expect(keys.allSatisfy { ObjectKey(namespace: $0.namespace, name: $0.name)._rawHashValue(seed: 1) == $0._rawHashValue(seed: 1) })
        // The low bits pick the bucket: a 64-bucket table's buckets all fill.
        #expect(Set(seeded.map { $0 & 63 }).count == 64)
        let strings = keys.map { PrehashedString($0.name) }
        #expect(Set(strings.map { $0._rawHashValue(seed: 7) & 63 }).count == 64)
        #expect(Set(strings).count == keys.count && Set(keys).count == keys.count)
    }
}
