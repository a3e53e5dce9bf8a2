/// Finds a short plan that still breaks the same invariant: cut the plan after the step where
/// it broke, then remove actions by delta debugging (halves, quarters, … down to single
/// actions), then the waits that turn out not to matter. Every candidate is replayed from
/// scratch (same seed, same cluster), and the number of replays is bounded.
public enum ChaosShrinker {
    public struct Result: Sendable {
        public let plan: ChaosPlan
        public let outcome: ChaosOutcome
        public let replays: Int
    }

    public static func shrink(_ plan: ChaosPlan, breaking invariant: String, maxReplays: Int = 300,
                              replay: (ChaosPlan) -> ChaosOutcome) -> Result? {
        var replays = 0
        var best: (plan: ChaosPlan, outcome: ChaosOutcome)?
        func breaks(_ candidate: ChaosPlan) -> Bool {
            guard replays < maxReplays else { return false }
            replays += 1
            let outcome = replay(candidate)
            guard outcome.violations.contains(where: { $0.invariant == invariant }) else { return false }
            best = (candidate, outcome)
            return true
        }
        guard breaks(plan), let first = best?.outcome.firstViolationStep else { return nil }
        var steps = Array(plan.steps.prefix(first + 1))
        if !breaks(ChaosPlan(steps: steps)) { steps = plan.steps }

        // Delta debugging over the actions; the waits and checks stay put meanwhile.
        var actions = steps.indices.filter { if case .act = steps[$0] { true } else { false } }
        func without(_ removed: Set<Int>) -> [ChaosPlan.Step] { steps.indices.filter { !removed.contains($0) }.map { steps[$0] } }
        var parts = 2
        while !actions.isEmpty {
            let size = (actions.count + parts - 1) / parts
            var reduced = false
            for start in stride(from: 0, to: actions.count, by: size) {
                let chunk = Set(actions[start..<min(start + size, actions.count)])
                let candidate = without(chunk)
                if breaks(ChaosPlan(steps: candidate)) {
                    steps = candidate
                    actions = steps.indices.filter { if case .act = steps[$0] { true } else { false } }
                    parts = max(parts - 1, 2)
                    reduced = true
                    break
                }
            }
            if !reduced {
                if size == 1 { break }
                parts = min(actions.count, parts * 2)
            }
        }
        // Then each wait or check that is not the last check.
        var index = steps.count - 2
        while index >= 0 {
            switch steps[index] {
            case .wait, .quiet:
                var candidate = steps
                candidate.remove(at: index)
                if breaks(ChaosPlan(steps: candidate)) { steps = candidate }
            default: break
            }
            index -= 1
        }
        guard let best else { return nil }
        return Result(plan: best.plan, outcome: best.outcome, replays: replays)
    }
}
