import Testing
@testable import Cluster

/// Plain numbers as keys, for the tests: they hash as usual.
extension Int: ShardingKey {}

/// ShardedDictionary and ShardedSet split into shards once they pass `Sharding.splitCount`
/// entries; before and after the split they must hold exactly what a plain dictionary or set
/// given the same writes holds, and count it right.
@Suite struct ShardedTableTests {
    /// A seeded mix of inserts, overwrites and removals over more keys than one shard holds.
    static func writes(_ count: Int) -> [(key: String, value: Int?)] {
        var random = SeededRandom(seed: 7)
        return (0..<count).map { i in
            let key = "pod-\(random.next() % UInt64(count))"
            return (key, random.next() % 5 == 0 ? nil : i)
        }
    }

    @Test func aShardedDictionaryHoldsWhatADictionaryHolds() {
        var sharded = ShardedDictionary<String, Int>()
        var plain: [String: Int] = [:]
        for (step, write) in Self.writes(4 * Sharding.splitCount).enumerated() {
            sharded[write.key] = write.value
            plain[write.key] = write.value
            if step % 997 == 0 { #expect(sharded.count == plain.count) }
        }
        #expect(plain.count > Sharding.splitCount) // the split happened
        #expect(sharded.count == plain.count)
        #expect(Dictionary(uniqueKeysWithValues: sharded.map { ($0.key, $0.value) }) == plain)
        #expect(Set(sharded.keys) == Set(plain.keys))
        for key in plain.keys.sorted().prefix(500) {
            #expect(sharded[key] == plain[key])
            #expect(sharded.removeValue(forKey: key) == plain.removeValue(forKey: key))
        }
        #expect(sharded.count == plain.count)
        #expect(sharded["absent"] == nil)
    }

    @Test func valuesChangedInPlaceAreCountedOnce() {
        var sharded = ShardedDictionary<String, Set<Int>>()
        for i in 0..<10_000 { sharded.modify("owner-\(i % 5_000)", default: []) { $0.insert(i) } }
        #expect(5_000 > Sharding.splitCount)
        #expect(sharded.count == 5_000)
        #expect(sharded["owner-7"] == [7, 5_007])
        sharded["owner-7"]?.remove(7)
        #expect(sharded["owner-7"] == [5_007])
        sharded["owner-7"] = nil
        #expect(sharded.count == 4_999)
        sharded.removeAll()
        #expect(sharded.isEmpty && sharded["owner-8"] == nil)
    }

    @Test func aShardedSetHoldsWhatASetHolds() {
        var sharded = ShardedSet<ObjectKey>()
        var plain = Set<ObjectKey>()
        for write in Self.writes(4 * Sharding.splitCount) {
            let key = ObjectKey(namespace: "default", name: write.key)
            if write.value == nil {
                #expect(sharded.remove(key) == plain.remove(key))
            } else {
                #expect(sharded.insert(key).inserted == plain.insert(key).inserted)
            }
        }
        #expect(plain.count > Sharding.splitCount)
        #expect(sharded.count == plain.count)
        #expect(Set(sharded) == plain)
        #expect(plain.allSatisfy { sharded.contains($0) })
        #expect(!sharded.contains(ObjectKey(namespace: "other", name: "pod-1")))
    }

    /// An empty set holds no shard until its first insertion (an index miss makes one); it
    /// answers as any empty set, and so does one emptied by removeAll.
    @Test func anEmptyShardedSetAnswersBeforeItsFirstInsertion() {
        var set = ShardedSet<ObjectKey>()
        let key = ObjectKey(namespace: "default", name: "web-7d9c8b5f6-x2x9k")
        #expect(!set.contains(key) && set.remove(key) == nil && Array(set).isEmpty && set.isEmpty)
        let literal: ShardedSet<ObjectKey> = []
        #expect(literal.isEmpty && !literal.contains(key))
        #expect(set.insert(key).inserted && set.contains(key) && set.count == 1)
        set.removeAll()
        #expect(!set.contains(key) && set.remove(key) == nil && Array(set).isEmpty)
        #expect(set.insert(key).inserted && Array(set) == [key])
    }

    @Test func anIteratorKeepsTheMembersItBeganWith() {
        var sharded = ShardedSet<Int>()
        for i in 0..<(Sharding.splitCount + 100) { sharded.insert(i) }
        var iterator = sharded.makeIterator()
        for i in 0..<1_000 { sharded.remove(i) }
        sharded.insert(-1)
        var seen = Set<Int>()
        while let element = iterator.next() { seen.insert(element) }
        #expect(seen == Set(0..<(Sharding.splitCount + 100)))
        #expect(sharded.count == Sharding.splitCount + 100 - 1_000 + 1)
    }
}
