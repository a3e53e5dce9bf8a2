import Cluster
import Foundation

/// How a fuzz run is set up.
public struct FuzzOptions: Sendable {
    public var runs: Int
    public var seed: UInt64
    /// The longest input generated (seeds may be longer; a mutation of one is cut to this).
    public var maxLength: Int
    /// An input answered more slowly than this is reported as a finding (a near-hang).
    public var slowSeconds: Double

    public init(runs: Int, seed: UInt64 = 1, maxLength: Int = 64 * 1024, slowSeconds: Double = 1) {
        self.runs = runs
        self.seed = seed
        self.maxLength = maxLength
        self.slowSeconds = slowSeconds
    }
}

/// What a fuzz run did and found.
public struct FuzzReport: Sendable {
    public struct Found: Sendable {
        public var finding: FuzzFinding
        public var input: [UInt8]
        /// How many inputs broke the same promise (findings are grouped by their generalised text).
        public var count: Int
    }

    public var target: String
    public var inputs = 0
    public var seconds = 0.0
    public var findings: [Found] = []
    public var slowestSeconds = 0.0
    /// Kinds of answer seen (see FuzzBehaviour), and how many inputs the corpus grew to.
    public var behaviours = 0
    public var corpus = 0
    public var longestInput = 0
    /// Resident memory a quarter of the way in, and at the end.
    public var memoryQuarterMiB = 0.0
    public var memoryEndMiB = 0.0

    public var findingCount: Int { findings.reduce(0) { $0 + $1.count } }
    public var inputsPerSecond: Double { seconds > 0 ? Double(inputs) / seconds : 0 }
}

/// Feeds a target its seeds and then `runs` mutated inputs, keeping each input that reaches a
/// kind of answer not seen before as a new starting point (guidance by behaviour: kubesim is
/// not built with coverage instrumentation, and the kinds of error text a grammar has track its
/// branches well). The same seed feeds the same inputs.
public enum FuzzRunner {
    static let corpusLimit = 10_000
    /// The corpus's bytes are bounded too, so that the fuzzer's own memory stays flat and what
    /// a run measures is the target's.
    static let corpusByteLimit = 32 << 20

    public static func run(_ target: any FuzzTarget, options: FuzzOptions, memoryMiB: () -> Double = { 0 },
                           watchdog: FuzzWatchdog? = nil, newBehaviour: ((FuzzBehaviour) -> Void)? = nil,
                           progress: ((FuzzReport) -> Void)? = nil) -> FuzzReport {
        var report = FuzzReport(target: target.name)
        var mutator = FuzzMutator(seed: options.seed, dictionary: target.dictionary, maxLength: options.maxLength)
        var corpus = target.seeds.isEmpty ? [[UInt8]()] : target.seeds
        var corpusBytes = corpus.reduce(0) { $0 + $1.count }
        // Kinds of answer by a 64-bit hash of their signature, not the text: `line` meets some
        // 150,000 kinds in 10⁶ inputs, and the run's memory should be the target's.
        var seen = Set<UInt64>()
        var findingIndex: [String: Int] = [:]
        let started = Date()

        func feed(_ input: [UInt8]) -> Bool {
            let saved = target.replayForm(of: input)
            FuzzCrashRecorder.hold(saved)
            watchdog?.started()
            let before = processCPUSeconds()
            let result: Result<FuzzBehaviour, FuzzFinding>
            do throws(FuzzFinding) { result = .success(try target.run(input)) } catch { result = .failure(error) }
            let seconds = processCPUSeconds() - before
            watchdog?.finished()
            report.inputs += 1
            report.longestInput = max(report.longestInput, input.count)
            report.slowestSeconds = max(report.slowestSeconds, seconds)
            var found: FuzzFinding?
            switch result {
            case .failure(let finding): found = finding
            case .success where seconds > options.slowSeconds:
                found = FuzzFinding("took \(String(format: "%.1f", seconds)) s of CPU, over the \(options.slowSeconds) s limit")
            case .success: break
            }
            if let found {
                let key = FuzzBehaviour(found.problem).signature
                if let index = findingIndex[key] {
                    report.findings[index].count += 1
                } else {
                    findingIndex[key] = report.findings.count
                    report.findings.append(.init(finding: found, input: saved, count: 1))
                }
            }
            guard case .success(let behaviour) = result, seen.insert(StableHash.fnv1a(behaviour.signature)).inserted else { return false }
            newBehaviour?(behaviour)
            return true
        }

        for seed in corpus { _ = feed(seed) }
        for run in 0..<options.runs {
            let parent = corpus[mutator.below(corpus.count)], other = corpus[mutator.below(corpus.count)]
            let input = mutator.mutate(parent, other: other)
            if feed(input) {
                if corpus.count < corpusLimit && corpusBytes + input.count <= corpusByteLimit {
                    corpus.append(input)
                } else {
                    let replaced = mutator.below(corpus.count)
                    corpusBytes -= corpus[replaced].count
                    corpus[replaced] = input
                }
                corpusBytes += input.count
            }
            if run == options.runs / 4 { report.memoryQuarterMiB = memoryMiB() }
            if run % 10_000 == 9_999, let progress {
                report.seconds = Date().timeIntervalSince(started)
                report.behaviours = seen.count
                report.corpus = corpus.count
                progress(report)
            }
        }
        report.seconds = Date().timeIntervalSince(started)
        report.behaviours = seen.count
        report.corpus = corpus.count
        report.memoryEndMiB = memoryMiB()
        return report
    }

    /// CPU time of the process (the server threads of an HTTP target included): what an input
    /// costs, whatever else the machine is running (a wall clock on a loaded machine reports
    /// preemptions as slow inputs). An input blocked without using CPU is the watchdog's to catch.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
