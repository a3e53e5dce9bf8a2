import PropertyBased
import Testing
@testable import Cluster

/// A work queue's keys added with its own delay are synced from a list the queue keeps, their
/// timers calling the queue; other waits get a timer of their own. Either way every sync must
/// happen when, and in the order, one timer per key would make it happen: the model below.
@Suite struct WorkQueueOrderPropertyTests {
    /// What a test does at one instant: add a key (after the queue's delay, or another wait),
    /// schedule an unrelated timer, or let time pass.
    enum Step {
        case add(Int, waitMillis: Int?)
        case otherTimer(afterMillis: Int)
        case pass(millis: Int)
    }

    static let step = zip(Gen.int(in: 0...9), Gen.int(in: 0...5), Gen.int(in: 0...300)).map { kind, key, n -> Step in
        switch kind {
        case 0...4: .add(key, waitMillis: nil)
        case 5...6: .add(key, waitMillis: [0, 50, 100, 400][n % 4])
        case 7: .otherTimer(afterMillis: n)
        default: .pass(millis: n)
        }
    }

    final class Log { var lines: [String] = [] }

    /// One timer per key, as every queued key had before.
    final class ModelQueue {
        let clock: VirtualClock, delay: SimDuration, log: Log, stepped: Bool
        var pending: Set<Int> = []
        var react: ((Int) -> Void)?

        init(clock: VirtualClock, delay: SimDuration, log: Log, stepped: Bool) {
            (self.clock, self.delay, self.log, self.stepped) = (clock, delay, log, stepped)
        }

        func add(_ key: Int, after wait: SimDuration? = nil) {
            guard pending.insert(key).inserted else { return }
            if stepped {
                var done = -1
                clock.scheduleInSteps(after: wait ?? delay) { [self] in
                    if done < 0 { pending.remove(key) }
                    done += 1
                    return WorkQueueOrderPropertyTests.syncStep(key, done, log: log, react: react)
                }
            } else {
                clock.schedule(after: wait ?? delay) { [self] in
                    pending.remove(key)
                    _ = WorkQueueOrderPropertyTests.syncStep(key, 0, log: log, react: react)
                }
            }
        }
    }

    /// Step `n` of syncing `key`: logged with the time; a stepped sync takes `key % 3 + 1`
    /// steps. Syncing keys 0 and 1 adds key 5 and key 1 again (a sync that requeues).
    static func syncStep(_ key: Int, _ n: Int, log: Log, react: ((Int) -> Void)?) -> Bool {
        log.lines.append("key \(key) step \(n)")
        if n == 0, key == 0 { react?(5) }
        if n == 0, key == 1 { react?(1) }
        return n < key % 3
    }

    static func run(_ steps: [Step], stepped: Bool, sliced: Bool, real: Bool) -> [String] {
        let clock = VirtualClock(), log = Log()
        let delay = SimDuration.milliseconds(100)
        let add: (Int, SimDuration?) -> Void
        if real {
            var queue: WorkQueue<String>!
            var react: ((Int) -> Void)?
            if stepped {
                queue = WorkQueue(clock: clock, delay: delay, name: "test", processInSteps: { key in
                    let k = Int(key)!
                    var n = 0
                    guard syncStep(k, 0, log: log, react: react) else { return nil }
                    return { n += 1; return syncStep(k, n, log: log, react: react) }
                })
            } else {
                queue = WorkQueue(clock: clock, delay: delay, name: "test") { key in _ = syncStep(Int(key)!, 0, log: log, react: react) }
            }
            react = { queue.add(String($0)) }
            add = { key, wait in wait.map { queue.add(String(key), after: $0) } ?? queue.add(String(key)) }
            return drive(steps, clock: clock, log: log, sliced: sliced, add: add, keep: queue!)
        } else {
            let model = ModelQueue(clock: clock, delay: delay, log: log, stepped: stepped)
            model.react = { model.add($0) }
            add = { model.add($0, after: $1) }
            return drive(steps, clock: clock, log: log, sliced: sliced, add: add, keep: model)
        }
    }

    /// Runs the steps; `keep`, the queue, lives until the end (its timers do not hold it).
    static func drive(_ steps: [Step], clock: VirtualClock, log: Log, sliced: Bool,
                      add: (Int, SimDuration?) -> Void, keep: AnyObject) -> [String] {
        func advance(to target: SimTime) {
            if sliced { while !clock.advance(to: target, while: { false }) {} } else { clock.advance(to: target) }
        }
        for step in steps {
            switch step {
            case .add(let key, let wait): add(key, wait.map { .milliseconds(Int64($0)) })
            case .otherTimer(let after):
                let label = "timer set at \(clock.now.milliseconds) for +\(after)"
                clock.schedule(after: .milliseconds(Int64(after))) { log.lines.append(label) }
            case .pass(let millis):
                advance(to: clock.now + .milliseconds(Int64(millis)))
                log.lines.append("now \(clock.now.milliseconds)")
            }
        }
        advance(to: clock.now + .seconds(5))
        withExtendedLifetime(keep) {}
        return log.lines
    }

    @Test func syncsHappenInTheOrderOneTimerPerKeyGives() async {
        await propertyCheck(count: 200, input: zip(Self.step.array(of: 0...40), Gen.bool, Gen.bool)) { steps, stepped, sliced in
            let model = Self.run(steps, stepped: stepped, sliced: sliced, real: false)
            let queue = Self.run(steps, stepped: stepped, sliced: sliced, real: true)
            #expect(queue == model)
        }
    }

    @Test func aQueueGoneBeforeItsTimersSyncsNothing() {
        let clock = VirtualClock()
        var synced: [String] = []
        var queue: WorkQueue<String>? = WorkQueue(clock: clock, delay: .milliseconds(100), name: "test") { synced.append($0) }
        queue?.add("a")
        queue?.add("b", after: .milliseconds(50))
        queue = nil
        clock.advance(to: clock.now + .seconds(1))
        #expect(synced.isEmpty)
        #expect(clock.pendingTimers == 0)
    }
}
