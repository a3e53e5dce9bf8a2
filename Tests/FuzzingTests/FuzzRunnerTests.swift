import Testing
@testable import Fuzzing

/// A target whose promise breaks on one byte, to check the runner finds, groups and keeps it.
private final class BreaksOnByteTarget: FuzzTarget {
    let name = "breaks-on-byte"
    let summary = "refuses inputs holding a zero byte"
    var seeds: [[UInt8]] { [Array("kubectl get pods".utf8)] }
    var dictionary: [[UInt8]] { [] }
    private(set) var fed: [[UInt8]] = []

    func run(_ input: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour {
        fed.append(input)
        if input.contains(0) { throw FuzzFinding("a zero byte at \(input.firstIndex(of: 0)!)") }
        return FuzzBehaviour("answered \(input.count) bytes")
    }
}

@Suite struct FuzzRunnerTests {
    @Test func findsAndGroupsABrokenPromiseAndKeepsTheInput() {
        let target = BreaksOnByteTarget()
        let report = FuzzRunner.run(target, options: FuzzOptions(runs: 3000, seed: 5))
        #expect(report.inputs == 3001)
        #expect(report.findings.count == 1, "one promise, grouped whatever the position: \(report.findings.map(\.finding))")
        let found = try! #require(report.findings.first)
        #expect(found.input.contains(0))
        #expect(found.count > 1)
    }

    @Test func theSameSeedFeedsTheSameInputs() {
        let first = BreaksOnByteTarget(), second = BreaksOnByteTarget(), other = BreaksOnByteTarget()
        _ = FuzzRunner.run(first, options: FuzzOptions(runs: 500, seed: 9))
        _ = FuzzRunner.run(second, options: FuzzOptions(runs: 500, seed: 9))
        _ = FuzzRunner.run(other, options: FuzzOptions(runs: 500, seed: 10))
        #expect(first.fed == second.fed)
        #expect(first.fed != other.fed)
    }

    @Test func inputsStayWithinTheLengthLimit() {
        let target = BreaksOnByteTarget()
        let report = FuzzRunner.run(target, options: FuzzOptions(runs: 2000, seed: 3, maxLength: 300))
        #expect(report.longestInput <= 300)
        #expect(target.fed.contains { $0.count > 100 }, "repeats grow inputs toward the limit")
    }

    @Test func behavioursFoldParticulars() {
        #expect(FuzzBehaviour("error: unknown flag: --replicas").signature == FuzzBehaviour("error: unknown flag: --x=1").signature)
        #expect(FuzzBehaviour(#"Error from server (NotFound): pods "web-1" not found"#).signature
            == FuzzBehaviour(#"Error from server (NotFound): pods "a b c" not found"#).signature)
        #expect(FuzzBehaviour("error: unknown flag: --x").signature != FuzzBehaviour("error: unknown command").signature)
    }
}
