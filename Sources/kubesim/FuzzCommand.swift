import ArgumentParser
import Foundation
import Fuzzing

/// `kubesim fuzz TARGET`: feeds one input surface seeded, mutated inputs and reports crashes,
/// hangs and broken promises, saving each offending input to a file for `--input`.
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract: "Feed one of kubesim's parsers mutated inputs and report what breaks.",
        discussion: """
        Each target is an input surface reached the way users reach it: \(FuzzTargets.names.joined(separator: ", ")) \
        (see --list). Inputs grow from valid seeds by byte mutations, dictionary words, boundary numbers and \
        repeated chunks; one that gets a new kind of answer becomes a seed itself. Every answer must be \
        kubectl's or the API server's error or a success, and a refused input must leave the cluster as it \
        was. A crash or an input running longer than --hang saves the input (TARGET-crash or TARGET-hang in \
        --out) and ends the run; other findings are saved as TARGET-finding-N. Exits 1 on any finding. \
        The same --seed feeds the same inputs.
        """
    )

    @Argument(help: "What to fuzz (see --list).")
    var target: String?

    @Flag(help: "List the targets and exit.")
    var list = false

    @Option(help: "How many mutated inputs to feed (after the seeds).")
    var runs = 100_000

    @Option(help: "Seed of the mutations.")
    var seed: UInt64 = 1

    @Option(help: "Longest input to generate, in bytes.")
    var maxLength = 64 * 1024

    @Option(help: "An input costing more than this many seconds of CPU is a finding.")
    var slow = 1.0

    @Option(help: "An input still running after this many seconds is saved as a hang and ends the run.")
    var hang = 30.0

    @Option(help: "Folder for the inputs that crash, hang or break a promise.")
    var out = "."

    @Flag(help: "Print each new kind of answer as it is found (what the run explores).")
    var printBehaviours = false

    @Option(help: "Feed only the input in FILE (a saved finding) and print the answer.")
    var input: String?

    func validate() throws {
        if list { return }
        guard let target else { throw ValidationError("missing TARGET: one of \(FuzzTargets.names.joined(separator: ", "))") }
        guard FuzzTargets.names.contains(target) else {
            throw ValidationError("unknown target \"\(target)\": use one of \(FuzzTargets.names.joined(separator: ", "))")
        }
        guard runs >= 0, runs <= 1_000_000_000 else { throw ValidationError("--runs must be between 0 and 1000000000") }
        guard maxLength > 0, maxLength <= 16 * 1024 * 1024 else { throw ValidationError("--max-length must be between 1 and 16777216 bytes") }
        guard slow > 0, hang > 0, slow.isFinite, hang.isFinite else { throw ValidationError("--slow and --hang must be positive numbers of seconds") }
    }

    func run() throws {
        if list {
            for name in FuzzTargets.names { print("\(name.padding(toLength: 16, withPad: " ", startingAt: 0))\(FuzzTargets.make(name)!.summary)") }
            return
        }
        let fuzzTarget = FuzzTargets.make(target!)!
        if let input { return try replay(fuzzTarget, file: input) }
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func file(_ suffix: String) -> String { folder.appendingPathComponent("\(fuzzTarget.name)-\(suffix)").path }
        FuzzCrashRecorder.install(path: file("crash"), capacity: max(maxLength, fuzzTarget.seeds.map(\.count).max() ?? 0, fuzzTarget.replayRoom))
        let watchdog = FuzzWatchdog(limit: hang, hangPath: file("hang"))
        print("fuzz \(fuzzTarget.name): seed \(seed), \(runs) inputs of at most \(maxLength) bytes after \(fuzzTarget.seeds.count) seeds")
        fflush(nil)
        let options = FuzzOptions(runs: runs, seed: seed, maxLength: maxLength, slowSeconds: slow)
        let report = FuzzRunner.run(fuzzTarget, options: options, memoryMiB: ProcessUsage.currentMiB, watchdog: watchdog,
                                     newBehaviour: printBehaviours ? { print("  new: \($0.signature)") } : nil) { progress in
            print(String(format: "  %d inputs, %.0f/s, %d kinds of answer, %d findings", progress.inputs, progress.inputsPerSecond,
                         progress.behaviours, progress.findingCount))
            fflush(nil)
        }
        print(String(format: "%@: %d inputs in %.1f s (%.0f/s), 0 crashes, 0 hangs, %d findings", report.target, report.inputs,
                     report.seconds, report.inputsPerSecond, report.findingCount))
        print(String(format: "  %d kinds of answer, corpus %d, longest input %d bytes, slowest %.0f ms of CPU, memory %.0f MiB a quarter in, %.0f MiB at the end",
                     report.behaviours, report.corpus, report.longestInput, report.slowestSeconds * 1000,
                     report.memoryQuarterMiB, report.memoryEndMiB))
        for (index, found) in report.findings.enumerated() {
            let path = file("finding-\(index + 1)")
            FileManager.default.createFile(atPath: path, contents: Data(found.input))
            print("finding \(index + 1) (\(found.count) inputs): \(found.finding.problem) — input in \(path)")
        }
        if !report.findings.isEmpty { throw ExitCode(1) }
    }

    private func replay(_ fuzzTarget: any FuzzTarget, file: String) throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read --input \(file)") }
        do throws(FuzzFinding) {
            let behaviour = try fuzzTarget.replay(Array(data))
            print("answered: \(behaviour.signature)")
        } catch {
            print("finding: \(error.problem)")
            throw ExitCode(1)
        }
    }
}
