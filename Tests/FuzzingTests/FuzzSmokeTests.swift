import Testing
import Fuzzing

/// A short run of every target, as CI's smoke: no crash, no hang, no broken promise. The long
/// runs (10⁶ inputs per target) are `kubesim fuzz TARGET --runs 1000000`, figures in README.
@Suite struct FuzzSmokeTests {
    @Test(arguments: FuzzTargets.names)
    func shortRunFindsNothing(target name: String) throws {
        let target = try #require(FuzzTargets.make(name))
        let report = FuzzRunner.run(target, options: FuzzOptions(runs: 1500, seed: 1, slowSeconds: 5))
        #expect(report.inputs == 1500 + target.seeds.count)
        #expect(report.findings.isEmpty, "\(name): \(report.findings.map { "\($0.finding) on \(String(decoding: $0.input.prefix(200), as: UTF8.self).debugDescription)" })")
        #expect(report.behaviours >= 10, "the seeds and mutations reach many kinds of answer: \(report.behaviours)")
    }
}
