import Testing
@testable import Cluster

@Suite struct StringMemoTests {
    /// Equal keys get one shared string (one heap block, not one each), made once.
    @Test func equalKeysShareOneStringMadeOnce() {
        var made = 0
        var memo = StringMemo { key in
            made += 1
            return "Created container: " + key
        }
        let first = memo("nginx-with-a-long-name"), second = memo("nginx-with-a-long-name")
        #expect(first == "Created container: nginx-with-a-long-name")
        #expect(made == 1)
        #expect(first.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
            == second.utf8.withContiguousStorageIfAvailable { $0.baseAddress })
        #expect(memo("web") == "Created container: web")
        #expect(made == 2)
        // Back to the first key: found in the table, not made again, and not the last key's.
        #expect(memo("nginx-with-a-long-name") == first && memo("web") == "Created container: web")
        #expect(made == 2)
    }

    /// A cluster that churns through names does not grow the memo without bound.
    @Test func pastItsLimitTheMemoStartsOver() {
        var memo = StringMemo(limit: 3) { "spec.containers{\($0)}" }
        for i in 0..<10 { #expect(memo("c\(i)") == "spec.containers{c\(i)}") }
        #expect(memo.count <= 3)
        #expect(memo("c9") == "spec.containers{c9}")
    }
}
