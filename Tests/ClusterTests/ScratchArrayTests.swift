import Testing
@testable import Cluster

/// `Array.overwrite`: the scheduler's per-pod scratch arrays are refilled in their own buffer.
struct ScratchArrayTests {
    @Test func anOverwriteTakesTheCountAndTheWrittenValues() {
        var values: [Int64] = [9, 9, 9]
        values.overwrite(count: 5, filler: 0) { for i in $0.indices { $0[i] = Int64(i) } }
        #expect(values == [0, 1, 2, 3, 4])
        values.overwrite(count: 2, filler: 0) { $0[0] = 7; $0[1] = 8 }
        #expect(values == [7, 8])
        values.overwrite(count: 0, filler: 0) { _ in }
        #expect(values.isEmpty)
    }

    @Test func aRefillWithinTheCapacityKeepsTheBuffer() {
        var values = [Int](repeating: 1, count: 400)
        let buffer = values.withUnsafeBufferPointer { $0.baseAddress }
        values.overwrite(count: 300, filler: 0) { $0.update(repeating: 2) }
        values.overwrite(count: 400, filler: 0) { $0.update(repeating: 3) }
        #expect(values == Array(repeating: 3, count: 400))
        #expect(values.withUnsafeBufferPointer { $0.baseAddress } == buffer)
    }
}
