import PropertyBased
import Testing
@testable import Cluster

/// Quantities and durations as kubesim prints them read back to the same amount, and no text at
/// all makes either parser trap.
@Suite struct QuantityAndDurationPropertyTests {
    static let anyText = Gen.element(of: Array("0123456789.-+eEmkKMGTPiu smhµn%")).array(of: 0...24).map { String($0.compactMap { $0 }) }

    @Test func cpuPrintsAndParsesBack() async {
        await propertyCheck(count: 1000, input: Gen.int64(in: 0...1_000_000_000_000)) { millis in
            #expect(Quantity.parseCPU(Quantity.formatCPU(millis)) == millis)
        }
    }

    @Test func memoryPrintsAndParsesBack() async {
        await propertyCheck(count: 1000, input: Gen.int64(in: 0...(1 << 50)), Gen.int(in: 0...40)) { bytes, shift in
            // Round numbers too, so every binary suffix is printed.
            let amount = shift < 20 ? bytes : (bytes >> (shift - 20)) << (shift - 20)
            #expect(Quantity.parseMemory(Quantity.formatMemory(amount)) == amount)
        }
    }

    @Test func durationsPrintAndParseBack() async {
        await propertyCheck(count: 1000, input: Gen.int64(in: -1_000_000_000_000...1_000_000_000_000)) { ms in
            let d = SimDuration(milliseconds: ms)
            #expect(GoDuration.parse(GoDuration.format(d)) == d, "\(GoDuration.format(d))")
        }
    }

    @Test func noTextMakesTheParsersTrap() async {
        await propertyCheck(count: 1000, input: Self.anyText) { text in
            _ = Quantity.parseCPU(text)
            _ = Quantity.parseMemory(text)
            _ = Quantity.parse(text, scale: 0)
            if let d = GoDuration.parse(text) { #expect(GoDuration.parse(GoDuration.format(d)) == d) }
        }
    }
}
