import Testing
@testable import Commands

/// The writer lists and watches write JSON with: whatever is appended, however it outgrows its
/// buffer, comes back in order, as the same appends to an array give.
@Suite struct ByteWriterTests {
    @Test func appendsReadBackAsAnArrayWouldHoldThem() {
        var writer = ByteWriter(capacity: 1)
        var array: [UInt8] = []
        let run = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
        for round in 0..<200 {
            writer.append(UInt8(round % 256))
            array.append(UInt8(round % 256))
            // Runs longer than the whole buffer, empty runs, literals.
            let slice = Array(run.prefix(round % (run.count + 1)))
            writer.append(contentsOf: slice)
            array.append(contentsOf: slice)
            writer.append(literal: #""key":"#)
            array.append(literal: #""key":"#)
        }
        #expect(writer.count == array.count)
        #expect(writer.withBytes { Array($0) } == array)
        var tail: [UInt8] = [7]
        writer.copyBytes(from: array.count - 6, to: &tail)
        #expect(tail == [7] + array.suffix(6))
        writer.removeAll()
        #expect(writer.count == 0)
        writer.append(contentsOf: [1, 2, 3])
        #expect(writer.withBytes { Array($0) } == [1, 2, 3])
    }
}
