import PropertyBased
import Testing
@testable import Cluster

/// Reading a label or annotation by comparing keys must find what the dictionary's own lookup
/// finds, for maps scanned (a handful of entries) and maps hashed alike.
@Suite struct SmallMapLookupPropertyTests {
    /// Keys from a small alphabet so that lookups often hit; some long enough to live on the heap.
    static let key = Gen.int(in: 0...11).map { n -> String in
        ["app", "tier", "pod-template-hash", "deployment.kubernetes.io/revision", "a", "", "é", "e\u{301}",
         "deployment.kubernetes.io/desired-replicas", "x", "app ", "APP"][n]
    }

    @Test func scanningFindsWhatHashingFinds() async {
        await propertyCheck(count: 300, input: zip(zip(Self.key, Gen.int(in: 0...99)).array(of: 0...14), Self.key)) { entries, wanted in
            var map: [String: String] = [:]
            for (key, value) in entries { map[key] = String(value) }
            #expect(map.valueScanning(forKey: wanted) == map[wanted])
        }
    }

    @Test func canonicallyEquivalentKeysAreOneKey() {
        // Swift compares strings by canonical equivalence, and so does the dictionary: the
        // scan must too, or a label written in one form would be missed in the other.
        let map = ["caf\u{E9}": "composed"]
        #expect(map.valueScanning(forKey: "cafe\u{301}") == "composed")
        #expect(map.valueScanning(forKey: "cafe") == nil)
    }
}
