import PropertyBased
import Testing
@testable import Cluster

/// The list a work queue takes its keys from: whatever the mix of appends and takes (and the
/// compactions they cause), it hands elements back in the order they came, as an array would.
@Suite struct FirstInFirstOutPropertyTests {
    @Test func takesInTheOrderAppended() async {
        // true: append the next number; false: take one. Long runs cross the compaction point.
        await propertyCheck(count: 200, input: Gen.bool.array(of: 0...600)) { operations in
            var list = FirstInFirstOut<Int>(), model: [Int] = []
            var next = 0
            for append in operations {
                if append {
                    list.append(next)
                    model.append(next)
                    next += 1
                } else {
                    #expect(list.popFirst() == (model.isEmpty ? nil : model.removeFirst()))
                }
                #expect(list.count == model.count)
                #expect(list.isEmpty == model.isEmpty)
            }
            while let first = list.popFirst() { #expect(first == model.removeFirst()) }
            #expect(model.isEmpty)
        }
    }
}
